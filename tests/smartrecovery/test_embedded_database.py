"""The embedded PostgreSQL: started by the first connection, shared, stopped by the last user.

Every test runs commands in their own processes on a data folder of its own, never the
developer's ``.data/postgres``.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test process that a command run here must not inherit.
NOT_INHERITED = {"DATABASE_URL", "EMBEDDED_DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "meetings.example.org",
    "WORKSHEET_KEYS": Fernet.generate_key().decode(),
}


def environment(data_dir: Path, **env: str) -> dict[str, str]:
    inherited = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return {**inherited, "EMBEDDED_DATA_DIR": str(data_dir), **env}


def manage(data_dir: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment(data_dir, **env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def query(data_dir: Path, sql: str, **env: str) -> str:
    """Run ``sql`` in a ``manage.py shell`` of its own and return the first column it selects."""
    code = (
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        f"    cursor.execute({sql!r})\n"
        "    print(cursor.fetchone()[0])\n"
    )
    result = manage(data_dir, "shell", "--no-imports", "-c", code, **env)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.strip()


def is_running(data_dir: Path) -> bool:
    return (data_dir / "postmaster.pid").exists()


def users_file(data_dir: Path) -> Path:
    return data_dir.with_name(f"{data_dir.name}.users.json")


@contextlib.contextmanager
def temporary_data_dir() -> Iterator[Path]:
    """A data folder in a temporary folder of its own.

    Not under pytest's: pytest closes that to other users whenever a session starts, and
    postgres runs as another user when we are root. A server a failed test left is stopped.
    """
    folder = Path(tempfile.mkdtemp(prefix="smartrecovery-test-"))
    try:
        yield folder / "postgres"
    finally:
        with contextlib.suppress(OSError, ValueError, IndexError, psutil.Error):
            server = psutil.Process(
                int((folder / "postgres" / "postmaster.pid").read_text().split()[0])
            )
            server.send_signal(signal.SIGINT)
            server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data_dir() -> Iterator[Path]:
    with temporary_data_dir() as data_dir:
        yield data_dir


@pytest.fixture(scope="module")
def cluster() -> Iterator[Path]:
    """A data folder made once for the tests that only need one to exist."""
    with temporary_data_dir() as data_dir:
        assert query(data_dir, "SELECT 1") == "1"
        yield data_dir


def test_importing_the_settings_starts_no_server(data_dir):
    setup = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", setup],
        cwd=ROOT,
        env=environment(data_dir, DJANGO_SETTINGS_MODULE="smartrecovery.settings"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.stdout.strip() == "smartrecovery.embedded_db", result.stderr
    assert list(data_dir.parent.iterdir()) == []


@pytest.mark.parametrize(
    "command",
    [["check"], ["makemigrations", "--check", "--dry-run"], ["--help"]],
    ids=["check", "makemigrations", "help"],
)
def test_commands_that_read_no_data_start_no_server(data_dir, command):
    result = manage(data_dir, *command)

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert list(data_dir.parent.iterdir()) == []


def test_production_without_a_database_url_is_one_line_naming_it(data_dir):
    result = manage(data_dir, "check", **PRODUCTION)

    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "Configuration error: DATABASE_URL must be set: the embedded PostgreSQL runs only with "
        "DEBUG=1 or EMBEDDED_DATABASE=1."
    ]
    assert list(data_dir.parent.iterdir()) == []


def test_production_may_opt_in_to_the_embedded_server(data_dir):
    database = query(data_dir, "SELECT current_database()", EMBEDDED_DATABASE="1", **PRODUCTION)

    assert database == "smartrecovery"
    assert not is_running(data_dir)


def test_processes_using_it_at_once_share_one_server_that_stops_after_them(data_dir):
    # Each client waits until all three are connected, so that none could start a server alone.
    client = (
        "import time\n"
        "from pathlib import Path\n"
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        "    cursor.execute('SELECT pg_postmaster_start_time()')\n"
        "    started = cursor.fetchone()[0]\n"
        "arrived = Path(connection.settings_dict['DATA_DIR']).parent / 'arrived'\n"
        "with arrived.open('a') as mark:\n"
        "    mark.write('.')\n"
        "deadline = time.monotonic() + 60\n"
        "while len(arrived.read_text()) < 3 and time.monotonic() < deadline:\n"
        "    time.sleep(0.05)\n"
        "print(started)\n"
    )
    clients = [
        subprocess.Popen(
            [sys.executable, "manage.py", "shell", "--no-imports", "-c", client],
            cwd=ROOT,
            env=environment(data_dir),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    outputs = [client.communicate(timeout=120) for client in clients]

    assert [client.returncode for client in clients] == [0, 0, 0], outputs
    assert len({stdout for stdout, _ in outputs}) == 1
    assert not is_running(data_dir)
    assert json.loads(users_file(data_dir).read_text()) == []


@pytest.mark.parametrize("garbage", ["", '[{"pid": 12', '{"pid": 1}', '[{"pid": "one"}]'], ids=repr)
def test_an_unreadable_list_of_users_is_written_again(cluster, garbage):
    users_file(cluster).write_text(garbage)

    assert query(cluster, "SELECT 1") == "1"
    assert json.loads(users_file(cluster).read_text()) == []
    assert not is_running(cluster)


def test_users_that_no_longer_run_do_not_keep_the_server_running(cluster):
    exited = subprocess.Popen(["true"])
    exited.wait()
    users = [
        {"pid": exited.pid, "started": 0.0},
        # A running process whose pid a dead user once had: its start time differs.
        {"pid": os.getpid(), "started": 0.0},
    ]
    users_file(cluster).write_text(json.dumps(users))

    assert query(cluster, "SELECT 1") == "1"
    assert not is_running(cluster)


def test_a_server_left_by_a_killed_process_is_reused_then_stopped(cluster):
    holder = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "--no-imports",
            "-c",
            "import time\n"
            "from django.db import connection\n"
            "with connection.cursor() as cursor:\n"
            "    cursor.execute('SELECT pg_postmaster_start_time()')\n"
            "    print(cursor.fetchone()[0], flush=True)\n"
            "time.sleep(120)\n",
        ],
        cwd=ROOT,
        env=environment(cluster),
        stdout=subprocess.PIPE,
        text=True,
    )
    started = holder.stdout.readline().strip()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    holder.stdout.close()
    assert is_running(cluster)

    assert query(cluster, "SELECT pg_postmaster_start_time()") == started
    assert not is_running(cluster)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_stopping_runserver_stops_the_server_it_started(cluster, signum):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{probe.getsockname()[1]}"
    runserver = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", address],
        cwd=ROOT,
        env=environment(cluster),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        # Its reloader's child connects before it serves; /healthz answers from the database.
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if urllib.request.urlopen(f"http://{address}/healthz", timeout=5).status == 200:
                    break
            time.sleep(0.1)
        assert is_running(cluster)

        os.killpg(runserver.pid, signum)
        runserver.wait(timeout=30)
        # The reloader stops the server as the last user, after the child it had to kill.
        assert not is_running(cluster)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(runserver.pid, signal.SIGKILL)


def test_dbshell_reaches_the_embedded_server(cluster):
    result = manage(cluster, "dbshell", "--", "--tuples-only", "--command", "SELECT 40 + 2")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "42"
    assert not is_running(cluster)


def test_a_server_that_cannot_start_is_one_line_naming_its_log(data_dir):
    data_dir.parent.mkdir(exist_ok=True)
    data_dir.write_text("not a data folder")

    result = manage(data_dir, "migrate")

    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"Database error: The embedded PostgreSQL in {data_dir} could not")
    assert f"Read {data_dir / 'log'}" in line
    assert "DATABASE_URL" in line
