"""When meetings happen: occurrences on real dates, in the meeting's zone and the viewer's.

A meeting is stored as a weekday and a wall-clock time in its own IANA zone. Each occurrence is
built on its actual date with ``zoneinfo``, so daylight-saving changes on either side (the
meeting's or the viewer's) are handled by the zone rules, never by a fixed offset.
"""

from __future__ import annotations

import datetime
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext, pgettext

from meetings.models import Meeting, MeetingException, Weekday
from smartrecovery import dates

DEFAULT_LENGTH = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)

# Times of day, in the meeting's own zone: [start, end) wall-clock hours.
TIMES_OF_DAY: dict[str, tuple[datetime.time, datetime.time]] = {
    "morning": (datetime.time(5), datetime.time(12)),
    "midday": (datetime.time(12), datetime.time(17)),
    "evening": (datetime.time(17), datetime.time(21)),
    "night": (datetime.time(21), datetime.time(5)),
}


@lru_cache(maxsize=512)
def zone(name: str) -> zoneinfo.ZoneInfo:
    """A zone by IANA name or alias (browsers may say Asia/Calcutta for Asia/Kolkata)."""
    return zoneinfo.ZoneInfo(name)


def spec_day(date: datetime.date) -> int:
    return (date.weekday() + 1) % 7


def length(meeting: Meeting) -> datetime.timedelta:
    if meeting.end_time is None:
        return DEFAULT_LENGTH
    start = datetime.datetime.combine(datetime.date.min, meeting.time)
    end = datetime.datetime.combine(datetime.date.min, meeting.end_time)
    if end <= start:
        end += DAY
    return end - start


@dataclass(frozen=True)
class Occurrence:
    meeting: Meeting
    starts: datetime.datetime
    ends: datetime.datetime
    # The one-off change that moved this occurrence from the usual time, if one did.
    change: MeetingException | None = None

    def in_zone(self, name: str) -> Occurrence:
        """The same occurrence with its times shown in another zone."""
        target = zone(name)
        return Occurrence(
            self.meeting, self.starts.astimezone(target), self.ends.astimezone(target), self.change
        )

    def is_on_at(self, moment: datetime.datetime) -> bool:
        return self.starts <= moment < self.ends


def occurrence_on(meeting: Meeting, date: datetime.date) -> Occurrence:
    """The meeting on ``date`` (a date in the meeting's own zone)."""
    starts = real_time(datetime.datetime.combine(date, meeting.time, tzinfo=zone(meeting.timezone)))
    # Aware arithmetic is wall-clock arithmetic, so the end reads as the stored end time; it is
    # made real the same way (astimezone() into the same zone would leave it untouched).
    return Occurrence(meeting, starts, real_time(starts + length(meeting)))


def upcoming_exceptions(meeting: Meeting) -> list[MeetingException]:
    """The meeting's one-off changes not yet over: from the rows that
    ``MeetingQuerySet.with_upcoming_exceptions()`` read with it, else read now."""
    cached = getattr(meeting, "upcoming_exception_list", None)
    if cached is not None:
        return cached
    rows = getattr(meeting, "upcoming_exception_rows", None)
    if rows is not None:
        cached = [exception_from_row(meeting, row) for row in rows]
    elif meeting.pk:
        # A day's margin: "today" differs by zone, and each use compares on the meeting's dates.
        since = datetime.datetime.now(datetime.UTC).date() - DAY
        cached = list(meeting.exceptions.upcoming(since))
    else:
        cached = []
    meeting.upcoming_exception_list = cached
    return cached


def exception_from_row(meeting: Meeting, row: dict) -> MeetingException:
    """A one-off change from its JSON row (dates and times come back as ISO text)."""
    return MeetingException(
        id=row["id"],
        meeting=meeting,
        kind=row["kind"],
        date=datetime.date.fromisoformat(row["date"]),
        end_date=datetime.date.fromisoformat(row["end_date"]) if row["end_date"] else None,
        new_time=datetime.time.fromisoformat(row["new_time"]) if row["new_time"] else None,
        note=row["note"],
    )


def exception_on(meeting: Meeting, date: datetime.date) -> MeetingException | None:
    return next((change for change in upcoming_exceptions(meeting) if change.covers(date)), None)


def held_on(meeting: Meeting, date: datetime.date) -> Occurrence | None:
    """The meeting as it is held on ``date`` (its own zone): None when it is off that day, at
    the new time when it was moved."""
    change = exception_on(meeting, date)
    if change is None:
        return occurrence_on(meeting, date)
    if change.skips or change.new_time is None:
        return None
    starts = real_time(
        datetime.datetime.combine(date, change.new_time, tzinfo=zone(meeting.timezone))
    )
    return Occurrence(meeting, starts, real_time(starts + length(meeting)), change)


def next_held_occurrence(meeting: Meeting, now: datetime.datetime) -> Occurrence | None:
    """Like ``next_occurrence``, past the dates it is off; None while closed for over a year."""
    local_today = now.astimezone(zone(meeting.timezone)).date()
    for offset in range(-1, 7 * 54):
        date = local_today + datetime.timedelta(days=offset)
        if spec_day(date) != meeting.day:
            continue
        occurrence = held_on(meeting, date)
        if occurrence is not None and occurrence.ends > now:
            return occurrence
    return None


def real_time(wall: datetime.datetime) -> datetime.datetime:
    """Round-trip through UTC so a wall time inside a spring-forward gap lands on a real instant
    (02:30 on the night clocks jump from 02:00 to 03:00 becomes 03:30)."""
    return wall.astimezone(datetime.UTC).astimezone(wall.tzinfo)


def next_occurrence(meeting: Meeting, now: datetime.datetime) -> Occurrence:
    """The occurrence in progress at ``now``, or else the next one to start."""
    local_today = now.astimezone(zone(meeting.timezone)).date()
    # Start a day back so a meeting that began yesterday and runs past midnight is found.
    for offset in range(-1, 8):
        date = local_today + datetime.timedelta(days=offset)
        if spec_day(date) != meeting.day:
            continue
        occurrence = occurrence_on(meeting, date)
        if occurrence.ends > now:
            return occurrence
    raise AssertionError("a weekly meeting always occurs within eight days")


def occurrences_between(
    meetings: Iterable[Meeting], start: datetime.datetime, end: datetime.datetime
) -> list[Occurrence]:
    """Every occurrence overlapping [start, end), soonest first; dates a meeting is off are
    left out and moved ones are at their new time."""
    found = []
    for meeting in meetings:
        local_start = start.astimezone(zone(meeting.timezone)).date() - DAY
        local_end = end.astimezone(zone(meeting.timezone)).date()
        date = local_start
        while date <= local_end:
            if spec_day(date) == meeting.day:
                occurrence = held_on(meeting, date)
                if occurrence and occurrence.ends > start and occurrence.starts < end:
                    found.append(occurrence)
            date += DAY
    return sorted(found, key=lambda occurrence: (occurrence.starts, occurrence.meeting.name))


def when_label(moment: datetime.datetime, now: datetime.datetime) -> str:
    """ "Tonight 7:00 PM", "Today 9:30 AM", "Tomorrow 6:30 PM" or "Thu 6:30 PM" (both aware,
    ``moment`` already in the zone it should be read in)."""
    today = now.astimezone(moment.tzinfo).date()
    clock = {"time": format_clock(moment)}
    if moment.date() == today:
        if moment.hour >= 17:
            return gettext("Tonight %(time)s") % clock
        return gettext("Today %(time)s") % clock
    if moment.date() == today + DAY:
        return gettext("Tomorrow %(time)s") % clock
    return pgettext("weekday and time", "%(day)s %(time)s") % {
        "day": dates.weekday_short(moment),
        **clock,
    }


def format_clock(moment: datetime.datetime | datetime.time) -> str:
    """7:00 PM, 12:30 AM: the 12-hour clock people read in listings (19:00 in the other
    languages)."""
    return dates.clock(moment)


def zone_place(name: str) -> str:
    """ "Chicago" for America/Chicago, "Buenos Aires" for America/Argentina/Buenos_Aires."""
    return name.rsplit("/", 1)[-1].replace("_", " ")


def weekly_sentence(day: int, time: datetime.time, zone_name: str, now: datetime.datetime) -> str:
    """ "Thursdays 7:00 PM in Chicago (01:00 UTC on Fridays)": the wall-clock time people keep,
    and its UTC reading at the next occurrence, which is the one daylight saving moves."""
    meeting = Meeting(day=day, time=time, timezone=zone_name)
    starts = next_occurrence(meeting, now).starts.astimezone(datetime.UTC)
    utc_day = Weekday(spec_day(starts.date())).label
    return (
        f"{Weekday(day).label}s {format_clock(time)} in {zone_place(zone_name)} "
        f"({starts:%H:%M} UTC on {utc_day}s)"
    )
