"""The finder's query: what a visitor asked for, validated, and the meetings that answer it."""

from __future__ import annotations

import datetime
import hashlib
import math
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache, caches
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy, pgettext

from meetings.geocoding import (
    AmbiguousPlace,
    GeocodeResult,
    PlaceNotFound,
    TooManyLookups,
    geocode,
    nearest_city,
    timezone_at,
)
from meetings.models import (
    Attendance,
    DirectoryVersion,
    Meeting,
    MeetingException,
    MeetingQuerySet,
)
from meetings.schedule import (
    Occurrence,
    format_clock,
    next_held_occurrence,
    next_occurrence,
    spec_day,
    upcoming_exceptions,
    when_label,
    zone,
)
from meetings.types import ALL_TYPES, LANGUAGES, Program, type_name
from smartrecovery import dates

PAGE_SIZE = 20
MAX_PAGE = 50
EARTH_RADIUS_KM = 6371.0088
KM_PER_MILE = 1.609344
DEFAULT_RADIUS = {"mi": 25, "km": 40}
# Doubling the radius this many times reaches about 400 mi / 640 km.
WIDENINGS = 4
# "Soonest first" orders at most this many of the nearest meetings within the radius by their
# next start, then pages through them.
SOONEST_POOL = 200
# Countries that give road distances in miles.
MILE_COUNTRIES = {"US", "GB", "LR", "MM"}
# What a visitor may type as a place: longer is a form error, never a lookup.
NEAR_MAX_LENGTH = 200
# How far ahead online meetings are looked for: most hours have plenty starting, while a quiet
# directory or narrow filters need the whole week (every weekly meeting starts once in it).
ONLINE_WINDOWS = (
    datetime.timedelta(hours=3),
    datetime.timedelta(days=1),
    datetime.timedelta(days=7),
)
# Online meetings shown beside a near-me search that did not ask for online ones: a few, within a
# day, so they cost at most two small queries.
ONLINE_SOON = 3
SOON_WINDOWS = ONLINE_WINDOWS[:2]
# Every search with the same filters shows the same few: found again at most once a minute.
SOON_CACHED_FOR = 60
# The finder's fields that say where and which page, not which meetings.
NOT_FILTERS = {"near", "lat", "lng", "radius", "unit", "sort", "page"}
# The nearest meetings found for a point and filters are kept this long (and only while the
# directory is unchanged): many visitors search from the same few places.
NEAREST_KEPT_FOR = 10 * 60
DAY_CHOICES = [(str(day), name) for day, name in Meeting._meta.get_field("day").choices]
TIME_OF_DAY_NAMES = {
    "morning": gettext_lazy("Morning"),
    "midday": gettext_lazy("Midday"),
    "evening": gettext_lazy("Evening"),
    "night": gettext_lazy("Night"),
}


def fixed(choices: list[tuple[str, str]]) -> Callable[[], list[tuple[str, str]]]:
    """Choices given as a callable: a form copies its fields for every request, and copying a
    callable is free where copying a long list of choices took a third of an API request."""
    return lambda: choices


def translated_choices(
    build: Callable[[], list[tuple[str, str]]],
) -> Callable[[], list[tuple[str, str]]]:
    """Choices built once per language, in that language (then as cheap to copy as ``fixed``)."""
    built: dict[str, list[tuple[str, str]]] = {}

    def choices() -> list[tuple[str, str]]:
        language = get_language() or ""
        if language not in built:
            built[language] = build()
        return built[language]

    return choices


def sorted_by_name(codes: dict[str, str]) -> list[tuple[str, str]]:
    """Codes with their names in the page's language, in the alphabetical order of those names
    (accents aside, so "Árabe" comes before "Búlgaro")."""
    named = [(code, type_name(code)) for code in codes]
    if dates.is_english():
        return sorted(named, key=lambda item: item[1])

    def key(item: tuple[str, str]) -> str:
        letters = unicodedata.normalize("NFKD", item[1])
        return "".join(c for c in letters if not unicodedata.combining(c)).casefold()

    return sorted(named, key=key)


class ProgramLanguageFields(forms.Form):
    """The meeting-kind and language filters the finder and the online schedule share."""

    program = forms.ChoiceField(
        choices=translated_choices(lambda: [("", gettext_lazy("Any")), *Program.choices]),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    language = forms.ChoiceField(
        choices=translated_choices(lambda: [("", gettext_lazy("Any")), *sorted_by_name(LANGUAGES)]),
        required=False,
        widget=forms.Select(attrs={"class": "form-select"}),
    )


class FinderForm(ProgramLanguageFields):
    """The finder's query string (also the JSON API's); every field optional."""

    near = forms.CharField(
        label=gettext_lazy("City, ZIP or address"),
        max_length=NEAR_MAX_LENGTH,
        required=False,
        error_messages={
            "max_length": gettext_lazy(
                "Too long to be a place (at most %(limit_value)d characters): try a city, such as "
                "“Austin, TX”, or a ZIP code."
            )
        },
    )
    lat = forms.FloatField(min_value=-90, max_value=90, required=False, widget=forms.HiddenInput)
    lng = forms.FloatField(min_value=-180, max_value=180, required=False, widget=forms.HiddenInput)
    radius = forms.FloatField(
        label=gettext_lazy("Within"), min_value=1, max_value=500, required=False
    )
    unit = forms.ChoiceField(
        choices=translated_choices(
            lambda: [("mi", gettext_lazy("miles")), ("km", gettext_lazy("km"))]
        ),
        required=False,
    )
    day = forms.MultipleChoiceField(
        choices=translated_choices(lambda: [*DAY_CHOICES, ("today", gettext_lazy("Today"))]),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    time = forms.MultipleChoiceField(
        label=gettext_lazy("Time of day"),
        choices=translated_choices(lambda: list(TIME_OF_DAY_NAMES.items())),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    type = forms.MultipleChoiceField(
        choices=translated_choices(lambda: sorted_by_name(ALL_TYPES)),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    attendance = forms.MultipleChoiceField(
        choices=translated_choices(lambda: Attendance.choices),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(label=gettext_lazy("Name or words"), max_length=200, required=False)
    sort = forms.ChoiceField(
        choices=translated_choices(
            lambda: [
                ("nearest", gettext_lazy("Nearest first")),
                ("soonest", gettext_lazy("Soonest first")),
            ]
        ),
        required=False,
    )
    page = forms.IntegerField(min_value=1, max_value=MAX_PAGE, required=False)

    def clean(self) -> dict:
        data = super().clean()
        if (data.get("lat") is None) != (data.get("lng") is None):
            raise forms.ValidationError(gettext_lazy("Give both lat and lng, or neither."))
        return data


@dataclass
class Result:
    meeting: Meeting
    distance: float | None
    upcoming: Occurrence
    when: str
    in_progress: bool
    # One-off changes from today on (a date off, a closure, another time one week).
    changes: list[MeetingException] = field(default_factory=list)

    @property
    def next_date(self) -> str:
        """ "Thu 3 Dec, 6:00 PM": the next start with its date, on the clock it is read on (the
        meeting's own for one near a place, the visitor's for an online one)."""
        starts = self.upcoming.starts
        return pgettext("date and time", "%(date)s, %(time)s") % {
            "date": dates.short_weekday_and_date(starts),
            "time": format_clock(starts),
        }


@dataclass
class Search:
    """What the finder shows: the point searched around, the results, and what it had to say."""

    place: GeocodeResult | None = None
    unit: str = "mi"
    radius: float = 25
    asked_radius: float = 25
    results: list[Result] = field(default_factory=list)
    has_more: bool = False
    page: int = 1
    not_found: PlaceNotFound | None = None
    ambiguous: AmbiguousPlace | None = None
    too_many_lookups: TooManyLookups | None = None
    # Online meetings by their next start in ``online_zone``: the whole list, a page at a time,
    # when the visitor asked for online attendance; else a few starting soon beside the
    # in-person results of a near-me search.
    online: list[Result] = field(default_factory=list)
    online_zone: str = "UTC"
    lists_online: bool = False
    # Whether in-person meetings were looked for around the place (not for online only).
    looked_near: bool = False

    @property
    def widened(self) -> bool:
        return self.radius > self.asked_radius


def great_circle_km(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Haversine distance on a sphere of the Earth's mean radius."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lng2 - lng1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def filtered(data: dict, now: datetime.datetime, zone_name: str) -> MeetingQuerySet:
    """Public meetings matching every filter except the place."""
    meetings = Meeting.objects.public().select_related("location")
    days = {int(day) for day in data.get("day", []) if day != "today"}
    if "today" in data.get("day", []):
        days.add(spec_day(now.astimezone(zone(zone_name)).date()))
    if days:
        meetings = meetings.on_days(sorted(days))
    if data.get("time"):
        meetings = meetings.at_times_of_day(data["time"])
    if data.get("type"):
        meetings = meetings.with_feed_types(data["type"])
    if data.get("attendance"):
        meetings = meetings.filter(attendance__in=data["attendance"])
    if data.get("program"):
        meetings = meetings.filter(program=data["program"])
    if data.get("language"):
        meetings = meetings.filter(languages__contains=[data["language"]])
    if data.get("q"):
        meetings = meetings.matching(data["q"])
    return meetings


def locate(
    data: dict,
    search: Search,
    may_look_up: Callable[[], bool] | None = None,
    home: str = "",
) -> GeocodeResult | None:
    if data.get("lat") is not None:
        # The nearest town's zone and country stand for the point's (units, "today").
        city = nearest_city(data["lat"], data["lng"])
        return GeocodeResult(
            data["lat"],
            data["lng"],
            "your location",
            "browser",
            country=city.country if city else "",
            timezone=city.timezone if city else "",
        )
    if not data.get("near"):
        return None
    try:
        return geocode(data["near"], may_look_up=may_look_up, home=home)
    except AmbiguousPlace as ambiguous:
        search.ambiguous = ambiguous
    except PlaceNotFound as not_found:
        search.not_found = not_found
    except TooManyLookups as too_many:
        search.too_many_lookups = too_many
    return None


def place_zone(place: GeocodeResult) -> str | None:
    """The zone the gazetteer gave the place, else the time-zone finder's (which loads its
    polygons and numpy, about 20 MB a process, so only for the places the gazetteer lacks)."""
    return place.timezone or timezone_at(place.latitude, place.longitude)


def run(
    data: dict,
    *,
    now: datetime.datetime | None = None,
    viewer_zone: str | None = None,
    may_look_up: Callable[[], bool] | None = None,
    home: str = "",
    version: int | None = None,
) -> Search:
    """Nearest meetings to the place asked for, within the radius, one page at a time, and
    online meetings by their next start.

    ``viewer_zone`` is the zone the visitor chose or their browser reported, None when unknown
    (then the searched place's zone stands in). ``may_look_up`` is asked before a place name is
    looked up past the geocoding cache (see ``geocode``); a point given as lat and lng is never
    looked up. ``home`` is the visitor's country from their language (``en-GB``), if any.
    ``version`` is the directory's (``directory_version``): given, the nearest meetings are
    kept for the next search from the same point with the same filters.
    """
    now = now or timezone.now()
    search = Search(page=data.get("page") or 1)
    attendance = set(data.get("attendance") or [])
    search.lists_online = Attendance.ONLINE in attendance
    place = locate(data, search, may_look_up, home)
    search.place = place
    if place is not None:
        search.unit = data.get("unit") or default_unit(place)
        search.radius = search.asked_radius = data.get("radius") or DEFAULT_RADIUS[search.unit]
    local_zone = place and place_zone(place)
    search.online_zone = viewer_zone or local_zone or "UTC"
    if place is not None and attendance != {Attendance.ONLINE}:
        search_near(data, place, search, now, local_zone or search.online_zone, version)
    if search.lists_online:
        list_online(data, search, now)
    elif place is not None and not attendance and search.page == 1:
        soon = soon_online(data, now, search.online_zone)
        search.online = online_results(soon, search.online_zone, now)
    return search


def soon_online(data: dict, now: datetime.datetime, zone_name: str) -> list[Occurrence]:
    """The few online meetings starting soonest, shown beside a near-me search.

    Finding them reads every online meeting starting in the next hours (about 700 of 100,000
    meetings, most of a finder page's time), and every search with the same filters shows the
    same ones, wherever it is near: twice as many are kept for a minute, less those started
    since. They are keyed by the filters as asked (every field but the place and the page), and
    by the visitor's day only when "today" is among them: the instants are the same in every
    zone, which only the display converts to.
    """
    asked = repr(filters_asked(data, now, zone_name))
    key = f"online-soon:{hashlib.sha256(asked.encode()).hexdigest()}"
    kept = [occurrence for occurrence in cache.get(key, []) if occurrence.starts > now]
    if len(kept) < ONLINE_SOON:
        online = filtered(data, now, zone_name).online()
        kept = next_online(online, now, 2 * ONLINE_SOON, SOON_WINDOWS)
        cache.set(key, kept, SOON_CACHED_FOR)
    return kept[:ONLINE_SOON]


def list_online(data: dict, search: Search, now: datetime.datetime) -> None:
    """The page of online and hybrid meetings by their next start, for ``attendance=online``."""
    online = filtered({**data, "attendance": []}, now, search.online_zone).online()
    if search.looked_near and Attendance.HYBRID in data["attendance"]:
        # Hybrid meetings asked for in person are already among the nearest.
        online = online.exclude(attendance=Attendance.HYBRID)
    found = next_online(online, now, search.page * PAGE_SIZE + 1)
    page = found[(search.page - 1) * PAGE_SIZE :]
    search.has_more = search.has_more or len(page) > PAGE_SIZE
    search.online = online_results(page[:PAGE_SIZE], search.online_zone, now)


def search_near(
    data: dict,
    place: GeocodeResult,
    search: Search,
    now: datetime.datetime,
    local_zone: str,
    version: int | None = None,
) -> None:
    """The page of meetings nearest ``place``, widening the radius until some are found."""
    search.looked_near = True
    meetings = filtered(data, now, local_zone)
    soonest = data.get("sort") == "soonest"
    limit = SOONEST_POOL if soonest else None
    # "Soonest first" reads a pool ten times a page: not worth keeping.
    kept_as = None if version is None or soonest else filters_key(data, now, local_zone, version)
    for _ in range(WIDENINGS + 1):
        rows = nearest(meetings, place, search, limit, kept_as)
        if rows or search.page > 1:
            break
        search.radius *= 2
    offset = (search.page - 1) * PAGE_SIZE
    if soonest:
        ordered = sorted(
            (result_for(meeting, distance, now) for meeting, distance in rows),
            key=lambda result: (not result.in_progress, result.upcoming.starts),
        )
        search.has_more = len(ordered) > offset + PAGE_SIZE
        search.results = ordered[offset : offset + PAGE_SIZE]
        return
    page_rows = rows[offset : offset + PAGE_SIZE]
    search.has_more = len(rows) > offset + PAGE_SIZE
    search.results = [result_for(meeting, distance, now) for meeting, distance in page_rows]


def next_online(
    meetings: MeetingQuerySet,
    now: datetime.datetime,
    count: int,
    windows: tuple[datetime.timedelta, ...] = ONLINE_WINDOWS,
) -> list[Occurrence]:
    """The first ``count`` online occurrences starting after ``now``, soonest first, looking
    further ahead window by window until there are enough."""
    for window in windows:
        found = meetings.starting_between(now, now + window)
        if len(found) >= count:
            break
    return found[:count]


def online_results(
    occurrences: list[Occurrence], zone_name: str, now: datetime.datetime
) -> list[Result]:
    """Online occurrences as results, read in the visitor's zone."""
    local_now = now.astimezone(zone(zone_name))
    results = []
    for occurrence in occurrences:
        here = occurrence.in_zone(zone_name)
        meeting_today = now.astimezone(zone(occurrence.meeting.timezone)).date()
        results.append(
            Result(
                meeting=occurrence.meeting,
                distance=None,
                upcoming=here,
                when=when_label(here.starts, local_now),
                in_progress=False,
                changes=current_changes(occurrence.meeting, meeting_today),
            )
        )
    return results


def filters_asked(data: dict, now: datetime.datetime, zone_name: str) -> tuple:
    """The filters as asked (every field but the place and the page), and the visitor's day
    only when "today" is among them."""
    asked = sorted((name, repr(value)) for name, value in data.items() if name not in NOT_FILTERS)
    today = now.astimezone(zone(zone_name)).date() if "today" in data.get("day", []) else None
    return asked, today


def filters_key(data: dict, now: datetime.datetime, zone_name: str, version: int) -> str:
    """What the meetings found depend on besides the point and the radius: the filters, the
    day one-off changes are read from (see ``with_upcoming_exceptions``) and the directory's
    version, which every change bumps."""
    utc_today = now.astimezone(datetime.UTC).date()
    return repr((filters_asked(data, now, zone_name), utc_today, version))


def nearest(
    meetings: MeetingQuerySet,
    place: GeocodeResult,
    search: Search,
    limit: int | None = None,
    kept_as: str | None = None,
) -> list[tuple]:
    """Meetings up to the current page plus one (or ``limit``), cut at the exact radius.

    With ``kept_as`` (``filters_key``) they are kept in the ``searches`` cache: compiling and
    running the query and building its meetings take about 4 ms, unpickling them 0.2 ms.
    """
    radius_km = search.radius * (KM_PER_MILE if search.unit == "mi" else 1)
    limit = limit or search.page * PAGE_SIZE + 1
    if kept_as is None:
        return _nearest(meetings, place, search.unit, radius_km, limit)
    point = (place.latitude, place.longitude, radius_km, limit)
    key = f"nearest:{hashlib.sha256(repr((kept_as, point)).encode()).hexdigest()}"
    kept = caches["searches"].get(key)
    if kept is None:
        kept = _nearest(meetings, place, search.unit, radius_km, limit)
        caches["searches"].set(key, kept, NEAREST_KEPT_FOR)
    return kept


def _nearest(
    meetings: MeetingQuerySet, place: GeocodeResult, unit: str, radius_km: float, limit: int
) -> list[tuple]:
    near = meetings.near(place.latitude, place.longitude, radius_km * 1000)
    # Read with their one-off changes, so a date off is skipped without another query.
    candidates = near.with_upcoming_exceptions()[:limit]
    rows = []
    for meeting in candidates:
        km = great_circle_km(place.latitude, place.longitude, meeting.latitude, meeting.longitude)
        if km > radius_km:
            break
        rows.append((meeting, km / KM_PER_MILE if unit == "mi" else km))
    return rows


def directory_version(request: HttpRequest) -> int:
    """The directory's version, read once a request: searches and cards are kept by it."""
    if not hasattr(request, "_directory_version"):
        request._directory_version = DirectoryVersion.current()
    return request._directory_version


def result_for(meeting: Meeting, distance: float | None, now: datetime.datetime) -> Result:
    # Past the dates the meeting is off, at the new time when moved.
    upcoming = next_held_occurrence(meeting, now) or next_occurrence(meeting, now)
    local_today = now.astimezone(zone(meeting.timezone)).date()
    return Result(
        meeting=meeting,
        distance=distance,
        upcoming=upcoming,
        when=when_label(upcoming.starts, now),
        in_progress=upcoming.is_on_at(now),
        changes=current_changes(meeting, local_today),
    )


def current_changes(meeting: Meeting, local_today: datetime.date) -> list[MeetingException]:
    """The meeting's one-off changes not over by its own today."""
    return [
        change
        for change in upcoming_exceptions(meeting)
        if (change.end_date or change.date) >= local_today
    ]


def default_unit(place: GeocodeResult) -> str:
    return "mi" if place.country in MILE_COUNTRIES or not place.country else "km"
