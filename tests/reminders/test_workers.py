"""The reminders' queue with real workers: ``manage.py db_worker`` processes on the test database.

Two workers sweeping at the same moment send each reminder once; a worker killed while it
sends leaves the reminder to the next sweep, on another worker, which sends it once.
"""

from __future__ import annotations

import datetime
import os
import signal
import subprocess
import sys
import time
import zoneinfo
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import pytest
from django.contrib.auth.models import User
from django.db import connection, transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from meetings.schedule import spec_day
from mymeetings.models import SavedMeeting
from reminders.models import Delivery, ReminderSettings
from reminders.tasks import sweep

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def database_queue(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}


@pytest.fixture
def soon(make_meeting):
    """A meeting starting in 30 minutes, and participants with an hour's reminder for it."""
    starts = (timezone.now() + datetime.timedelta(minutes=30)).astimezone(NEW_YORK)
    meeting = make_meeting(
        day=spec_day(starts.date()),
        time=starts.time().replace(second=0, microsecond=0),
        end_time=None,
        timezone="America/New_York",
    )

    def participants(count: int) -> list[str]:
        emails = []
        for number in range(count):
            user = User.objects.create_user(f"p{number}", email=f"p{number}@example.org")
            SavedMeeting.objects.create(user=user, meeting=meeting)
            ReminderSettings.objects.create(user=user, before_meetings=True, lead_minutes=60)
            emails.append(user.email)
        return emails

    return participants


def database_url() -> str:
    """The test database, for the worker processes (over the same socket or host)."""
    params = connection.get_connection_params()
    place = f"host={quote(str(params['host']), safe='')}"
    if params.get("port"):
        place += f"&port={params['port']}"
    credentials = quote(params.get("user") or "") + ":" + quote(params.get("password") or "")
    return f"postgres://{credentials}@/{params['dbname']}?{place}"


def start_worker(folder: Path, name: str, **env: str) -> subprocess.Popen:
    log = (folder / f"{name}.log").open("w")
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.reminders.worker",
            "--batch",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0.1",
            "--worker-id",
            name,
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "TASKS_BACKEND": "database",
            "OUTBOX": str(folder / "outbox"),
            **env,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def finish(worker: subprocess.Popen, folder: Path, name: str) -> None:
    assert worker.wait(timeout=60) == 0, (folder / f"{name}.log").read_text()[-3000:]


def wait_until(condition: Callable[[], bool], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.05)


def sent_to(folder: Path) -> list[str]:
    outbox = folder / "outbox"
    lines = outbox.read_text().splitlines() if outbox.exists() else []
    return sorted(line.split("\t")[0] for line in lines)


def claimable() -> bool:
    """Whether a waiting reminder is free for a worker to claim (no one holds its row)."""
    with transaction.atomic():
        waiting = Delivery.objects.filter(sent_at__isnull=True).select_for_update(skip_locked=True)
        return waiting.first() is not None


def test_two_workers_sweeping_at_once_send_each_reminder_once(database_queue, soon, tmp_path):
    emails = soon(3)
    # Two sweeps due together, as two machines' chains might be.
    sweep.enqueue()
    sweep.enqueue()
    (tmp_path / "barrier").mkdir()
    together = {"BARRIER": str(tmp_path / "barrier"), "BARRIER_SIZE": "2", "MAIL_MODE": "slow"}

    workers = {name: start_worker(tmp_path, name, **together) for name in ("one", "two")}
    for name, worker in workers.items():
        finish(worker, tmp_path, name)

    assert sent_to(tmp_path) == emails
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 3
    swept_by = DBTaskResult.objects.filter(task_path="reminders.tasks.sweep", status="SUCCESSFUL")
    assert sorted(worker for job in swept_by for worker in job.worker_ids) == ["one", "two"]


def test_a_worker_killed_mid_send_leaves_the_reminder_to_another_which_sends_it_once(
    database_queue, soon, tmp_path
):
    [email] = soon(1)
    sweep.enqueue()
    mark = tmp_path / "sending"

    doomed = start_worker(tmp_path, "doomed", MAIL_MODE="block", SENDING_MARK=str(mark))
    wait_until(mark.exists, 60)
    # Mid-send, the reminder is held: no other worker can take it.
    assert not claimable()
    doomed.send_signal(signal.SIGKILL)
    doomed.wait(timeout=10)
    # PostgreSQL ends the dead worker's session, and its hold on the reminder with it.
    wait_until(claimable, 10)

    sweep.enqueue()
    finish(start_worker(tmp_path, "survivor"), tmp_path, "survivor")

    assert sent_to(tmp_path) == [email]
    delivery = Delivery.objects.get()
    assert delivery.sent_at is not None and delivery.attempts == 1
    # The queue itself never retries the killed sweep: the reminder's own row carried it.
    assert DBTaskResult.objects.filter(status="RUNNING", worker_ids=["doomed"]).count() == 1
