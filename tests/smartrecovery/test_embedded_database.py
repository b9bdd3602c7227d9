"""The embedded PostgreSQL: shared by processes that start together, stopped by the last."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from smartrecovery import database

ROOT = Path(__file__).resolve().parents[2]

CLIENT = """
import sys
from pathlib import Path
import psycopg
from smartrecovery import database
entry = database.embedded(Path(sys.argv[1]))
with psycopg.connect(host=entry["HOST"], port=entry["PORT"], user=entry["USER"],
                     dbname=entry["NAME"]) as conn:
    conn.execute("SELECT 1")
print(entry["HOST"], entry["PORT"])
"""


def test_processes_starting_at_once_share_one_server_that_stops_after_them(tmp_path):
    data_dir = tmp_path / "postgres"
    clients = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, str(data_dir)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [client.communicate(timeout=120) for client in clients]

    assert [client.returncode for client in clients] == [0, 0, 0], outputs
    assert len({stdout for stdout, _ in outputs}) == 1
    assert (data_dir / "PG_VERSION").exists()
    assert not (data_dir / "postmaster.pid").exists()


def test_a_server_that_cannot_start_is_a_clear_error(tmp_path):
    blocker = tmp_path / "postgres"
    blocker.write_text("not a data directory")

    with pytest.raises(ImproperlyConfigured, match="could not start.*DATABASE_URL"):
        database.embedded(blocker)
