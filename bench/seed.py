"""How long seed_demo takes to create many meetings (inside a transaction that is rolled back)."""

from __future__ import annotations

import os
import time
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from bench.common import print_table

SIZES = [int(size) for size in os.environ.get("BENCH_SEED_SIZES", "10000,100000").split(",")]


class Rollback(Exception):
    pass


def timed_seed(count: int) -> float:
    started = time.perf_counter()
    try:
        with transaction.atomic():
            call_command(
                "seed_demo",
                "--meetings",
                str(count),
                "--seed",
                "99",
                "--no-accounts",
                stdout=StringIO(),
            )
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        return elapsed


def run() -> None:
    rows = [[f"{size:,}", f"{timed_seed(size):.1f}"] for size in SIZES]
    print_table("seed_demo (s)", ["meetings", "seconds"], rows)
