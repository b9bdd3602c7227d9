"""Cheap pages while clients flood the finder with places that do not exist.

The security target: a flood of unknown places must not slow other pages more than 2x. On the
10,000-meeting benchmark database, under gunicorn (two workers, ``DEBUG=0``, as
``bench/feed.py`` serves it) with ``PROXY_COUNT=1``, so that each simulated client can name its
own address in ``X-Forwarded-For``. One visitor fetches two cheap pages in turn (the home page,
and the finder for a place already looked up), alone for ``BENCH_FLOOD_SECONDS`` seconds and then
while ``BENCH_FLOOD_CLIENTS`` threads send ``/meetings/?near=<random letters>`` as fast as the
server answers, in two kinds of flood:

- **8 clients**: each thread one address, as the rate limit sees a few abusive clients. Their
  first phase includes the lookups each is allowed before the limit; the next phase, which
  follows at once (within the limit's minute while ``BENCH_FLOOD_SECONDS`` is under 30), is
  what a flood costs once they are spent;
- **a new address every request**: the rate limit never applies, so every request is a lookup
  the caches have not seen (what a large botnet could do);
- and, as a control, 8 clients flooding ``/healthz``, which costs almost nothing: what any
  flood costs the visitor here, in queueing for the two workers and in the load generator's
  own CPU on the same two cores.

Everything goes to 127.0.0.1 only, and each phase stops after its seconds or
``MAX_REQUESTS`` requests, whichever comes first. The table gives the visitor's p50 and p95 in
each phase and their ratio to the quiet phase, and what the flood got (responses by status).
"""

from __future__ import annotations

import collections
import contextlib
import http.client
import itertools
import os
import random
import string
import threading
import time
from collections.abc import Callable, Iterator
from urllib.parse import quote

from bench.common import print_table, summary
from bench.database import bench_database
from bench.feed import HOST, get, gunicorn

MEETINGS = 10_000
CLIENTS = int(os.environ.get("BENCH_FLOOD_CLIENTS", "8"))
SECONDS = int(os.environ.get("BENCH_FLOOD_SECONDS", "10"))
# However fast the server, a phase stops after this many requests (all threads together).
MAX_REQUESTS = 50_000
CHEAP_PAGES = ["/", "/meetings/?near=Austin%2C+TX"]
VISITOR = "10.1.0.1"
RATIO_TARGET = 2.0


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """Set environment variables for a subprocess started in the block (gunicorn)."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def junk(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(6, 14)))


class Phase:
    """Requests sent from several threads until a deadline or a total count."""

    def __init__(self, port: int, seconds: float, name: str) -> None:
        self.port = port
        self.name = name
        self.deadline = time.perf_counter() + seconds
        self.budget = itertools.count()
        self.lock = threading.Lock()
        self.visitor: dict[str, list[float]] = collections.defaultdict(list)
        self.flood_statuses: collections.Counter[int | str] = collections.Counter()

    def going(self) -> bool:
        return time.perf_counter() < self.deadline and next(self.budget) < MAX_REQUESTS

    def send(self, path: str, address: str) -> tuple[int | str, float]:
        conn = http.client.HTTPConnection(HOST, self.port, timeout=30)
        begin = time.perf_counter()
        try:
            conn.request("GET", path, headers={"X-Forwarded-For": address})
            response = conn.getresponse()
            response.read()
            status: int | str = response.status
        except (OSError, http.client.HTTPException) as error:
            status = type(error).__name__
        finally:
            conn.close()
        return status, (time.perf_counter() - begin) * 1000

    def visit(self) -> None:
        """The visitor: the cheap pages in turn, one request at a time."""
        for path in itertools.cycle(CHEAP_PAGES):
            if not self.going():
                return
            status, elapsed = self.send(path, VISITOR)
            if status != 200:
                raise SystemExit(f"{path} answered {status} during the benchmark")
            with self.lock:
                self.visitor[path].append(elapsed)

    def flood(self, number: int, address: Callable[[], str], path: str | None) -> None:
        """One flooding client: ``path``, or the finder with random letters for a place."""
        # Junk of its own in every phase: a string sent before would be answered from the cache.
        rng = random.Random(f"{self.name} {number}")
        statuses: collections.Counter[int | str] = collections.Counter()
        while self.going():
            status, _ = self.send(path or f"/meetings/?near={quote(junk(rng))}", address())
            statuses[status] += 1
        with self.lock:
            self.flood_statuses.update(statuses)

    def run(self, flooders: list[Callable[[], str]], path: str | None = None) -> None:
        threads = [threading.Thread(target=self.visit)]
        threads += [
            threading.Thread(target=self.flood, args=(number, address, path))
            for number, address in enumerate(flooders)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 60)


def fixed_addresses() -> list[Callable[[], str]]:
    return [lambda number=number: f"10.2.0.{number + 1}" for number in range(CLIENTS)]


def new_address_every_request() -> list[Callable[[], str]]:
    counter = itertools.count(1)
    lock = threading.Lock()

    def address() -> str:
        with lock:
            number = next(counter)
        return f"10.{3 + number // 65536 % 250}.{number // 256 % 256}.{number % 256}"

    return [address] * CLIENTS


def run() -> None:
    with (
        bench_database(MEETINGS) as database,
        environment(PROXY_COUNT="1"),
        gunicorn(database) as port,
    ):
        # Both workers look the visitor's place up and load their templates before timing.
        warm_until = time.monotonic() + 3
        while time.monotonic() < warm_until:
            for path in CHEAP_PAGES:
                status, _ = get(port, path, {"X-Forwarded-For": VISITOR})
                if status != 200:
                    raise SystemExit(f"{path} answered {status} under gunicorn")
        load = os.getloadavg()[0]
        phases = {}
        for label, flooders, path in (
            ("alone", [], None),
            (f"{CLIENTS} clients flooding", fixed_addresses(), None),
            (f"{CLIENTS} clients flooding on, lookups spent", fixed_addresses(), None),
            ("a new address every request", new_address_every_request(), None),
            (f"control: {CLIENTS} clients flooding /healthz", fixed_addresses(), "/healthz"),
        ):
            phase = Phase(port, SECONDS, label)
            phase.run(flooders, path)
            phases[label] = phase
    rows = []
    alone = phases["alone"]
    for label, phase in phases.items():
        flood = phase.flood_statuses
        got = ", ".join(f"{count:,} x {status}" for status, count in sorted(flood.items(), key=str))
        for path in CHEAP_PAGES:
            row = summary(f"{path} ({label})", phase.visitor[path])
            quiet = summary("", alone.visitor[path])
            p50_ratio = float(row[2]) / float(quiet[2])
            p95_ratio = float(row[3]) / float(quiet[3])
            verdict = ""
            if phase is not alone and "control" not in label:
                verdict = "met" if max(p50_ratio, p95_ratio) <= RATIO_TARGET else "MISSED"
            rows.append(
                [*row, f"{p50_ratio:.2f}", f"{p95_ratio:.2f}", verdict, got if path == "/" else ""]
            )
    print_table(
        f"Cheap pages during a flood of unknown places, gunicorn 2 workers, DEBUG=0, "
        f"{MEETINGS:,} meetings ({CLIENTS} flooding threads, {SECONDS} s a phase, "
        f"load average {load:.1f}, ms)",
        [
            "visitor's page (phase)",
            "requests",
            "p50",
            "p95",
            "p50 x",
            "p95 x",
            "<= 2x",
            "flood got",
        ],
        rows,
    )
