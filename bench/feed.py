"""``/meetings.json`` for 10,000 meetings, cold and cached, and throughput under gunicorn.

In-process (``django.test.Client``, ``DEBUG`` off): the feed cold (a new directory version and an
empty cache, so it is built, serialised and gzipped) and from cache, and its gzip ratio. Then a
production-like server on the same database (``gunicorn --workers 2``, ``DEBUG=0``, static files
collected) and a small load generator on 127.0.0.1 only (``wrk`` when installed, else threads
with ``http.client``; ``BENCH_LOAD_CLIENTS`` connections for ``BENCH_LOAD_SECONDS`` seconds):
requests per second and latency for the feed (gzip accepted) and for the finder page.
"""

from __future__ import annotations

import base64
import contextlib
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
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings

from bench.common import print_table, summary, timings_ms
from bench.database import bench_database, database_url
from meetings.models import DirectoryVersion

MEETINGS = 10_000
COLD_RUNS = 5
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


def cold_feed(client: Client) -> None:
    cache.clear()
    DirectoryVersion.bump()
    fetch(client, FEED)


def fetch(client: Client, path: str, **headers: str) -> bytes:
    response = client.get(path, headers=headers)
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}: fix it before timing it")
    return response.content


def in_process() -> list[list[str]]:
    client = Client(HTTP_HOST="localhost")
    cold = timings_ms(lambda: cold_feed(client), COLD_RUNS, warmup=1)
    cached_gzip = timings_ms(lambda: fetch(client, FEED, **GZIP), CACHED_RUNS)
    cached_plain = timings_ms(lambda: fetch(client, FEED), CACHED_RUNS)
    plain = fetch(client, FEED)
    response = client.get(FEED, headers=GZIP)
    compressed = response.content
    encoding = response.get("Content-Encoding", "none")
    size = f"{len(plain) / 1024:,.0f} KB"
    gz_size = f"{len(compressed) / 1024:,.0f} KB ({encoding}, {len(plain) / len(compressed):.1f}x)"
    return [
        [*summary("cold: built, serialised, gzipped", cold), size, "< 500 ms"],
        [*summary("cached, Accept-Encoding: gzip", cached_gzip), gz_size, "< 20 ms"],
        [*summary("cached, no Accept-Encoding", cached_plain), size, ""],
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
def gunicorn(database: str, workers: int = 2) -> Iterator[int]:
    """Serve the benchmark database with gunicorn on a free local port; always stopped after."""
    env = production_env(database)
    collect_static(env)
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
    with tempfile.TemporaryDirectory(prefix="bench-gunicorn-") as folder:
        log_path = Path(folder) / "gunicorn.log"
        with log_path.open("wb") as log:
            server = subprocess.Popen(
                command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT
            )
            try:
                wait_until_up(server, port, log_path)
                yield port
            finally:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait(timeout=10)


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


def under_gunicorn(database: str) -> tuple[list[list[str]], str]:
    rows = []
    with gunicorn(database) as port:
        # The first feed request of each worker builds the feed; time the first one.
        started = time.perf_counter()
        status, _ = get(port, FEED, GZIP)
        first = (time.perf_counter() - started) * 1000
        if status != 200:
            raise SystemExit(f"{FEED} answered {status} under gunicorn")
        status, _ = get(port, FINDER_PAGE)
        if status != 200:
            raise SystemExit(f"{FINDER_PAGE} answered {status} under gunicorn")
        # Warm every worker's cache before measuring.
        warm_until = time.monotonic() + 3
        while time.monotonic() < warm_until:
            for path in (FEED, FINDER_PAGE):
                get(port, path, GZIP)
        feed = load(port, [FEED], GZIP)
        rows.append(load_row("/meetings.json (gzip)", feed, "> 100/s"))
        page = load(port, [FINDER_PAGE])
        rows.append(load_row("/meetings/?near=Austin, TX", page, ""))
        api = load(port, ["/api/meetings/?near=Austin%2C+TX"])
        rows.append(load_row("/api/meetings/?near=Austin, TX", api, ""))
    note = (
        f"{feed['tool']}, {CLIENTS} connections, {SECONDS} s each; first cold feed {first:.0f} ms"
    )
    return rows, note


def run() -> None:
    with bench_database(MEETINGS) as database:
        with override_settings(DEBUG=False):
            rows = in_process()
        print_table(
            f"/meetings.json, {MEETINGS:,} meetings (in-process, DEBUG off, ms)",
            ["what", "runs", "p50", "p95", "body", "target"],
            rows,
        )
        rows, note = under_gunicorn(database)
        print_table(
            f"Under gunicorn, 2 workers, DEBUG=0, {MEETINGS:,} meetings ({note})",
            [
                "path",
                "requests",
                "errors",
                "req/s",
                "p50 ms",
                "p95 ms",
                "p99 ms",
                "KB/resp",
                "target",
            ],
            rows,
        )
