"""Background work goes through the task queue kept in PostgreSQL, and a worker does it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from accounts.emails import send_account_exists_notice

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": settings.TASK_BACKENDS["database"]}}


def run_worker(monkeypatch) -> None:
    """One worker pass: every job waiting, then exit (as a worker on any machine would)."""
    # Between jobs the worker drops connections outside autocommit: the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", stdout=StringIO())


def test_a_notice_is_queued_in_the_database_and_sent_by_a_worker(database_queue, monkeypatch):
    send_account_exists_notice.enqueue("owner@example.org", "/login/", "/reset/")

    assert mail.outbox == []
    [job] = DBTaskResult.objects.all()
    assert job.status == "READY"

    run_worker(monkeypatch)

    assert [message.to for message in mail.outbox] == [["owner@example.org"]]
    job.refresh_from_db()
    assert job.status == "SUCCESSFUL"


def test_a_job_is_done_once_however_many_workers_look(database_queue, monkeypatch):
    send_account_exists_notice.enqueue("owner@example.org", "/login/", "/reset/")

    run_worker(monkeypatch)
    run_worker(monkeypatch)

    assert len(mail.outbox) == 1
