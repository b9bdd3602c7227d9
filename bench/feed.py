"""``/meetings.json``: built in the background and stored once, measured in-process and served.

In-process (``django.test.Client``, ``DEBUG`` off): the cold build of the stored feed (PostgreSQL
writes the records, then gzip and the ETag) at 10,000 and 100,000 meetings, beside the build in
Python that requests paid before; a request right after a change (it queues the rebuild and
answers from the stored feed); the stored feed warm. Then a production-like stack on the same
database (``gunicorn --workers 2``, ``DEBUG=0``, static files collected, one ``db_worker``) and a
small load generator on 127.0.0.1 only (``wrk`` when installed, else threads with
``http.client``; ``BENCH_LOAD_CLIENTS`` connections for ``BENCH_LOAD_SECONDS`` seconds): every
request during a rebuild after an edit, how soon the new feed is served, throughput of the feed,
the finder page and the API, and the stack's memory (``bench/memory.py``) idle and after the
load. Last, two gunicorn instances on one database and one Redis cache (when ``redis-server`` is
installed) and one worker: an edit, and the feed built once for both.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import gzip
import http.client
import itertools
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bench import memory
from bench.common import print_table, summary, timings_ms
from bench.database import bench_database, database_url
from meetings import public_feed
from meetings.feed import feed_json, feed_records
from meetings.models import DirectoryVersion, Meeting, PublishedFeed

MEETINGS = 10_000
LARGE = 100_000
COLD_RUNS = 5
AFTER_CHANGE_RUNS = 50
CACHED_RUNS = 300
CLIENTS = int(os.environ.get("BENCH_LOAD_CLIENTS", "4"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "10"))
# However fast the server, a load run stops after this many requests.
MAX_REQUESTS = 200_000
HOST = "127.0.0.1"
FINDER_PAGE = "/meetings/?near=Austin%2C+TX"
FEED = "/meetings.json"
GZIP = {"Accept-Encoding": "gzip"}
START_TIMEOUT = 60
# Seconds an edit's new feed may take to be served before the benchmark gives up.
REBUILD_LIMIT = 30


def fetch(client: Client, path: str, **headers: str) -> bytes:
    response = client.get(path, headers=headers)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: fix it before timing it")
    return response.content


def changed() -> None:
    """What an edit leaves behind: a newer directory version, and no rebuild queued yet."""
    DirectoryVersion.bump()
    PublishedFeed.objects.update(rebuild_queued_at=None, failed_at=None)


def build_in_python() -> None:
    """The build every worker's first request paid before: records in Python, gzip level 6."""
    today = timezone.now().date()
    body = feed_json(feed_records(Meeting.objects.public(), today=today))
    gzip.compress(body, compresslevel=6, mtime=0)


def backend_cpu_ms() -> float | None:
    """CPU time so far of this connection's PostgreSQL backend, when it runs on this machine."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    # utime and stime, in clock ticks.
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def cpu_per_run(action: Callable[[], object], runs: int) -> str:
    """CPU ms per run in PostgreSQL and in Python: what the wall time would be on an idle
    machine, whatever the load of the shared one."""
    server, python = backend_cpu_ms(), time.process_time()
    for _ in range(runs):
        action()
    python_ms = (time.process_time() - python) * 1000 / runs
    if server is None:
        return f"Python {python_ms:.0f}"
    server_ms = (backend_cpu_ms() - server) / runs
    return f"{server_ms + python_ms:.0f} (PostgreSQL {server_ms:.0f} + Python {python_ms:.0f})"


def cold_builds(size: int, runs: int) -> list[list[str]]:
    """The stored feed built from a changed directory, and the old build in Python."""

    def build() -> None:
        DirectoryVersion.bump()
        public_feed.build_public_feed()

    stored = timings_ms(build, runs, warmup=1)
    stored_cpu = cpu_per_run(build, runs)
    python_runs = max(1, runs // 2)
    python = timings_ms(build_in_python, python_runs, warmup=0)
    python_cpu = cpu_per_run(build_in_python, python_runs)
    target = {MEETINGS: "< 300 ms", LARGE: "< 3,000 ms"}[size]
    return [
        [*summary(f"{size:,}: cold build, PostgreSQL writes the JSON", stored), stored_cpu, target],
        [*summary(f"{size:,}: before: records built in Python", python), python_cpu, ""],
    ]


def in_process() -> list[list[str]]:
    client = Client(HTTP_HOST="localhost")
    fetch(client, FEED, **GZIP)
    etag = PublishedFeed.objects.get(pk=1).etag

    def after_change() -> None:
        changed()
        fetch(client, FEED, **GZIP)

    after = timings_ms(after_change, AFTER_CHANGE_RUNS, warmup=1)
    # Each of those requests queued a rebuild for the worker; none ran, none is wanted.
    DBTaskResult.objects.filter(status="READY").delete()
    PublishedFeed.objects.update(rebuild_queued_at=None)
    if PublishedFeed.objects.get(pk=1).etag != etag:
        raise SystemExit("a request after a change rebuilt the feed itself")
    public_feed.build_public_feed()
    cached_gzip = timings_ms(lambda: fetch(client, FEED, **GZIP), CACHED_RUNS)
    cached_plain = timings_ms(lambda: fetch(client, FEED), CACHED_RUNS)
    plain = fetch(client, FEED)
    response = client.get(FEED, headers=GZIP)
    compressed = response.content
    encoding = response.get("Content-Encoding", "none")
    size = f"{len(plain) / 1024:,.0f} KB"
    gz_size = f"{len(compressed) / 1024:,.0f} KB ({encoding}, {len(plain) / len(compressed):.1f}x)"
    return [
        [*summary("right after a change (queues a rebuild)", after), gz_size, "< 150 ms"],
        [*summary("stored, Accept-Encoding: gzip", cached_gzip), gz_size, "< 20 ms"],
        [*summary("stored, no Accept-Encoding", cached_plain), size, ""],
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(database: str) -> dict[str, str]:
    """The environment of a production-like process on the benchmark database."""
    env = dict(os.environ)
    env.update(
        DATABASE_URL=database_url(database),
        DJANGO_SETTINGS_MODULE="smartrecovery.settings",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        # A throwaway Fernet key: the benchmark reads no worksheet.
        WORKSHEET_KEYS=os.environ.get("WORKSHEET_KEYS")
        or base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        LOG_LEVEL="WARNING",
    )
    return env


def collect_static(env: dict[str, str]) -> None:
    """Hashed, compressed static files in STATIC_ROOT (.data/staticfiles), as DEBUG=0 needs."""
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        timeout=300,
    )


def get(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(database: str, workers: int = 2, **env: str) -> Iterator[int]:
    """Serve the benchmark database with gunicorn on a free local port; always stopped after."""
    with serving(database, workers, **env) as (port, _):
        yield port


@contextlib.contextmanager
def serving(database: str, workers: int = 2, **env: str) -> Iterator[tuple[int, int]]:
    """gunicorn on a free local port: its port and the master's pid."""
    environment = {**production_env(database), **env}
    collect_static(environment)
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "smartrecovery.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
    ]
    with started(command, environment) as (server, log_path):
        wait_until_up(server, port, log_path)
        yield port, server.pid


@contextlib.contextmanager
def task_worker(database: str, **env: str) -> Iterator[int]:
    """The task queue's worker on the benchmark database, as ``make run`` starts it: its pid."""
    command = [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay"]
    with started(command, {**production_env(database), **env}) as (worker, _):
        yield worker.pid


@contextlib.contextmanager
def started(command: list[str], env: dict[str, str]) -> Iterator[tuple[subprocess.Popen, Path]]:
    """A process of the project, its output in a log; stopped (SIGTERM, then SIGKILL) after."""
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        log_path = Path(folder) / "process.log"
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                yield process, log_path
            finally:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)


def wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn exited ({server.returncode}):\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            if get(port, "/healthz")[0] == 200:
                return
        time.sleep(0.2)
    raise SystemExit(f"gunicorn did not answer /healthz in {START_TIMEOUT} s:\n{log.read_text()}")


WRK_SCRIPT = """
local paths = {%s}
local turn = 0
request = function()
  turn = turn %% #paths + 1
  return wrk.format("GET", paths[turn])
end
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("BENCH %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests,
    summary.duration, errors, summary.bytes, latency:percentile(50), latency:percentile(95),
    latency:percentile(99)))
end
"""


def load(port: int, paths: list[str], headers: dict[str, str] | None = None) -> dict:
    """Requests/s and latency (ms) with CLIENTS connections for SECONDS s, cycling over paths."""
    if shutil.which("wrk"):
        return load_with_wrk(port, paths, headers or {})
    return load_with_threads(port, paths, headers or {})


def load_with_wrk(port: int, paths: list[str], headers: dict[str, str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
        script.flush()
        command = [
            "wrk",
            f"-t{min(2, CLIENTS)}",
            f"-c{CLIENTS}",
            f"-d{SECONDS}s",
            "--timeout",
            "30s",
            "-s",
            script.name,
        ]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        command.append(f"http://{HOST}:{port}{paths[0]}")
        output = subprocess.run(
            command, capture_output=True, text=True, check=True, timeout=SECONDS + 60
        ).stdout
    found = re.search(r"^BENCH (.+)$", output, re.MULTILINE)
    if found is None:
        raise SystemExit(f"wrk said:\n{output}")
    requests, duration_us, errors, size, p50, p95, p99 = (int(n) for n in found[1].split())
    return {
        "tool": "wrk",
        "requests": requests,
        "errors": errors,
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "p99": p99 / 1000,
        "bytes": size / max(requests, 1),
    }


def load_with_threads(port: int, paths: list[str], headers: dict[str, str]) -> dict:
    """The fallback: CLIENTS threads, each one request at a time, until the time is up."""
    latencies: list[float] = []
    counts = {"errors": 0, "bytes": 0}
    lock = threading.Lock()
    started = time.perf_counter()
    deadline = started + SECONDS

    def client(offset: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        mine: list[float] = []
        failed = size = 0
        turn = itertools.islice(itertools.cycle(paths), offset, None)
        try:
            for _ in range(MAX_REQUESTS // CLIENTS):
                if time.perf_counter() >= deadline:
                    break
                begin = time.perf_counter()
                try:
                    conn.request("GET", next(turn), headers=headers)
                    response = conn.getresponse()
                    body = response.read()
                except (OSError, http.client.HTTPException):
                    conn.close()
                    failed += 1
                    continue
                mine.append((time.perf_counter() - begin) * 1000)
                size += len(body)
                if response.status != 200:
                    failed += 1
        finally:
            conn.close()
        with lock:
            latencies.extend(mine)
            counts["errors"] += failed
            counts["bytes"] += size

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)
    elapsed = time.perf_counter() - started
    if not latencies:
        raise SystemExit(f"no request to {paths[0]} succeeded ({counts['errors']} failed)")
    ordered = sorted(latencies)
    row = summary("", ordered)
    return {
        "tool": "Python threads",
        "requests": len(ordered),
        "errors": counts["errors"],
        "rps": len(ordered) / elapsed,
        "p50": float(row[2]),
        "p95": float(row[3]),
        "p99": ordered[max(0, round(0.99 * len(ordered)) - 1)],
        "bytes": counts["bytes"] / len(ordered),
    }


def load_row(label: str, result: dict[str, float], target: str) -> list[str]:
    return [
        label,
        f"{result['requests']:,}",
        str(result["errors"]),
        f"{result['rps']:.0f}",
        f"{result['p50']:.1f}",
        f"{result['p95']:.1f}",
        f"{result['p99']:.1f}",
        f"{result['bytes'] / 1024:,.1f}",
        target,
    ]


def feed_etag(port: int) -> str:
    """The ETag a gzip-accepting reader gets from the server on ``port``."""
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request("GET", FEED, headers=GZIP)
        response = conn.getresponse()
        response.read()
        if response.status != 200:
            raise SystemExit(f"{FEED} answered {response.status} under gunicorn")
        return response.getheader("ETag")
    finally:
        conn.close()


def edit_a_meeting() -> None:
    """An edit as the admin saves it: the signal queues the rebuild once it is committed."""
    meeting = Meeting.objects.public().order_by("pk").first()
    suffix = " (edited)"
    meeting.name = (
        meeting.name.removesuffix(suffix)
        if meeting.name.endswith(suffix)
        else (meeting.name + suffix)
    )
    meeting.save()


def until_rebuilt(ports: list[int]) -> tuple[list[float], float]:
    """Edit a meeting, then read the feed from each server in turn until every one serves the
    new feed: each request's latency (ms), and the seconds until the last served it."""
    old = feed_etag(ports[0])
    edit_a_meeting()
    started = time.perf_counter()
    latencies: list[float] = []
    new_since: dict[int, float] = {}
    while len(new_since) < len(ports):
        if time.perf_counter() - started > REBUILD_LIMIT:
            raise SystemExit(f"the new feed was not served within {REBUILD_LIMIT} s")
        for port in ports:
            begin = time.perf_counter()
            etag = feed_etag(port)
            latencies.append((time.perf_counter() - begin) * 1000)
            if etag != old:
                new_since.setdefault(port, time.perf_counter() - started)
    return latencies, max(new_since.values())


def rebuild_row(label: str, latencies: list[float], seconds: float) -> list[str]:
    ordered = sorted(latencies)
    return [
        label,
        str(len(ordered)),
        f"{summary('', ordered)[2]}",
        f"{ordered[-1]:.1f}",
        f"{seconds:.2f}",
    ]


def under_gunicorn(database: str) -> dict[str, list[list[str]]]:
    tables: dict[str, list[list[str]]] = {}
    with task_worker(database) as worker, serving(database) as (port, master):
        tables["memory, idle"] = memory.stack_rows(master, worker)
        status, _ = get(port, FINDER_PAGE)
        if status != 200:
            raise SystemExit(f"{FINDER_PAGE} answered {status} under gunicorn")
        # Both workers read the stored feed and warm up before measuring.
        warm_until = time.monotonic() + 3
        while time.monotonic() < warm_until:
            for path in (FEED, FINDER_PAGE):
                get(port, path, GZIP)
        since = timezone.now()
        latencies, seconds = until_rebuilt([port])
        feed = load(port, [FEED], GZIP)
        page = load(port, [FINDER_PAGE])
        page_gzip = load(port, [FINDER_PAGE], GZIP)
        api = load(port, ["/api/meetings/?near=Austin%2C+TX"], GZIP)
        tables["load"] = [
            load_row("/meetings.json (gzip)", feed, "p50 < 5 ms, > 100/s"),
            load_row("/meetings/?near=Austin, TX", page, ""),
            load_row("/meetings/?near=Austin, TX (gzip)", page_gzip, ""),
            load_row("/api/meetings/?near=Austin, TX (gzip)", api, ""),
        ]
        tables["memory, after the load"] = memory.stack_rows(master, worker)
    # Counted now: the worker marks its job done a moment after it has stored the feed.
    row = rebuild_row("one server, 2 workers", latencies, seconds)
    tables["rebuild"] = [[*row, str(builds_since(since))]]
    tables["tool"] = [[feed["tool"]]]
    return tables


@contextlib.contextmanager
def redis_server() -> Iterator[str]:
    """A Redis server of its own on a free local port (its URL), or "" without redis-server."""
    if not shutil.which("redis-server"):
        yield ""
        return
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", HOST, "--save", "", "--appendonly"]
    with started([*command, "no"], dict(os.environ)):
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection((HOST, port), 1) as probe:
                probe.sendall(b"PING\r\n")
                if probe.recv(16).startswith(b"+PONG"):
                    break
            time.sleep(0.1)
        yield f"redis://{HOST}:{port}/0"


def builds_since(since: datetime.datetime) -> int:
    """Feeds built by the task queue's workers since then (a rebuild that found the stored feed
    current returns False and is not counted)."""
    return DBTaskResult.objects.filter(
        task_path="meetings.public_feed.rebuild_feed",
        enqueued_at__gte=since,
        status="SUCCESSFUL",
        return_value=True,
    ).count()


def two_instances(database: str) -> tuple[list[list[str]], str]:
    """Two gunicorn instances (one worker each) on one database and one cache, one task worker:
    an edit, the feed built how many times, and how soon both serve it."""
    with (
        redis_server() as redis_url,
        task_worker(database, REDIS_URL=redis_url),
        serving(database, 1, REDIS_URL=redis_url) as (first, _),
        serving(database, 1, REDIS_URL=redis_url) as (second, _),
    ):
        for port in (first, second):
            feed_etag(port)
        since = timezone.now()
        latencies, seconds = until_rebuilt([first, second])
        time.sleep(2)
    row = [*rebuild_row("two servers, 1 worker each", latencies, seconds), str(builds_since(since))]
    return [row], f"cache: {'Redis' if redis_url else 'each process its own (no redis-server)'}"


def run() -> None:
    with bench_database(LARGE):
        large = cold_builds(LARGE, 3)
    with bench_database(MEETINGS) as database:
        with override_settings(DEBUG=False):
            rows = [*cold_builds(MEETINGS, COLD_RUNS), *in_process()]
        print_table(
            "/meetings.json, stored and rebuilt in the background (in-process, DEBUG off, ms)",
            ["what", "runs", "p50", "p95", "CPU ms / body", "target"],
            [*large, *rows],
        )
        tables = under_gunicorn(database)
        two, cache_note = two_instances(database)
    tool = tables["tool"][0][0]
    print_table(
        f"After an edit, under gunicorn ({MEETINGS:,} meetings, one db_worker): every request "
        "until the new feed is served",
        ["servers", "requests", "p50 ms", "max ms", "new feed after s", "builds"],
        [*tables["rebuild"], *two],
    )
    print(f"({cache_note}; targets: every request < 150 ms, new feed within 5 s, one build)")
    print_table(
        f"Under gunicorn, 2 workers, DEBUG=0, {MEETINGS:,} meetings ({tool}, {CLIENTS} "
        f"connections, {SECONDS} s each)",
        ["path", "requests", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms", "KB/resp", "target"],
        tables["load"],
    )
    for name in ("memory, idle", "memory, after the load"):
        print_table(
            f"The stack's {name} (MB; target: each web worker's RSS <= 100 MB)",
            ["process", "RSS", "PSS"],
            tables[name],
        )
