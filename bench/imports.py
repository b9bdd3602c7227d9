"""Importing a 10,000-row CSV in the 12 Step Meeting List plugin's columns, and exporting it.

Everything runs in one transaction that is rolled back, so the database is left as it was.
"""

from __future__ import annotations

import csv
import io
import random
import time
from collections.abc import Callable

from django.conf import settings
from django.db import transaction

from bench.common import print_table
from meetings.feed import feed_csv, feed_records
from meetings.importing import import_meetings
from meetings.models import Meeting, Place

ROWS = 10_000
VENUES = 2_000
SEED = 12
# city, state, postal code, country, latitude, longitude, time zone
CITIES = [
    ("Austin", "TX", "78701", "US", 30.2672, -97.7431, "America/Chicago"),
    ("Chicago", "IL", "60601", "US", 41.8781, -87.6298, "America/Chicago"),
    ("Denver", "CO", "80202", "US", 39.7392, -104.9903, "America/Denver"),
    ("Seattle", "WA", "98101", "US", 47.6062, -122.3321, "America/Los_Angeles"),
    ("Boston", "MA", "02108", "US", 42.3601, -71.0589, "America/New_York"),
    ("Atlanta", "GA", "30303", "US", 33.749, -84.388, "America/New_York"),
    ("London", "", "SW1A 1AA", "GB", 51.5074, -0.1278, "Europe/London"),
    ("Manchester", "", "M1 1AE", "GB", 53.4808, -2.2426, "Europe/London"),
    ("Sydney", "NSW", "2000", "AU", -33.8688, 151.2093, "Australia/Sydney"),
    ("Toronto", "ON", "M5H 2N2", "CA", 43.6532, -79.3832, "America/Toronto"),
]
TYPES = ["Open", "Closed", "Discussion", "Newcomer", "Women", "Men", "Speaker", "Meditation"]
HEADER = [
    *("Time", "End Time", "Day", "Name", "Location", "Address", "City", "State", "Postal Code"),
    *("Country", "Latitude", "Longitude", "Types", "Notes", "Location Notes", "Region"),
    *("Sub Region", "Timezone", "Conference URL", "Conference Phone", "Slug"),
]


def generate_csv(rows: int, geocoded_share: float) -> bytes:
    """A realistic directory: shared venues, online and hybrid meetings, some to geocode."""
    pick = random.Random(SEED)
    venues = []
    for number in range(VENUES):
        city, state, postal, country, lat, lng, zone = pick.choice(CITIES)
        venues.append(
            {
                "Location": f"Bench venue {number}",
                "Address": f"{pick.randint(1, 9999)} Main St",
                "City": city,
                "State": state,
                "Postal Code": postal,
                "Country": country,
                "Latitude": f"{lat + pick.uniform(-0.2, 0.2):.5f}",
                "Longitude": f"{lng + pick.uniform(-0.2, 0.2):.5f}",
                "Location Notes": pick.choice(["", "Side door.", "Room 2, upstairs."]),
                "Region": country,
                "Sub Region": city,
                "Timezone": zone,
            }
        )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, HEADER)
    writer.writeheader()
    for number in range(rows):
        hour, minute = pick.randint(6, 21), pick.choice([0, 15, 30])
        row = {
            "Time": f"{hour % 12 or 12}:{minute:02d} {'PM' if hour >= 12 else 'AM'}",
            "End Time": f"{hour + 1}:{minute:02d}",
            "Day": pick.choice(["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday"]),
            "Name": f"Bench meeting {number}",
            "Types": ", ".join(pick.sample(TYPES, 2)),
            "Notes": pick.choice(["", "Newcomers welcome.", "Bring your workbook."]),
            "Slug": f"bench-{number}",
        }
        kind = pick.random()
        if kind < 0.3:
            row.update(Timezone=pick.choice(CITIES)[6], Region="Online")
        else:
            row.update(pick.choice(venues))
            if pick.random() < 0.5:
                # Half leave the time zone to be found from the coordinates.
                row["Timezone"] = ""
            # The gazetteer reads "ON, CA" as a state and California: keep Canada's coordinates.
            if row["Country"] in ("US", "GB") and pick.random() < geocoded_share:
                row.update(Latitude="", Longitude="", Address="", **{"Postal Code": ""})
        if kind < 0.3 or kind > 0.9:
            row["Conference URL"] = f"https://zoom.us/j/{pick.randint(10**9, 10**10)}"
        writer.writerow(row)
    return buffer.getvalue().encode()


def timed(name: str, action: Callable[[], object]) -> list[str]:
    """Wall time, and this process's CPU time (the database server's is the difference)."""
    start, cpu = time.perf_counter(), time.process_time()
    outcome = action()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return [name, f"{wall:.2f}", f"{cpu:.2f}", str(outcome)]


def run() -> None:
    # Geocode some rows through the offline gazetteer, when it is loaded and nothing online
    # (rate limited to one request a second) would be asked.
    geocodable = Place.objects.exists() and not settings.GEOCODER
    data = generate_csv(ROWS, geocoded_share=0.05 if geocodable else 0)
    renamed = data.replace(b",Bench meeting ", b",Bench gathering ")
    benched = Meeting.objects.filter(slug__startswith="bench-").order_by("day", "time", "slug")
    with transaction.atomic():
        rows = [
            timed(f"{ROWS:,} new rows", lambda: import_meetings(source=data, format="csv")),
            timed("the same file again", lambda: import_meetings(source=data, format="csv")),
            timed("every name changed", lambda: import_meetings(source=renamed, format="csv")),
            timed("export them as CSV", lambda: f"{len(feed_csv(feed_records(benched))):,} bytes"),
        ]
        transaction.set_rollback(True)
    note = "" if geocodable else " (gazetteer not loaded: no row geocoded)"
    header = ["what", "seconds", "python cpu s", "result"]
    print_table(f"Import a {ROWS:,}-row CSV{note}", header, rows)
