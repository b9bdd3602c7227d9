"""Realistic, deterministic demo meetings in real places, for development and benchmarks.

In-person meetings sit in the gazetteer's cities, chosen in proportion to population (boosted
where the program is most established); venues and street addresses are made up. About a third
of meetings are online, spread over the time zones where people attend them.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.text import slugify

from meetings.geocoding import timezone_at
from meetings.models import Attendance, Location, Meeting, Place, Region
from meetings.types import EDITABLE_TYPES, Program

# Where the program is most established, relative weight per head of population.
COUNTRY_BOOST = {"US": 10.0, "GB": 10.0, "AU": 10.0, "CA": 8.0, "IE": 8.0, "NZ": 8.0, "ZA": 3.0}
OTHER_COUNTRIES = 0.25
COUNTRY_LANGUAGE = {
    "ES": "S",
    "MX": "S",
    "AR": "S",
    "CO": "S",
    "CL": "S",
    "PE": "S",
    "FR": "FR",
    "DE": "DE",
    "AT": "DE",
    "IT": "ITA",
    "BR": "POR",
    "PT": "POR",
    "NL": "NL",
    "PL": "POL",
    "SE": "SV",
    "DK": "DA",
    "NO": "NO",
    "FI": "FI",
    "JP": "JA",
    "KR": "KOR",
}
ONLINE_ZONES = {
    "America/New_York": 22,
    "America/Chicago": 14,
    "America/Denver": 6,
    "America/Los_Angeles": 14,
    "America/Toronto": 5,
    "Europe/London": 14,
    "Europe/Dublin": 3,
    "Europe/Berlin": 3,
    "Australia/Sydney": 8,
    "Australia/Perth": 2,
    "Pacific/Auckland": 3,
    "Asia/Kolkata": 2,
    "Africa/Johannesburg": 2,
    "America/Mexico_City": 2,
}
STREETS = ["Main", "Oak", "Church", "Park", "High", "Mill", "Station", "King", "Queen", "Elm"]
STREET_KINDS = ["Street", "Avenue", "Road", "Lane", "Way"]
VENUES = [
    "Community Center",
    "Public Library",
    "Wellness Center",
    "Unitarian Hall",
    "Recovery Community Center",
    "YMCA",
    "Health Center",
    "Civic Hall",
]
# (hour, minute, weight): evenings are busiest.
START_TIMES = [
    (7, 0, 2),
    (9, 30, 3),
    (10, 0, 4),
    (12, 0, 4),
    (12, 30, 2),
    (17, 30, 3),
    (18, 0, 6),
    (18, 30, 6),
    (19, 0, 10),
    (19, 30, 6),
    (20, 0, 5),
]
PROGRAMS = [
    (Program.REGULAR, 82),
    (Program.FAMILY_FRIENDS, 8),
    (Program.VETERANS, 4),
    (Program.INSIDEOUT, 3),
    (Program.YOUTH, 3),
]
TYPE_ODDS = {"BE": 0.2, "D": 0.5, "W": 0.06, "M": 0.05, "LGBTQ": 0.04, "DD": 0.03}
VENUES_PER_CITY = 4


@dataclass(frozen=True)
class City:
    name: str
    country: str
    admin1: str
    latitude: float
    longitude: float
    timezone: str
    label: str


def cities_by_weight() -> tuple[list[City], list[float]]:
    rows = Place.objects.filter(kind=Place.Kind.CITY).order_by("source_id")
    cities, weights = [], []
    for place in rows.iterator(chunk_size=5000):
        cities.append(
            City(
                place.name,
                place.country,
                place.admin1,
                place.latitude,
                place.longitude,
                place.timezone,
                place.label,
            )
        )
        weights.append(place.population * COUNTRY_BOOST.get(place.country, OTHER_COUNTRIES))
    return cities, weights


def time_of_day(hour: int) -> str:
    if hour < 12:
        return "Morning"
    if hour < 17:
        return "Midday"
    return "Evening"


def pick_types(rng: random.Random, attendance: str) -> list[str]:
    codes = ["O" if rng.random() < 0.7 else "C"]
    codes += [code for code, odds in TYPE_ODDS.items() if rng.random() < odds]
    if attendance != Attendance.ONLINE and rng.random() < 0.45:
        codes.append("X")
    return codes


@dataclass
class DemoMeeting:
    meeting: Meeting
    venue_key: tuple[str, int] | None
    city: City | None


def generate(count: int, seed: int) -> Iterator[DemoMeeting]:
    """Yield ``count`` unsaved meetings, the same ones for the same seed."""
    rng = random.Random(seed)
    cities, weights = cities_by_weight()
    if not cities:
        raise ValueError("The gazetteer is empty: run `manage.py load_places` first.")
    programs, program_weights = zip(*PROGRAMS, strict=True)
    times = [datetime.time(hour, minute) for hour, minute, _ in START_TIMES]
    time_weights = [weight for *_, weight in START_TIMES]
    zones, zone_weights = zip(*ONLINE_ZONES.items(), strict=True)
    city_draws = iter(rng.choices(cities, weights=weights, k=count))
    editable = list(EDITABLE_TYPES)
    for index in range(count):
        roll = rng.random()
        attendance = (
            Attendance.ONLINE
            if roll < 0.33
            else Attendance.HYBRID
            if roll < 0.43
            else Attendance.IN_PERSON
        )
        city = next(city_draws) if attendance != Attendance.ONLINE else None
        day = rng.randrange(7)
        start = rng.choices(times, weights=time_weights)[0]
        end = (
            datetime.datetime.combine(datetime.date.min, start)
            + datetime.timedelta(minutes=rng.choice([60, 90]))
        ).time()
        program = rng.choices(programs, weights=program_weights)[0]
        types = pick_types(rng, attendance)
        # Make sure every editable type appears somewhere in even a small demo.
        if index < len(editable) and editable[index] not in types:
            types.append(editable[index])
        day_name = Meeting._meta.get_field("day").choices[day][1]
        program_name = "" if program == Program.REGULAR else f" {Program(program).label}"
        if city is None:
            zone = rng.choices(zones, weights=zone_weights)[0]
            name = f"Online {day_name} {time_of_day(start.hour)}{program_name} Meeting"
            language = "EN"
        else:
            zone = city.timezone or timezone_at(city.latitude, city.longitude) or "UTC"
            name = f"{city.name} {day_name} {time_of_day(start.hour)}{program_name}"
            language = COUNTRY_LANGUAGE.get(city.country, "EN")
        slug = f"{slugify(name)[:52].strip('-')}-{index + 1}"
        online = attendance != Attendance.IN_PERSON
        meeting = Meeting(
            name=name,
            slug=slug,
            day=day,
            time=start,
            end_time=end,
            timezone=zone,
            attendance=attendance,
            program=program,
            types=types,
            languages=[language],
            attendance_verification=rng.random() < 0.15,
            # InsideOut meetings run inside facilities: kept for facilitators, never listed.
            is_public=program != Program.INSIDEOUT,
            is_active=rng.random() >= 0.02,
            notes=rng.choice(
                [
                    "",
                    "Newcomers are very welcome; arrive a few minutes early to say hello.",
                    "We work through a tool together each week. Bring a notebook if you like.",
                    "Enter by the side door; the room is on the ground floor.",
                ]
            ),
            conference_url=f"https://video.example.org/j/{rng.randrange(10**9, 10**10)}"
            if online
            else "",
            conference_phone=f"+1555{rng.randrange(10**6, 10**7)},,{rng.randrange(10**5, 10**6)}#"
            if online and rng.random() < 0.4
            else "",
            group=f"SMART Recovery {city.name}" if city else "SMART Recovery Online",
        )
        venue_key = (city.label, rng.randrange(VENUES_PER_CITY)) if city else None
        yield DemoMeeting(meeting, venue_key, city)


def venue_location(city: City, venue: int) -> Location:
    """A made-up venue within a few kilometres of the city's centre, the same every time."""
    rng = random.Random(f"{city.label}:{venue}")
    location = Location(
        name=f"{city.name} {VENUES[venue % len(VENUES)]}",
        address=f"{rng.randrange(1, 2000)} {rng.choice(STREETS)} {rng.choice(STREET_KINDS)}",
        city=city.name,
        state=city.admin1 if city.country == "US" else "",
        country=city.country,
        latitude=round(city.latitude + rng.uniform(-0.04, 0.04), 6),
        longitude=round(city.longitude + rng.uniform(-0.04, 0.04), 6),
        timezone=city.timezone or timezone_at(city.latitude, city.longitude) or "",
    )
    location.formatted_address = location.build_formatted_address()
    return location


def region_for(city: City | None, regions: dict[str, Region]) -> Region:
    """The country's region (a US state's, nested in the country's, for US cities)."""
    from meetings.geocoding import country_name

    if city is None:
        return _region(regions, "online", "Online", None)
    country = _region(regions, city.country.lower(), country_name(city.country), None)
    if city.country == "US" and city.admin1:
        slug = f"us-{city.admin1.lower()}"
        return _region(regions, slug, us_state_name(city.admin1), country)
    return country


def us_state_name(code: str) -> str:
    from meetings.geocoding import us_states

    names = {state_code: name for name, state_code in us_states().items()}
    return names.get(code, code).title()


def _region(regions: dict[str, Region], slug: str, name: str, parent: Region | None) -> Region:
    if slug not in regions:
        regions[slug], _ = Region.objects.get_or_create(
            slug=slug, defaults={"name": name, "parent": parent}
        )
    return regions[slug]
