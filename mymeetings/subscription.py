"""The private calendar subscription: the saved meetings as one iCalendar feed.

Each meeting is the weekly event ``meetings.calendar`` makes, with the dates it is off as
EXDATE and moved dates as RECURRENCE-ID overrides; a temporarily closed or private meeting is
left out, so it leaves the participant's calendar at the next refresh.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.http import HttpRequest
from django.urls import reverse
from icalendar import Calendar

from meetings.calendar import meeting_events
from meetings.models import Meeting
from mymeetings.models import CalendarFeed

# How often calendar apps that honour it (Apple's, Outlook, Thunderbird) fetch the feed again.
REFRESH = datetime.timedelta(hours=1)


def feed_body(meetings: Iterable[Meeting], *, now: datetime.datetime, base_url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SMART Recovery//My meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "My SMART Recovery meetings")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", REFRESH)
    for meeting in meetings:
        if meeting.is_public and meeting.is_active:
            for event in meeting_events(meeting, now=now, base_url=base_url):
                calendar.add_component(event)
    calendar.add_missing_timezones(first_date=now.date().replace(year=now.year - 1))
    return calendar.to_ical()


def feed_urls(request: HttpRequest, feed: CalendarFeed) -> dict[str, str] | None:
    """The feed's https and webcal:// addresses, or None once its key is gone."""
    token = feed.token
    if token is None:
        return None
    https = request.build_absolute_uri(reverse("mymeetings:feed", args=[token]))
    https = "https://" + https.split("://", 1)[1]
    return {"https": https, "webcal": "webcal://" + https.split("://", 1)[1]}
