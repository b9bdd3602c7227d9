"""Meetings as iCalendar: a weekly event in the meeting's own zone, so calendars keep it right
across daylight-saving changes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from icalendar import Calendar, Event

from meetings.models import Meeting
from meetings.schedule import (
    DAY,
    held_on,
    length,
    next_occurrence,
    occurrence_on,
    spec_day,
    upcoming_exceptions,
)


def build_calendar(meetings: Iterable[Meeting], *, now: datetime.datetime, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SMART Recovery//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "SMART Recovery meetings")
    for meeting in meetings:
        for event in meeting_events(meeting, now=now, base_url=base_url):
            calendar.add_component(event)
    # Zone rules from last year on keep the file small; calendars match zones by TZID anyway.
    calendar.add_missing_timezones(first_date=now.date().replace(year=now.year - 1))
    return calendar.to_ical()


def meeting_events(meeting: Meeting, *, now: datetime.datetime, base_url: str) -> list[Event]:
    """The weekly event, without the dates it is off (EXDATE), and one event for each moved
    date that overrides that occurrence (RECURRENCE-ID), as calendars expect."""
    weekly = meeting_event(meeting, now=now, base_url=base_url)
    first = next_occurrence(meeting, now).starts
    overrides = []
    for date in changed_dates(meeting, first.date()):
        usual = occurrence_on(meeting, date)
        if usual.starts < first:
            continue
        held = held_on(meeting, date)
        if held is None:
            weekly.add("exdate", usual.starts)
            continue
        moved = meeting_event(meeting, now=now, base_url=base_url, single=held.starts)
        moved.add("recurrence-id", usual.starts)
        if held.change and held.change.note:
            moved["description"] = f"{held.change.note}\n\n{moved['description']}"
        overrides.append(moved)
    return [weekly, *overrides]


def changed_dates(meeting: Meeting, since: datetime.date) -> list[datetime.date]:
    """The meeting's own dates from ``since`` on that a one-off change touches."""
    dates = []
    for change in upcoming_exceptions(meeting):
        date = max(change.date, since)
        while date <= (change.end_date or change.date):
            if spec_day(date) == meeting.day:
                dates.append(date)
            date += DAY
    return sorted(set(dates))


def meeting_event(
    meeting: Meeting,
    *,
    now: datetime.datetime,
    base_url: str,
    single: datetime.datetime | None = None,
) -> Event:
    """The weekly event, or with ``single`` one occurrence at that start (no RRULE)."""
    first = next_occurrence(meeting, now).starts if single is None else single
    page = f"{base_url}/meetings/{meeting.slug}/"
    event = Event()
    event.add("uid", f"{meeting.slug}@{base_url.split('://', 1)[-1]}")
    event.add("summary", meeting.name)
    event.add("dtstamp", now)
    event.add("dtstart", first)
    event.add("duration", length(meeting))
    if single is None:
        event.add("rrule", {"freq": "weekly"})
    event.add("url", page)
    if meeting.location_id:
        event.add("location", meeting.location.formatted_address or str(meeting.location))
    elif meeting.conference_url:
        event.add("location", meeting.conference_url)
    event.add("description", description(meeting, page))
    return event


def description(meeting: Meeting, page: str) -> str:
    lines = []
    if meeting.conference_url:
        lines.append(f"Join online: {meeting.conference_url}")
    if meeting.conference_phone:
        lines.append(f"Join by phone: {meeting.conference_phone}")
    if meeting.notes:
        lines.append(meeting.notes)
    lines.append(f"Details and changes: {page}")
    return "\n\n".join(lines)
