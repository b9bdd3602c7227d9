"""Which meeting a participant may ask proof of: one held on that date, from its start until a
day after its end, in the meeting's own zone (``meetings.schedule`` does the zone arithmetic)."""

from __future__ import annotations

import copy
import datetime

from django.db.models import Q
from django.utils.translation import gettext

from meetings.models import Meeting
from meetings.schedule import Occurrence, held_on, spec_day, zone
from smartrecovery import dates

REQUEST_WINDOW = datetime.timedelta(hours=24)


def held_occurrence(meeting: Meeting, date: datetime.date) -> Occurrence | None:
    """The meeting as held on ``date`` (its own zone), or None when there was no meeting then.

    ``held_on`` reads only changes not yet over; a past date needs the changes that covered it,
    so they are read for that date, on a copy that leaves the caller's meeting untouched.
    """
    if spec_day(date) != meeting.day:
        return None
    dated = copy.copy(meeting)
    dated.upcoming_exception_list = list(
        meeting.exceptions.filter(
            Q(end_date__gte=date) | Q(end_date__isnull=True, date=date), date__lte=date
        )
    )
    return held_on(dated, date)


def local_date(meeting: Meeting, moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(zone(meeting.timezone)).date()


def requestable_occurrence(meeting: Meeting, now: datetime.datetime) -> Occurrence | None:
    """The meeting under way now, or the latest that ended less than a day ago."""
    if not meeting.is_active:
        return None
    today = local_date(meeting, now)
    for days_back in range(3):
        date = today - datetime.timedelta(days=days_back)
        if spec_day(date) != meeting.day:
            continue
        occurrence = held_occurrence(meeting, date)
        if occurrence and occurrence.starts <= now <= occurrence.ends + REQUEST_WINDOW:
            return occurrence
    return None


def day_in_words(date: datetime.date) -> str:
    """ "Tuesday 1 December 2026", and its forms in the other languages."""
    return dates.weekday_and_date_with_year(date)


def request_problem(
    meeting: Meeting, date: datetime.date, now: datetime.datetime
) -> tuple[Occurrence | None, str]:
    """The occurrence on ``date``, or why proof of it cannot be asked for now."""
    if not meeting.attendance_verification:
        return None, gettext("This meeting does not offer proof of attendance.")
    if not meeting.is_active:
        return None, gettext("This meeting is closed at the moment.")
    occurrence = held_occurrence(meeting, date)
    day = {"day": dates.weekday_and_date_with_year(date)}
    if occurrence is None:
        return None, gettext("There was no meeting on %(day)s (not its day, or cancelled).") % day
    if now < occurrence.starts:
        return None, gettext(
            "The meeting on %(day)s has not started yet: you can ask for proof from its start "
            "until a day after it ends."
        ) % day
    if now > occurrence.ends + REQUEST_WINDOW:
        return None, gettext(
            "The meeting on %(day)s ended more than 24 hours ago, so proof of it can no longer "
            "be asked for here."
        ) % day
    return occurrence, ""
