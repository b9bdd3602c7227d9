"""Killed at any moment, ``make run`` leaves nothing in the way of the next command.

``make run`` on a data folder of its own is stopped at a random moment in each of its steps
(migrate, load_toolbox, load_places, seed_demo, start_reminders, then the worker and the web server:
what ``make -n run`` lists) by each of SIGINT, SIGTERM and SIGKILL to its whole process group, as
Ctrl-C, a process manager or the kernel would. After each, a command writes a row: it must work,
and leave no server running. At the end every row is still there, and so are the demo meetings
and a queued sweep of the reminders.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

ROOT = Path(__file__).resolve().parents[2]
SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGKILL]
# Seconds into a step at most: each step before runserver lasts about a second here.
LATEST = 1.2
NOT_INHERITED = {"DATABASE_URL", "EMBEDDED_DATABASE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
# A make running the suite (make test) passes these on; its jobserver is not make run's.
NOT_INHERITED |= {"MAKEFLAGS", "MFLAGS", "MAKELEVEL"}
# -o: never reinstall the virtualenv here, least of all half-way.
MAKE = ["make", "--no-print-directory", "-o", ".venv/.installed"]
MARKER_TABLE = """
from django.db import connection

with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE kill_test_marker (number integer PRIMARY KEY)")
    cursor.execute("INSERT INTO kill_test_marker VALUES (0)")
"""
# The gazetteer of one small country: make db's load_places then finds places and skips the
# world's (about 40 s of loading), and seed_demo puts its meetings in that country's towns.
SOME_PLACES = """
from django.core.management import call_command
from meetings import places

call_command("migrate", verbosity=0)
places.load(row for row in places.all_rows() if row[places.COLUMNS.index("country")] == "IE")
"""
COUNT_MEETINGS = "from meetings.models import Meeting\nprint(Meeting.objects.count())\n"
MARKERS = """
from django.db import connection

with connection.cursor() as cursor:
    cursor.execute("SELECT number FROM kill_test_marker ORDER BY number")
    print(*[number for number, in cursor.fetchall()])
"""

SWEEP_QUEUED = """
from reminders.models import SweepSchedule
from reminders.tasks import is_alive

print(is_alive(SweepSchedule.objects.get().task_id))
"""


def environment(data_dir: Path) -> dict[str, str]:
    inherited = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    return {**inherited, "DEBUG": "1", "EMBEDDED_DATA_DIR": str(data_dir)}


def shell(data_dir: Path, code: str) -> str:
    """Run ``code`` in a ``manage.py shell`` of its own and return what it printed."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=environment(data_dir),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return result.stdout.strip()


def write_marker(data_dir: Path, number: int) -> None:
    shell(
        data_dir,
        "from django.db import connection\n"
        "with connection.cursor() as cursor:\n"
        f"    cursor.execute('INSERT INTO kill_test_marker VALUES ({number})')\n",
    )


def make_run_steps() -> list[str]:
    """The commands ``make run`` runs, in order: ``make -n`` prints them."""
    dry_run = subprocess.run([*MAKE, "-n", "run"], cwd=ROOT, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    return re.findall(r"manage\.py (\w+)", dry_run.stdout)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_step(make: subprocess.Popen, log: Path, step: str) -> None:
    """Wait until make has started ``step`` (it prints each command before running it)."""
    deadline = time.monotonic() + 120
    while f"manage.py {step}" not in log.read_text():
        assert make.poll() is None, f"make run ended before {step}:\n{log.read_text()[-3000:]}"
        assert time.monotonic() < deadline, f"make run never reached {step}"
        time.sleep(0.02)


def group_is_running(group: int) -> bool:
    for process in psutil.process_iter():
        with contextlib.suppress(OSError, psutil.Error):
            if os.getpgid(process.pid) == group and process.status() != psutil.STATUS_ZOMBIE:
                return True
    return False


def wait_for_group(make: subprocess.Popen, timeout: float = 15) -> bool:
    """Wait until every process in make's group has ended; True if some had to be killed."""
    deadline = time.monotonic() + timeout
    while make.poll() is None or group_is_running(make.pid):
        if time.monotonic() > deadline:
            os.killpg(make.pid, signal.SIGKILL)
            make.wait()
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def data_dir() -> Iterator[Path]:
    """A data folder with what ``make db`` loads (one country's places for the world's), a
    table of markers and the first marker.

    It sits in a temporary folder of its own, not under pytest's: pytest closes that to other
    users whenever a session starts, and postgres runs as another user when we are root.
    """
    folder = Path(tempfile.mkdtemp(prefix="smartrecovery-kill-"))
    data_dir = folder / "postgres"
    try:
        shell(data_dir, SOME_PLACES)
        make_db = subprocess.run(
            [*MAKE, "db"], cwd=ROOT, env=environment(data_dir), capture_output=True, text=True
        )
        assert make_db.returncode == 0, make_db.stdout[-3000:] + make_db.stderr[-3000:]
        shell(data_dir, MARKER_TABLE)
        yield data_dir
    finally:
        # A server that a failure left running is stopped.
        with contextlib.suppress(OSError, ValueError, IndexError, psutil.Error):
            pid = int((folder / "postgres" / "postmaster.pid").read_text().split()[0])
            server = psutil.Process(pid)
            server.send_signal(signal.SIGINT)
            server.wait(30)
        shutil.rmtree(folder, ignore_errors=True)


def test_make_run_killed_at_any_moment_leaves_the_next_command_working(data_dir):
    steps = make_run_steps()
    assert steps[-1] == "runserver", steps
    meetings = shell(data_dir, COUNT_MEETINGS)
    assert int(meetings) > 0, "make db seeded no demo meetings"
    moments = random.Random(20261130)
    outlived = []

    pairs = list(itertools.product(steps, SIGNALS))
    for number, (step, signum) in enumerate(pairs, start=1):
        log = data_dir.parent / f"make-run-{number}.log"
        with log.open("w") as output:
            make = subprocess.Popen(
                [*MAKE, "run", f"PORT={free_port()}"],
                cwd=ROOT,
                env=environment(data_dir),
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            wait_for_step(make, log, step)
            # The random moment is the point of this test.
            time.sleep(moments.uniform(0, LATEST))
            os.killpg(make.pid, signum)
            if wait_for_group(make):
                outlived.append((number, step, signum.name))

        write_marker(data_dir, number)
        assert not (data_dir / "postmaster.pid").exists(), f"{step}, {signum.name}"

    assert shell(data_dir, MARKERS).split() == [str(n) for n in range(len(pairs) + 1)]
    assert shell(data_dir, COUNT_MEETINGS) == meetings
    # make run queued the reminders' sweep (start_reminders), which the worker keeps queuing.
    assert shell(data_dir, SWEEP_QUEUED) == "True"
    assert outlived == [], "make run outlived these signals by 15 s"
