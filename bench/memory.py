"""Memory of the serving stack: each process's RSS and PSS, from ``/proc/<pid>/smaps_rollup``.

RSS counts every page a process maps, shared ones in full; PSS splits each shared page among
the processes sharing it, so the PSS of several processes adds up to what they really take.
The stack is the gunicorn master and its workers, the task queue's worker, and the embedded
PostgreSQL server with all its processes (not counted when ``DATABASE_URL`` names a server).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psutil
from django.conf import settings


@dataclass(frozen=True)
class Usage:
    rss_mb: float
    pss_mb: float


def usage(pid: int) -> Usage:
    """One process's RSS and PSS in MB (0 for a process gone meanwhile)."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            name, value, *_ = line.split()
            fields[name.rstrip(":")] = int(value)
    except OSError:
        return Usage(0, 0)
    return Usage(fields.get("Rss", 0) / 1024, fields.get("Pss", 0) / 1024)


def total(pids: list[int]) -> Usage:
    each = [usage(pid) for pid in pids]
    return Usage(sum(u.rss_mb for u in each), sum(u.pss_mb for u in each))


def postgres_pids() -> list[int]:
    """The embedded server's processes (postmaster first), or none for another server."""
    entry = settings.DATABASES["default"]
    if entry["ENGINE"] != "smartrecovery.embedded_db":
        return []
    try:
        postmaster = int((Path(entry["DATA_DIR"]) / "postmaster.pid").read_text().split()[0])
        server = psutil.Process(postmaster)
        return [postmaster, *(child.pid for child in server.children())]
    except (OSError, ValueError, psutil.Error):
        return []


def children(pid: int) -> list[int]:
    try:
        return [child.pid for child in psutil.Process(pid).children()]
    except psutil.Error:
        return []


def stack_rows(gunicorn_pid: int, worker_pid: int | None) -> list[list[str]]:
    """A table of the stack's processes: each web worker, then the groups and their sum."""
    web_workers = children(gunicorn_pid)
    rows = [[f"gunicorn worker {n}", *_cells(usage(pid))] for n, pid in enumerate(web_workers, 1)]
    groups = {
        "gunicorn (master and workers)": [gunicorn_pid, *web_workers],
        "task worker (db_worker)": [worker_pid, *children(worker_pid)] if worker_pid else [],
        "PostgreSQL (embedded, every process)": postgres_pids(),
    }
    for name, pids in groups.items():
        rows.append([name, *_cells(total(pids))])
    everything = [pid for pids in groups.values() for pid in pids]
    rows.append(["whole stack", *_cells(total(everything))])
    return rows


def _cells(value: Usage) -> list[str]:
    return [f"{value.rss_mb:.0f}", f"{value.pss_mb:.0f}"]
