"""Sending a due reminder: once, with the chosen subject, no worksheet content and a way out."""

from __future__ import annotations

import datetime
import smtplib

import pytest
import time_machine
from django.core import mail

from reminders.models import Delivery, Subject
from reminders.planning import plan
from reminders.sending import MOST_ATTEMPTS, send_due
from tests.conftest import SECRET
from worksheets.models import Worksheet

pytestmark = pytest.mark.django_db

# Tuesday 10 March 2026, 22:30 UTC: the New York meeting starts at 23:00 UTC.
NOW = datetime.datetime(2026, 3, 10, 22, 30, tzinfo=datetime.UTC)


def sweep_at(moment: datetime.datetime = NOW) -> int:
    """What a sweep does, without the queue: plan, then send."""
    with time_machine.travel(moment, tick=False):
        Delivery.objects.bulk_create(plan(moment), ignore_conflicts=True)
        return send_due(moment)


def test_a_due_reminder_is_sent_once_however_often_the_sweep_runs(saved, reminders_on):
    reminders_on(before_meetings=True)

    assert sweep_at() == 1
    assert sweep_at() == 0
    assert sweep_at(NOW + datetime.timedelta(minutes=10)) == 0

    [message] = mail.outbox
    assert message.to == ["river@example.org"]
    assert Delivery.objects.get().sent_at == NOW


def test_the_email_has_the_chosen_subject_and_a_one_click_way_out(saved, reminders_on):
    reminders_on(before_meetings=True, subject=Subject.CALENDAR)

    sweep_at()

    [message] = mail.outbox
    assert message.subject == "A note from your calendar"
    assert "Brooklyn Tuesday" in message.body
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/reminders/off/")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe in message.body


def test_a_review_reminder_quotes_no_worksheet(participant, reminders_on):
    reminders_on(review_dates=True, subject=Subject.NOTE)
    Worksheet.objects.create(
        owner=participant,
        kind="goals",
        title=SECRET,
        answers={"goal": SECRET, "reviews": [{"date": "2026-03-11", "notes": SECRET}]},
    )

    sweep_at(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC))

    [message] = mail.outbox
    assert message.subject == "A quick note"
    assert SECRET not in message.body
    assert "Goal" not in message.body
    assert "/worksheets/" in message.body


def test_a_reminder_is_dropped_when_the_meeting_is_cancelled_after_it_was_planned(
    saved, reminders_on
):
    reminders_on(before_meetings=True)
    with time_machine.travel(NOW, tick=False):
        Delivery.objects.bulk_create(plan(NOW))
    saved.is_active = False
    saved.save()

    assert sweep_at() == 0
    assert mail.outbox == []
    assert Delivery.objects.get().dropped == "meeting changed"


def test_a_reminder_turned_off_after_it_was_planned_is_not_sent(saved, reminders_on):
    choices = reminders_on(before_meetings=True)
    with time_machine.travel(NOW, tick=False):
        Delivery.objects.bulk_create(plan(NOW))
    choices.turn_off()

    sweep_at()

    assert mail.outbox == []
    assert Delivery.objects.get().dropped == "turned off"


def test_a_failed_send_is_tried_again_later_and_logged_without_content(
    saved, reminders_on, monkeypatch, caplog
):
    reminders_on(before_meetings=True)

    def refuse(self, *args, **kwargs):
        raise smtplib.SMTPServerDisconnected("down")

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.EmailMessage.send", refuse)
        assert sweep_at() == 0
    delivery = Delivery.objects.get()
    assert (delivery.attempts, delivery.sent_at) == (1, None)
    assert "river@example.org" not in caplog.text and "Brooklyn" not in caplog.text

    assert sweep_at(NOW + datetime.timedelta(minutes=5)) == 1
    assert len(mail.outbox) == 1


def test_a_reminder_that_keeps_failing_is_given_up(saved, reminders_on, monkeypatch):
    reminders_on(before_meetings=True, lead_minutes=180)
    monkeypatch.setattr(
        "django.core.mail.EmailMessage.send",
        lambda self, *a, **k: (_ for _ in ()).throw(OSError("down")),
    )
    start = NOW - datetime.timedelta(hours=1)

    for attempt in range(MOST_ATTEMPTS + 1):
        sweep_at(start + attempt * datetime.timedelta(minutes=5))

    delivery = Delivery.objects.get()
    assert (delivery.attempts, delivery.dropped) == (MOST_ATTEMPTS, "could not be sent")
