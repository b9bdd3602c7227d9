"""Which reminders fall due now: each made on time in the participant's zone, DST-correct.

A meeting's start comes from ``meetings.schedule`` (its own zone's rules on the actual date, one-off
changes included), and a reminder goes ``lead_minutes`` before that instant. Date reminders go at
9:00 on the participant's clock that day, which zoneinfo turns into the right UTC instant on
either side of a clock change. Nothing is planned ahead: a reminder is made when it falls due,
so a meeting moved or cancelled before then is reminded of as it then stands.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import QuerySet

from meetings.models import Meeting
from meetings.schedule import DAY, next_held_occurrence, real_time, spec_day, zone
from mymeetings.models import SavedMeeting
from reminders.models import Delivery, ReminderSettings
from worksheets.models import Worksheet

# Date reminders (review dates, the weekly check-in) go at this time on the participant's clock.
DAY_REMINDER_AT = datetime.time(9, 0)
# The worksheet kinds whose dates a review reminder reads, and where those dates are.
REVIEW_KINDS = ("change-plan", "goals")


def chosen() -> QuerySet[ReminderSettings]:
    """The settings of participants a reminder can reach."""
    return ReminderSettings.objects.filter(user__is_active=True).exclude(user__email="")


def meetings_due(now: datetime.datetime) -> list[Delivery]:
    return meeting_reminders(chosen().filter(before_meetings=True), now)


def checkins_due(now: datetime.datetime) -> list[Delivery]:
    found = (checkin_reminder(s, now) for s in chosen().filter(weekly_checkin=True))
    return [delivery for delivery in found if delivery]


def reviews_due(now: datetime.datetime) -> list[Delivery]:
    found = (review_reminder(s, now) for s in chosen().filter(review_dates=True))
    return [delivery for delivery in found if delivery]


# Each kind is planned on its own, so that one failing (unreadable worksheets after a key
# mistake) does not hold up the others.
PLANNERS = (meetings_due, checkins_due, reviews_due)


def plan(now: datetime.datetime) -> list[Delivery]:
    """Every reminder due at ``now`` (not yet saved: the caller inserts, skipping those made)."""
    return [delivery for planner in PLANNERS for delivery in planner(now)]


def meeting_reminders(chosen: Iterable[ReminderSettings], now: datetime.datetime) -> list[Delivery]:
    leads = {s.user_id: datetime.timedelta(minutes=s.lead_minutes) for s in chosen}
    pairs = SavedMeeting.objects.filter(user_id__in=leads).values_list("user_id", "meeting_id")
    meetings = Meeting.objects.public().filter(pk__in={m for _, m in pairs})
    by_pk = {meeting.pk: meeting for meeting in meetings.with_upcoming_exceptions()}
    due = []
    for user_id, meeting_id in pairs:
        meeting = by_pk.get(meeting_id)
        if meeting is None:
            continue
        if delivery := meeting_reminder(user_id, meeting, leads[user_id], now):
            due.append(delivery)
    return due


def meeting_reminder(
    user_id: int, meeting: Meeting, lead: datetime.timedelta, now: datetime.datetime
) -> Delivery | None:
    """The reminder for the meeting's next start when ``now`` is within ``lead`` of it."""
    upcoming = next_held_occurrence(meeting, now)
    if upcoming is None or not upcoming.starts - lead <= now < upcoming.starts:
        return None
    return Delivery(
        user_id=user_id,
        kind=Delivery.Kind.MEETING,
        meeting=meeting,
        occurs_at=upcoming.starts,
        due_at=upcoming.starts - lead,
        expires_at=upcoming.starts,
    )


def local_day(settings: ReminderSettings, now: datetime.datetime) -> datetime.date:
    return now.astimezone(zone(settings.zone)).date()


def day_reminder(settings: ReminderSettings, kind: str, day: datetime.date) -> Delivery:
    """A reminder for 9:00 on ``day`` in the participant's zone, of no use past that midnight."""
    place = zone(settings.zone)
    at = real_time(datetime.datetime.combine(day, DAY_REMINDER_AT, tzinfo=place))
    midnight = real_time(datetime.datetime.combine(day + DAY, datetime.time(), tzinfo=place))
    return Delivery(
        user_id=settings.user_id, kind=kind, occurs_at=at, due_at=at, expires_at=midnight
    )


def checkin_reminder(settings: ReminderSettings, now: datetime.datetime) -> Delivery | None:
    today = local_day(settings, now)
    if spec_day(today) != settings.checkin_day:
        return None
    delivery = day_reminder(settings, Delivery.Kind.CHECKIN, today)
    return delivery if delivery.due_at <= now else None


def review_reminder(settings: ReminderSettings, now: datetime.datetime) -> Delivery | None:
    """Today's review reminder, if a worksheet names today; its dates are read once a day."""
    today = local_day(settings, now)
    delivery = day_reminder(settings, Delivery.Kind.REVIEW, today)
    if delivery.due_at > now or settings.reviews_read_on == today:
        return None
    dates = review_dates(settings.user_id)
    ReminderSettings.objects.filter(pk=settings.pk).update(reviews_read_on=today)
    return delivery if today in dates else None


def review_dates(user_id: int) -> set[datetime.date]:
    """The dates a participant set in their Change Plans (each step's "by when") and goals
    (the target, each step's and each review's date), read from the encrypted answers."""
    found = set()
    for worksheet in Worksheet.objects.filter(owner_id=user_id, kind__in=REVIEW_KINDS):
        answers = worksheet.answers or {}
        texts = [answers.get("target")]
        for rows in (answers.get("steps"), answers.get("reviews")):
            texts.extend(row.get("date") for row in rows or [] if isinstance(row, dict))
        for text in texts:
            try:
                found.add(datetime.date.fromisoformat(text))
            except (TypeError, ValueError):
                continue
    return found
