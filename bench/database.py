"""Benchmark databases: ``smartrecovery_bench_<N>``, beside the project's own, kept between runs.

The benchmarks that need many meetings never touch the developers' database. Each size gets its
own database on the server the settings point at (the embedded one under ``.data/postgres``, or
``DATABASE_URL``'s), migrated, with the gazetteer and ``seed_demo --meetings N`` loaded the first
time only, so a second run starts measuring at once.

    python -m bench.database            # list the benchmark databases and their meetings
    python -m bench.database --drop     # drop them all (the next run seeds them again)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import time
from collections.abc import Iterator
from io import StringIO
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection, connections

PREFIX = "smartrecovery_bench_"
SEED = 42


def server_params() -> dict[str, Any]:
    """psycopg connection arguments for the server (not the database) the settings name."""
    # From the backend, not the settings: the embedded server's socket is known once it runs.
    params = connection.get_connection_params()
    keys = ["host", "port", "user", "password"]
    return {key: str(params[key]) for key in keys if params.get(key)}


def name_for(meetings: int) -> str:
    return f"{PREFIX}{meetings}"


def database_url(name: str) -> str:
    """A ``DATABASE_URL`` for ``name`` on the same server, for a subprocess such as gunicorn."""
    params = server_params()
    user = quote(params.get("user", ""), safe="")
    password = f":{quote(params['password'], safe='')}" if "password" in params else ""
    credentials = f"{user}{password}@" if user else ""
    host, port = params.get("host", ""), params.get("port", "")
    if host.startswith("/"):
        # A Unix socket directory goes in the query string, as libpq allows.
        query = f"?host={quote(host, safe='/')}" + (f"&port={port}" if port else "")
        return f"postgresql://{credentials}/{name}{query}"
    netloc = host + (f":{port}" if port else "")
    return f"postgresql://{credentials}{netloc}/{name}"


def create(name: str) -> bool:
    """Create the database if it is missing; True if it was created."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **server_params()) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return True


def switch(name: str) -> None:
    """Point Django's default connection at ``name`` (as Django's test runner does)."""
    connections.close_all()
    settings.DATABASES["default"]["NAME"] = name
    connection.settings_dict["NAME"] = name
    # Cached feeds are keyed by the directory version, which each database counts on its own.
    cache.clear()


@contextlib.contextmanager
def use(name: str) -> Iterator[None]:
    """Run the block against database ``name``, then go back to the project's."""
    previous = settings.DATABASES["default"]["NAME"]
    switch(name)
    try:
        yield
    finally:
        switch(previous)


def meeting_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM meetings_meeting")
        return cursor.fetchone()[0]


def prepare(meetings: int) -> None:
    """Migrate, load the gazetteer and seed the current database up to ``meetings`` meetings."""
    call_command("migrate", "--noinput", verbosity=0)
    call_command("load_places", "--if-empty", stdout=StringIO())
    have = meeting_count()
    if have > meetings:
        raise SystemExit(
            f"{connection.settings_dict['NAME']} holds {have:,} meetings, more than {meetings:,}: "
            "drop it (python -m bench.database --drop) and run again."
        )
    if have < meetings:
        print(f"Seeding {meetings - have:,} meetings into {connection.settings_dict['NAME']} ...")
        started = time.perf_counter()
        # seed_demo is deterministic for a seed and skips slugs it finds, so it tops up.
        call_command(
            "seed_demo",
            "--meetings",
            str(meetings),
            "--seed",
            str(SEED),
            "--no-accounts",
            stdout=StringIO(),
        )
        print(f"  done in {time.perf_counter() - started:.0f} s")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM (ANALYZE) meetings_location")
            cursor.execute("VACUUM (ANALYZE) meetings_meeting")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@contextlib.contextmanager
def bench_database(meetings: int) -> Iterator[str]:
    """Use (creating and seeding it the first time) the database with ``meetings`` meetings."""
    name = name_for(meetings)
    create(name)
    with use(name):
        prepare(meetings)
        yield name


def existing() -> list[str]:
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **server_params()) as conn:
        rows = conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s ORDER BY datname",
            [PREFIX.replace("_", r"\_") + "%"],
        ).fetchall()
    return [row[0] for row in rows]


def drop_all() -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", autocommit=True, **server_params()) as conn:
        for name in existing():
            conn.execute(sql.SQL("DROP DATABASE {} (FORCE)").format(sql.Identifier(name)))
            print(f"Dropped {name}")


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.database", description=__doc__)
    parser.add_argument("--drop", action="store_true", help="drop every benchmark database")
    options = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartrecovery.settings")
    import django

    django.setup()
    if options.drop:
        drop_all()
        return
    for name in existing():
        with use(name):
            print(f"{name}: {meeting_count():,} meetings")


if __name__ == "__main__":
    main()
