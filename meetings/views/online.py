"""The week's online and hybrid meetings at /meetings/online/, one day at a time, in the viewer's
time zone.

The zone comes from the ``tz`` parameter (the picker, or static/js/timezone.js reporting the
browser's zone), else the ``tz`` cookie a valid parameter sets, else UTC with a prompt to choose.
Every time is converted per occurrence by meetings.schedule, so daylight saving on either side is
the zone rules' business, never a fixed offset's.

The whole week on one page was 900 KB of HTML with the demo directory, too heavy for a phone on a
bad connection, so the page lists one local day: today (with what is on now and what starts
within the hour above it), or another of the next seven days given as ``date=YYYY-MM-DD``. Only
that day's meetings are read and scheduled.
"""

from __future__ import annotations

import datetime
import math
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django import forms
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_cookie

from meetings.models import Attendance, Meeting, MeetingQuerySet, available_timezones
from meetings.schedule import (
    Occurrence,
    format_clock,
    occurrences_between,
    real_time,
    spec_day,
    when_label,
    zone,
)
from meetings.search import ProgramLanguageFields
from meetings.types import EDITABLE_TYPES, LANGUAGES, Program, type_name
from meetings.views.viewer import (
    ViewerZone,
    choose_zone,
    remember_zone,
    zone_names,
)

DAYS_SHOWN = 7
HOUR = datetime.timedelta(hours=1)
DAY = datetime.timedelta(days=1)
SOON_WINDOWS = (datetime.timedelta(hours=3), DAY)
# ASCII digits only: fromisoformat() alone would also take "20261127" and "2026-W48-5".
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# The picker's groups: the tz database's continents and oceans.
REGIONS = (
    "Africa",
    "America",
    "Antarctica",
    "Arctic",
    "Asia",
    "Atlantic",
    "Australia",
    "Europe",
    "Indian",
    "Pacific",
)
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


# --- The viewer's zone ---------------------------------------------------------------------


@cache
def every_zone() -> tuple[tuple[str, zoneinfo.ZoneInfo], ...]:
    return tuple((name, zoneinfo.ZoneInfo(name)) for name in sorted(zone_names().values()))


def zone_table_names() -> list[str]:
    """The zones of zone.tab (one or more per country), the list a picker should offer."""
    for directory in zoneinfo.TZPATH:
        path = Path(directory) / "zone.tab"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()
            return [line.split("\t")[2] for line in lines if line and not line.startswith("#")]
    return sorted(name for name in available_timezones() if name.split("/")[0] in REGIONS)


@cache
def zone_groups() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """The picker's options by region: ("Europe", (("Europe/London", "London"), ...))."""
    known = set(zone_names().values())
    groups: dict[str, list[tuple[str, str]]] = {region: [] for region in REGIONS}
    for name in set(zone_table_names()):
        region, _, place = name.partition("/")
        if region in groups and name in known:
            groups[region].append((name, place.replace("_", " ").replace("/", " / ")))
    choices = [(region, tuple(sorted(groups[region], key=lambda c: c[1]))) for region in REGIONS]
    choices.append(("Universal", (("UTC", "UTC (Coordinated Universal Time)"),)))
    return tuple((region, options) for region, options in choices if options)


def zone_choices(current: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """The picker's groups, with the current zone added where the list lacks it (an alias)."""
    groups = list(zone_groups())
    if any(current == name for _, options in groups for name, _ in options):
        return groups
    return [("Your zone", ((current, current.replace("_", " ")),)), *groups]


def place_of(zone_name: str) -> str:
    """The place a zone is named for: "America/New_York" → "New York"."""
    return zone_name.rsplit("/", 1)[-1].replace("_", " ")


# --- Filters -------------------------------------------------------------------------------


class OnlineFilterForm(ProgramLanguageFields):
    """The optional filters, kept in the URL."""

    type = forms.MultipleChoiceField(
        label="Kind of meeting",
        choices=sorted(EDITABLE_TYPES.items(), key=lambda item: item[1]),
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> OnlineFilterForm:
        """Bound to the query with any value it does not know dropped (never echoed back)."""
        data = QueryDict(mutable=True)
        data.setlist("type", [code for code in query.getlist("type") if code in EDITABLE_TYPES])
        if query.get("program") in Program.values:
            data["program"] = query["program"]
        if query.get("language") in LANGUAGES:
            data["language"] = query["language"]
        form = cls(data)
        form.full_clean()
        return form

    def filter(self, meetings: MeetingQuerySet) -> MeetingQuerySet:
        chosen = self.cleaned_data
        if chosen["type"]:
            meetings = meetings.with_feed_types(chosen["type"])
        if chosen["program"]:
            meetings = meetings.filter(program=chosen["program"])
        if chosen["language"]:
            meetings = meetings.filter(languages__contains=[chosen["language"]])
        return meetings

    def summary(self) -> list[str]:
        """The chosen filters' names, for "Showing only: Women, Spanish"."""
        chosen = self.cleaned_data
        names = [type_name(code) for code in chosen["type"]]
        if chosen["program"]:
            names.append(Program(chosen["program"]).label)
        if chosen["language"]:
            names.append(LANGUAGES[chosen["language"]])
        return names


# --- What the page lists -------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """One occurrence as the viewer reads it at ``now``, with the meeting's own clock beside it."""

    here: Occurrence
    there: Occurrence
    now: datetime.datetime

    @classmethod
    def of(cls, occurrence: Occurrence, zone_name: str, now: datetime.datetime) -> Listing:
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
        day = f"{there:%a} " if there.date() != here.date() else ""
        return f"{day}{format_clock(there)} in {place_of(self.meeting.timezone)}"

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


def listed_meetings() -> MeetingQuerySet:
    return Meeting.objects.public().online().only(*LISTING_FIELDS)


# --- Which day ------------------------------------------------------------------------------


def day_label(date: datetime.date, today: datetime.date) -> str:
    if date == today:
        return "Today"
    if date == today + DAY:
        return "Tomorrow"
    return f"{date:%A} {date.day} {date:%B}"


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
        return f"{self.date:%a}"

    @property
    def short_date(self) -> str:
        return f"{self.date.day} {self.date:%b}"

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
            today, "We couldn't read the date in that address, so here is today's list."
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
                f"We list the next seven days, and {asked:%A} {asked.day} {asked:%B} {asked.year} "
                "is not one of them, so here is today's list.",
            )
        return cls(asked)


# --- What the page lists -------------------------------------------------------------------


@dataclass(frozen=True)
class DaySchedule:
    """The page's content: what runs now and what starts within the hour (on today's page),
    then the chosen day's meetings still to start."""

    now: datetime.datetime
    date: datetime.date
    in_progress: list[Listing]
    starting_soon: list[Listing]
    listings: list[Listing]
    next_up: Listing | None

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
        occurrences = occurrences_between(starting_in(meetings, start, end), start, end)
        listings = [Listing.of(occurrence, zone_name, local_now) for occurrence in occurrences]
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
        return f"{self.now:%A} {format_clock(self.now)}"


def kept_query(viewer: ViewerZone, filters: OnlineFilterForm) -> QueryDict:
    """What the day links carry over: the zone asked for and the filters, both cleaned, so a
    value the page does not know is never repeated in its links."""
    query = QueryDict(mutable=True)
    if viewer.source == "query":
        query["tz"] = viewer.name
    for key, values in filters.data.lists():
        query.setlist(key, values)
    return query


# Not gzipped (gzip_page): a signed-in visitor's header holds the sign-out form's CSRF token
# beside what the visitor typed (tz), the conditions for BREACH.
@require_GET
@vary_on_cookie
def online(request: HttpRequest) -> HttpResponse:
    viewer = choose_zone(request)
    filters = OnlineFilterForm.from_query(request.GET)
    now = timezone.now()
    chosen = ChosenDay.from_query(
        request.GET.get("date", ""), now.astimezone(zone(viewer.name)).date()
    )
    schedule = DaySchedule.build(filters.filter(listed_meetings()), viewer.name, now, chosen.date)
    context = {
        "zone": viewer,
        "zone_choices": zone_choices(viewer.name),
        "filters": filters,
        "filter_summary": filters.summary(),
        "schedule": schedule,
        "date_problem": chosen.problem,
        "kept_query": kept_query(viewer, filters),
    }
    response = render(request, "meetings/online.html", context)
    remember_zone(request, response, viewer)
    return response


# --- The home page's "starting soon" -------------------------------------------------------


def local_window(start: datetime.datetime, end: datetime.datetime) -> Q:
    """Meetings whose own weekday and clock fall between two wall-clock times (naive)."""
    condition = Q()
    date = start.date()
    while date <= end.date():
        part = Q(day=spec_day(date))
        if date == start.date():
            part &= Q(time__gte=start.time())
        if date == end.date():
            part &= Q(time__lte=end.time())
        condition |= part
        date += DAY
    return condition


def starting_in(
    meetings: MeetingQuerySet, start: datetime.datetime, end: datetime.datetime
) -> MeetingQuerySet:
    """Only the meetings whose own weekday and clock can start between two instants.

    Zones that show the same wall-clock window share one condition, so the query stays small
    however many meetings there are; a row in a zone the system does not know is not read,
    rather than fail the whole page. An hour's margin either side covers a clock change inside
    the window; the schedule then keeps the exact occurrences.
    """
    windows: dict[tuple[datetime.datetime, datetime.datetime], list[str]] = {}
    for name, here in every_zone():
        lower = (start - HOUR).astimezone(here).replace(tzinfo=None)
        upper = (end + HOUR).astimezone(here).replace(tzinfo=None)
        windows.setdefault((lower, upper), []).append(name)
    condition = Q()
    for (lower, upper), names in windows.items():
        condition |= Q(timezone__in=names) & local_window(lower, upper)
    return meetings.filter(condition).order_by()


def starting_between(
    meetings: MeetingQuerySet, start: datetime.datetime, end: datetime.datetime
) -> list[Occurrence]:
    """Occurrences starting in (start, end], soonest first, in one query."""
    found = occurrences_between(starting_in(meetings, start, end), start, end)
    return [occurrence for occurrence in found if start < occurrence.starts <= end]


def starting_soon(request: HttpRequest, count: int = 3) -> dict:
    """The next few online meetings to start within a day, in the remembered zone (or UTC)."""
    viewer = choose_zone(request, use_query=False)
    now = timezone.now()
    # Most hours have plenty of meetings starting; a quiet directory needs the whole day.
    for window in SOON_WINDOWS:
        soon = starting_between(listed_meetings(), now, now + window)[:count]
        if len(soon) == count:
            break
    local_now = now.astimezone(zone(viewer.name))
    return {"zone": viewer, "listings": [Listing.of(o, viewer.name, local_now) for o in soon]}
