"""When reminders fall due: before a saved meeting, on a review date and on the check-in day,
each at the right instant on either side of a clock change (frozen time)."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from meetings.models import MeetingException, Weekday
from reminders.emails import reminder_email
from reminders.models import Delivery
from reminders.planning import plan
from worksheets.models import Worksheet

pytestmark = pytest.mark.django_db


def utc(*parts: int) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=datetime.UTC)


def due_at(moment: datetime.datetime) -> list[Delivery]:
    with time_machine.travel(moment, tick=False):
        return plan(moment)


@pytest.mark.parametrize(
    ("before", "on_time", "starts"),
    [
        # 3 March: New York on standard time, 19:00 EST is midnight UTC.
        (utc(2026, 3, 3, 22, 59), utc(2026, 3, 3, 23, 0), utc(2026, 3, 4, 0, 0)),
        # 10 March: New York on summer time since the 8th, 19:00 EDT is 23:00 UTC.
        (utc(2026, 3, 10, 21, 59), utc(2026, 3, 10, 22, 0), utc(2026, 3, 10, 23, 0)),
    ],
)
def test_a_meeting_reminder_comes_an_hour_before_across_the_clock_change(
    saved, reminders_on, before, on_time, starts
):
    reminders_on(before_meetings=True)

    assert due_at(before) == []
    [delivery] = due_at(on_time)

    assert (delivery.kind, delivery.meeting, delivery.occurs_at) == ("meeting", saved, starts)
    assert delivery.due_at == on_time
    assert delivery.expires_at == starts


def test_the_email_gives_the_start_on_the_participants_clock(saved, reminders_on):
    choices = reminders_on(before_meetings=True)
    [before_change] = due_at(utc(2026, 3, 3, 23, 0))
    [after_change] = due_at(utc(2026, 3, 10, 22, 0))

    # London kept GMT all along: the meeting moved an hour earlier on its clock.
    assert (
        "Wednesday 4 March, 12:00 AM (Europe/London)" in reminder_email(before_change, choices).body
    )
    assert (
        "Tuesday 10 March, 11:00 PM (Europe/London)" in reminder_email(after_change, choices).body
    )


def test_a_chosen_lead_time_is_kept(saved, reminders_on):
    reminders_on(before_meetings=True, lead_minutes=15)

    assert due_at(utc(2026, 3, 10, 22, 44)) == []
    [delivery] = due_at(utc(2026, 3, 10, 22, 45))
    assert delivery.due_at == utc(2026, 3, 10, 22, 45)


def test_a_moved_meeting_is_reminded_of_at_its_new_time(saved, reminders_on):
    reminders_on(before_meetings=True)
    tuesday = datetime.date(2026, 3, 10)
    MeetingException.objects.create(
        meeting=saved, kind="moved", date=tuesday, end_date=tuesday, new_time=datetime.time(18)
    )

    [delivery] = due_at(utc(2026, 3, 10, 21, 0))

    assert delivery.occurs_at == utc(2026, 3, 10, 22, 0)


def test_a_cancelled_or_closed_meeting_gets_no_reminder(saved, reminders_on):
    reminders_on(before_meetings=True)
    tuesday = datetime.date(2026, 3, 10)
    MeetingException.objects.create(meeting=saved, kind="cancelled", date=tuesday, end_date=tuesday)

    assert due_at(utc(2026, 3, 10, 22, 30)) == []

    MeetingException.objects.all().delete()
    saved.is_active = False
    saved.save()
    assert due_at(utc(2026, 3, 10, 22, 30)) == []


def test_nothing_is_due_while_reminders_are_off(saved, reminders_on):
    reminders_on()

    assert due_at(utc(2026, 3, 10, 22, 30)) == []


def test_nothing_is_due_without_an_email_address(saved, reminders_on, participant):
    reminders_on(before_meetings=True)
    participant.email = ""
    participant.save()

    assert due_at(utc(2026, 3, 10, 22, 30)) == []


@pytest.mark.parametrize(
    ("monday", "nine_am"),
    [
        # 23 March: London on GMT, 9:00 is 9:00 UTC.
        (datetime.date(2026, 3, 23), utc(2026, 3, 23, 9, 0)),
        # 30 March: London on BST since the 29th, 9:00 is 8:00 UTC.
        (datetime.date(2026, 3, 30), utc(2026, 3, 30, 8, 0)),
    ],
)
def test_the_weekly_check_in_comes_at_nine_on_the_chosen_day(reminders_on, monday, nine_am):
    reminders_on(weekly_checkin=True, checkin_day=Weekday.MONDAY)

    assert due_at(nine_am - datetime.timedelta(minutes=1)) == []
    [delivery] = due_at(nine_am)
    assert (delivery.kind, delivery.occurs_at) == ("checkin", nine_am)
    assert due_at(nine_am + datetime.timedelta(days=1)) == []


def goals(participant, **answers) -> Worksheet:
    return Worksheet.objects.create(owner=participant, kind="goals", title="Walk", answers=answers)


def test_a_review_date_in_a_goal_is_reminded_of_at_nine_that_day(participant, reminders_on):
    reminders_on(review_dates=True)
    goals(participant, goal="walk daily", reviews=[{"date": "2026-03-30", "notes": "secret"}])

    assert due_at(utc(2026, 3, 29, 9, 0)) == []
    [delivery] = due_at(utc(2026, 3, 30, 8, 0))
    assert (delivery.kind, delivery.occurs_at) == ("review", utc(2026, 3, 30, 8, 0))


def test_a_change_plan_steps_date_counts_too(participant, reminders_on):
    reminders_on(review_dates=True)
    Worksheet.objects.create(
        owner=participant,
        kind="change-plan",
        answers={"steps": [{"step": "x", "date": "2026-03-23"}]},
    )

    [delivery] = due_at(utc(2026, 3, 23, 9, 30))
    assert delivery.kind == "review"


def test_the_worksheets_are_read_once_a_day(participant, reminders_on):
    choices = reminders_on(review_dates=True)
    goals(participant, target="2026-03-30")

    assert len(due_at(utc(2026, 3, 30, 8, 0))) == 1
    assert due_at(utc(2026, 3, 30, 8, 1)) == []
    choices.refresh_from_db()
    assert choices.reviews_read_on == datetime.date(2026, 3, 30)
