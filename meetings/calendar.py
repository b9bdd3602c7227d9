"""Meetings as iCalendar: a weekly event in the meeting's own zone, so calendars keep it right
across daylight-saving changes."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from icalendar import Calendar, Event

from meetings.models import Meeting
from meetings.schedule import length, next_occurrence


def build_calendar(meetings: Iterable[Meeting], *, now: datetime.datetime, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SMART Recovery//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "SMART Recovery meetings")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, now=now, base_url=base_url))
    # Zone rules from last year on keep the file small; calendars match zones by TZID anyway.
    calendar.add_missing_timezones(first_date=now.date().replace(year=now.year - 1))
    return calendar.to_ical()


def meeting_event(meeting: Meeting, *, now: datetime.datetime, base_url: str) -> Event:
    first = next_occurrence(meeting, now)
    page = f"{base_url}/meetings/{meeting.slug}/"
    event = Event()
    event.add("uid", f"{meeting.slug}@{base_url.split('://', 1)[-1]}")
    event.add("summary", meeting.name)
    event.add("dtstamp", now)
    event.add("dtstart", first.starts)
    event.add("duration", length(meeting))
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
