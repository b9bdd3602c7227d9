"""Baseline: the cost of a page and of a database round trip through the whole Django stack."""

from __future__ import annotations

from django.db import connection
from django.test import Client

from bench.common import print_table, summary, timings_ms

REPEAT = 300


def select_one() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def fetch(client: Client, path: str) -> None:
    """Fetch a page, refusing to time anything but a success."""
    status = client.get(path).status_code
    if status != 200:
        raise SystemExit(f"{path} answered {status}: fix it before timing it")


def run() -> None:
    client = Client(HTTP_HOST="localhost")
    rows = [
        summary("SELECT 1 (bare SQL)", timings_ms(select_one, REPEAT)),
        summary("GET /healthz", timings_ms(lambda: fetch(client, "/healthz"), REPEAT)),
        summary("GET / (home page)", timings_ms(lambda: fetch(client, "/"), REPEAT)),
    ]
    print_table("Pages (in-process, ms)", ["what", "runs", "p50", "p95"], rows)
