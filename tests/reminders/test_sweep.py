"""The sweep's chain on the database queue: one sweep queued at a time, each queueing the next."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from reminders.models import SweepSchedule
from reminders.tasks import SWEEP_EVERY, queue_sweep

pytestmark = pytest.mark.django_db

SWEEP = "reminders.tasks.sweep"


@pytest.fixture
def database_queue(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}


def run_worker(monkeypatch) -> None:
    """One worker pass over every job ready now (as tests/smartrecovery/test_task_queue.py)."""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def sweeps(status: str = "READY"):
    return DBTaskResult.objects.filter(task_path=SWEEP, status=status)


def test_one_sweep_is_queued_however_often_it_is_asked_for(database_queue):
    assert queue_sweep() is True
    assert queue_sweep() is False
    call_command("start_reminders", stdout=StringIO())

    [queued] = sweeps()
    assert SweepSchedule.objects.get().task_id == str(queued.id)


def test_a_sweep_queues_the_next_one_a_minute_on(database_queue, monkeypatch):
    queue_sweep()
    before = timezone.now()

    run_worker(monkeypatch)

    assert sweeps("SUCCESSFUL").count() == 1
    [following] = sweeps()
    assert before + SWEEP_EVERY <= following.run_after <= timezone.now() + SWEEP_EVERY
    assert SweepSchedule.objects.get().task_id == str(following.id)


def test_a_sweep_lost_with_its_worker_is_replaced(database_queue):
    queue_sweep()
    sweeps().update(status="RUNNING", started_at=timezone.now() - datetime.timedelta(hours=1))

    assert queue_sweep() is True
    assert sweeps().count() == 1


def test_saving_reminder_settings_makes_sure_a_sweep_is_queued(
    database_queue, client, participant, django_capture_on_commit_callbacks
):
    client.force_login(participant)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/reminders/settings/",
            {
                "weekly_checkin": "on",
                "checkin_day": "1",
                "lead_minutes": "60",
                "subject": "reminder",
                "zone": "UTC",
            },
        )

    assert sweeps().count() == 1


def test_without_a_queue_that_can_wait_no_sweep_is_queued():
    # The test suite's immediate backend would run it at once, and forever.
    assert queue_sweep() is False


def test_old_finished_sweeps_are_cleared_away(database_queue, monkeypatch):
    queue_sweep()
    run_worker(monkeypatch)
    sweeps("SUCCESSFUL").update(finished_at=timezone.now() - datetime.timedelta(days=2))
    sweeps().update(run_after=timezone.now())

    run_worker(monkeypatch)

    assert sweeps("SUCCESSFUL").count() == 1


def test_one_kind_failing_to_plan_does_not_hold_up_the_others(
    database_queue, monkeypatch, saved, reminders_on, caplog
):
    reminders_on(before_meetings=True, review_dates=True)

    def unreadable(user_id):
        raise ImproperlyConfigured("WORKSHEET_KEYS cannot read the stored answers")

    monkeypatch.setattr("reminders.planning.review_dates", unreadable)
    # Tuesday 10 March 2026, half an hour before the New York meeting.
    with time_machine.travel(datetime.datetime(2026, 3, 10, 22, 30, tzinfo=datetime.UTC)):
        queue_sweep()
        run_worker(monkeypatch)

    assert [message.to for message in mail.outbox] == [["river@example.org"]]
    assert "Planning reminders (reviews_due) failed" in caplog.text
