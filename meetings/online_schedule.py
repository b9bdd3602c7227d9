"""The online meetings page's content: one local day's listings, in the viewer's time zone.

The whole week on one page was 900 KB of HTML with the demo directory, too heavy for a phone on a
bad connection, so the page lists one local day: today (with what is on now and what starts
within the hour above it), or another of the next seven days. Only that day's meetings are read
and scheduled; every time is converted per occurrence by meetings.schedule, so daylight saving on
either side is the zone rules' business, never a fixed offset's.
"""

from __future__ import annotations

import datetime
import math
import re
from dataclasses import dataclass

from django.utils.translation import gettext, pgettext

from meetings.models import Attendance, Meeting, MeetingQuerySet
from meetings.schedule import (
    Occurrence,
    format_clock,
    occurrences_between,
    real_time,
    when_label,
    zone,
)
from meetings.types import type_name
from meetings.zones import place_of
from smartrecovery import dates

DAYS_SHOWN = 7
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
# ASCII digits only: fromisoformat() alone would also take "20261127" and "2026-W48-5".
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Only what the listing shows is read, in one query.
LISTING_FIELDS = (
    "name",
    "slug",
    "day",
    "time",
    "end_time",
    "timezone",
    "attendance",
    "program",
    "types",
    "languages",
    "attendance_verification",
    "is_active",
    "conference_url",
    "conference_phone",
)


def listed_meetings() -> MeetingQuerySet:
    return Meeting.objects.public().online().only(*LISTING_FIELDS)


@dataclass(frozen=True)
class OnlineListing:
    """One occurrence as the viewer reads it at ``now``, with the meeting's own clock beside it."""

    here: Occurrence
    there: Occurrence
    now: datetime.datetime

    @classmethod
    def of(cls, occurrence: Occurrence, zone_name: str, now: datetime.datetime) -> OnlineListing:
        return cls(here=occurrence.in_zone(zone_name), there=occurrence, now=now)

    @property
    def meeting(self) -> Meeting:
        return self.here.meeting

    @property
    def starts(self) -> str:
        return format_clock(self.here.starts)

    @property
    def ends(self) -> str:
        return format_clock(self.here.ends)

    @property
    def starts_iso(self) -> str:
        return self.here.starts.isoformat(timespec="minutes")

    @property
    def ends_iso(self) -> str:
        return self.here.ends.isoformat(timespec="minutes")

    @property
    def when(self) -> str:
        """ "Tonight 7:00 PM", "Tomorrow 9:30 AM", "Thu 6:00 PM" in the viewer's zone."""
        return when_label(self.here.starts, self.now)

    @property
    def own_time(self) -> str:
        """ "Mon 7:00 PM in New York" when the meeting's clock reads differently, else ""."""
        here, there = self.here.starts, self.there.starts
        if here.replace(tzinfo=None) == there.replace(tzinfo=None):
            return ""
        place = place_of(self.meeting.timezone)
        if there.date() != here.date():
            return pgettext("weekday, time and place", "%(day)s %(time)s in %(place)s") % {
                "day": dates.weekday_short(there),
                "time": format_clock(there),
                "place": place,
            }
        return gettext("%(time)s in %(place)s") % {"time": format_clock(there), "place": place}

    @property
    def minutes_to_start(self) -> int:
        return max(0, math.ceil((self.here.starts - self.now).total_seconds() / 60))

    @property
    def minutes_left(self) -> int:
        return max(0, math.ceil((self.here.ends - self.now).total_seconds() / 60))

    @property
    def is_hybrid(self) -> bool:
        return self.meeting.attendance == Attendance.HYBRID

    @property
    def type_names(self) -> list[str]:
        return [type_name(code) for code in self.meeting.feed_types()]

    @property
    def phone_number(self) -> str:
        """The number to read out; the link dials the rest (",," pauses, then the meeting ID)."""
        return self.meeting.conference_phone.split(",")[0]

    @property
    def join_url(self) -> str:
        """The conference link, only when it is a web address (never a javascript: URL)."""
        url = self.meeting.conference_url
        return url if url.startswith(("https://", "http://")) else ""


def day_label(date: datetime.date, today: datetime.date) -> str:
    if date == today:
        return gettext("Today")
    if date == today + DAY:
        return gettext("Tomorrow")
    return dates.capitalised(dates.weekday_and_date(date))


def day_bounds(date: datetime.date, zone_name: str) -> tuple[datetime.datetime, datetime.datetime]:
    """The instants a local date starts and ends: 23 or 25 hours apart on a clock-change day,
    and starting at 01:00 where the clocks jump at midnight."""
    here = zone(zone_name)
    start, end = (
        datetime.datetime.combine(day, datetime.time(), tzinfo=here) for day in (date, date + DAY)
    )
    return real_time(start), real_time(end)


@dataclass(frozen=True)
class DayLink:
    """One of the week's days in the day navigation."""

    date: datetime.date
    today: datetime.date

    @property
    def is_today(self) -> bool:
        return self.date == self.today

    @property
    def name(self) -> str:
        """ "Today", "Tomorrow", "Sat": the navigation's first line."""
        if self.date <= self.today + DAY:
            return day_label(self.date, self.today)
        return dates.weekday_short(self.date)

    @property
    def short_date(self) -> str:
        return dates.day_and_month_short(self.date)

    @property
    def heading(self) -> str:
        return day_label(self.date, self.today)

    @property
    def query_value(self) -> str | None:
        """The ``date`` parameter: none for today, so a saved link to today opens on the day."""
        return None if self.is_today else self.date.isoformat()


@dataclass(frozen=True)
class ChosenDay:
    """The day asked for in ``date``, or today with a note saying why not."""

    date: datetime.date
    problem: str = ""

    @classmethod
    def from_query(cls, text: str, today: datetime.date) -> ChosenDay:
        if not text:
            return cls(today)
        unreadable = cls(
            today, gettext("We couldn't read the date in that address, so here is today's list.")
        )
        if not ISO_DATE.fullmatch(text):
            return unreadable
        try:
            asked = datetime.date.fromisoformat(text)
        except ValueError:  # 2026-02-30
            return unreadable
        if not today <= asked < today + DAY * DAYS_SHOWN:
            return cls(
                today,
                gettext(
                    "We list the next seven days, and %(date)s is not one of them, so here is "
                    "today's list."
                )
                % {"date": dates.weekday_and_date_with_year(asked)},
            )
        return cls(asked)


@dataclass(frozen=True)
class DaySchedule:
    """The page's content: what runs now and what starts within the hour (on today's page),
    then the chosen day's meetings still to start."""

    now: datetime.datetime
    date: datetime.date
    in_progress: list[OnlineListing]
    starting_soon: list[OnlineListing]
    listings: list[OnlineListing]
    next_up: OnlineListing | None

    @classmethod
    def build(
        cls,
        meetings: MeetingQuerySet,
        zone_name: str,
        now: datetime.datetime,
        date: datetime.date | None = None,
    ) -> DaySchedule:
        """One query reads only the meetings that can start in the window, then the schedule
        builds each occurrence on its actual date."""
        local_now = now.astimezone(zone(zone_name))
        date = date or local_now.date()
        day_start, day_end = day_bounds(date, zone_name)
        is_today = date == local_now.date()
        if is_today:
            # A meeting lasts at most a day, so one still running began within the last day;
            # looking a day ahead finds "the next one" when little is left today.
            start, end = now - DAY, max(day_end, now + DAY)
        else:
            start, end = day_start, day_end
        # Dates a meeting is off are left out, moved ones listed at their new time.
        candidates = meetings.starting_in(start, end).with_upcoming_exceptions()
        occurrences = occurrences_between(candidates, start, end)
        listings = [
            OnlineListing.of(occurrence, zone_name, local_now) for occurrence in occurrences
        ]
        upcoming = [listing for listing in listings if listing.here.starts > now]
        on_the_day = [listing for listing in upcoming if listing.here.starts.date() == date]
        if not is_today:
            return cls(local_now, date, [], [], on_the_day, None)
        return cls(
            now=local_now,
            date=date,
            in_progress=[listing for listing in listings if listing.here.is_on_at(now)],
            starting_soon=[listing for listing in upcoming if listing.here.starts <= now + HOUR],
            listings=on_the_day,
            next_up=upcoming[0] if upcoming else None,
        )

    @property
    def is_today(self) -> bool:
        return self.date == self.now.date()

    @property
    def day(self) -> DayLink:
        return DayLink(self.date, self.now.date())

    @property
    def days(self) -> list[DayLink]:
        today = self.now.date()
        return [DayLink(today + DAY * offset, today) for offset in range(DAYS_SHOWN)]

    @property
    def next_day(self) -> DayLink | None:
        following = DayLink(self.date + DAY, self.now.date())
        return following if following.date < self.now.date() + DAY * DAYS_SHOWN else None

    @property
    def now_iso(self) -> str:
        return self.now.isoformat(timespec="minutes")

    @property
    def now_label(self) -> str:
        return pgettext("weekday and time", "%(day)s %(time)s") % {
            "day": dates.weekday(self.now),
            "time": format_clock(self.now),
        }
