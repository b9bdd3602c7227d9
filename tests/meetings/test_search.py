"""The finder's search: nearest first, exact distances, the radius, widening and filters."""

from __future__ import annotations

import datetime

import pytest
import time_machine

from meetings import search
from meetings.models import Attendance, Location, Place
from meetings.search import great_circle_km

pytestmark = pytest.mark.django_db

LONDON = (51.5074, -0.1278)
PARIS = (48.8566, 2.3522)
NEW_YORK = (40.7128, -74.0060)
LOS_ANGELES = (34.0522, -118.2437)
# A Thursday, 15:00 in London.
THURSDAY = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=datetime.UTC)


def place(name: str, point: tuple[float, float], country: str) -> Location:
    return Location.objects.create(
        name=name, city=name, country=country, latitude=point[0], longitude=point[1]
    )


def town(name: str, point: tuple[float, float], country: str, zone_name: str) -> Place:
    return Place.objects.create(
        kind=Place.Kind.CITY,
        source_id=name,
        name=name,
        key=name.lower(),
        country=country,
        latitude=point[0],
        longitude=point[1],
        population=100_000,
        label=f"{name}, {country}",
        timezone=zone_name,
    )


@pytest.fixture(autouse=True)
def gazetteer():
    """The towns whose zone and country a browser's point near them takes."""
    town("London", LONDON, "GB", "Europe/London")
    town("Paris", PARIS, "FR", "Europe/Paris")
    town("New York", NEW_YORK, "US", "America/New_York")
    town("Los Angeles", LOS_ANGELES, "US", "America/Los_Angeles")


@pytest.fixture
def europe(make_meeting):
    london = place("London", LONDON, "GB")
    paris = place("Paris", PARIS, "FR")
    near_london = place("Islington", (51.5416, -0.1022), "GB")
    return {
        "london": make_meeting(
            name="London Thursday", location=london, timezone="Europe/London", day=4
        ),
        "islington": make_meeting(
            name="Islington Women", location=near_london, timezone="Europe/London", types=["W"]
        ),
        "paris": make_meeting(name="Paris Lundi", location=paris, timezone="Europe/Paris", day=1),
    }


def run(may_look_up=None, **query):
    with time_machine.travel(THURSDAY, tick=False):
        form = search.FinderForm(query)
        assert form.is_valid(), form.errors
        return search.run(form.cleaned_data, may_look_up=may_look_up)


class Allowance:
    """Counts the lookups a search asks for, and allows a set number of them."""

    def __init__(self, allowed: int) -> None:
        self.allowed = allowed
        self.asked = 0

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked <= self.allowed


def test_great_circle_distances_match_known_values():
    assert great_circle_km(*LONDON, *PARIS) == pytest.approx(343.6, abs=0.5)
    assert great_circle_km(*NEW_YORK, *LOS_ANGELES) == pytest.approx(3935.7, abs=1)


def test_results_come_nearest_first_with_their_distance(europe):
    found = run(lat=LONDON[0], lng=LONDON[1], radius=400, unit="km")

    assert [r.meeting.name for r in found.results] == [
        "London Thursday",
        "Islington Women",
        "Paris Lundi",
    ]
    assert found.results[0].distance == pytest.approx(0, abs=0.01)
    assert found.results[1].distance == pytest.approx(great_circle_km(*LONDON, 51.5416, -0.1022))
    assert found.results[2].distance == pytest.approx(343.6, abs=0.5)


def test_the_radius_cuts_exactly(europe):
    found = run(lat=LONDON[0], lng=LONDON[1], radius=343, unit="km")

    assert "Paris Lundi" not in [r.meeting.name for r in found.results]
    assert not found.widened


def test_miles_are_the_default_in_the_us_and_britain_and_km_elsewhere(europe):
    assert run(lat=LONDON[0], lng=LONDON[1]).unit == "mi"
    assert run(lat=PARIS[0], lng=PARIS[1]).unit == "km"
    assert run(lat=LONDON[0], lng=LONDON[1]).radius == 25
    assert run(lat=PARIS[0], lng=PARIS[1]).radius == 40


def test_distances_follow_the_unit(europe):
    found = run(lat=LONDON[0], lng=LONDON[1], radius=250, unit="mi")

    assert found.results[-1].distance == pytest.approx(343.6 / 1.609344, abs=0.3)


def test_it_widens_the_radius_when_nothing_is_near_and_says_so(europe):
    found = run(lat=PARIS[0] - 1.5, lng=PARIS[1], unit="km")

    assert found.widened
    assert found.asked_radius == 40
    assert found.radius == 320
    assert [r.meeting.name for r in found.results] == ["Paris Lundi"]


def test_a_named_place_is_geocoded(places, make_meeting):
    austin = place("Austin", (30.2672, -97.7431), "US")
    make_meeting(name="Austin Tuesday", location=austin)

    found = run(near="Austin, TX")

    assert found.place.label == "Austin, TX"
    assert [r.meeting.name for r in found.results] == ["Austin Tuesday"]


def test_an_unknown_place_comes_back_with_suggestions(places):
    found = run(near="Austn")

    assert found.not_found.suggestions == ["Austin, TX"]
    assert found.results == []


def test_an_ambiguous_place_offers_candidates(places):
    found = run(near="Springfield")

    assert len(found.ambiguous.candidates) == 3


def test_a_place_searched_again_is_not_looked_up_again(places):
    allowance = Allowance(10)

    for page in (1, 2, 1):
        run(allowance, near="Austin, TX", page=page)
        run(allowance, near="Atlantis", page=page)

    assert allowance.asked == 2


def test_a_refused_lookup_finds_nothing_and_says_why(places):
    found = run(Allowance(0), near="Austin, TX")

    assert found.too_many_lookups
    assert found.place is None
    assert found.results == []


def test_a_point_is_never_looked_up(europe):
    allowance = Allowance(0)

    found = run(allowance, lat=LONDON[0], lng=LONDON[1])

    assert allowance.asked == 0
    assert found.too_many_lookups is None
    assert [result.meeting.name for result in found.results][0] == "London Thursday"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": ["W"]}, ["Islington Women"]),
        ({"day": ["4"]}, ["London Thursday"]),
        ({"day": ["today"]}, ["London Thursday"]),
        ({"day": ["1", "4"]}, ["London Thursday", "Paris Lundi"]),
        ({"q": "lundi"}, ["Paris Lundi"]),
        ({"time": ["evening"]}, ["London Thursday", "Islington Women", "Paris Lundi"]),
        ({"time": ["morning"]}, []),
    ],
)
def test_filters_combine_with_the_place(europe, query, expected):
    found = run(lat=LONDON[0], lng=LONDON[1], radius=400, unit="km", **query)

    assert [r.meeting.name for r in found.results] == expected


def test_attendance_program_and_language_filters(make_meeting, venue):
    make_meeting(name="Hybrid", attendance=Attendance.HYBRID, conference_url="https://x.example/1")
    make_meeting(name="Family", program="family_friends")
    make_meeting(name="Spanish", languages=["S"])
    point = {"lat": venue.latitude, "lng": venue.longitude}

    assert [r.meeting.name for r in run(**point, attendance=["hybrid"]).results] == ["Hybrid"]
    assert [r.meeting.name for r in run(**point, program="family_friends").results] == ["Family"]
    assert [r.meeting.name for r in run(**point, language="S").results] == ["Spanish"]


def test_private_and_closed_meetings_are_never_found(make_meeting, venue):
    make_meeting(name="Private", is_public=False)
    make_meeting(name="Closed", is_active=False)

    assert run(lat=venue.latitude, lng=venue.longitude).results == []


def test_results_are_paged(make_meeting, venue):
    for number in range(search.PAGE_SIZE + 3):
        make_meeting(name=f"Meeting {number:02}")

    first = run(lat=venue.latitude, lng=venue.longitude)
    second = run(lat=venue.latitude, lng=venue.longitude, page=2)

    assert len(first.results) == search.PAGE_SIZE
    assert first.has_more
    assert len(second.results) == 3
    assert not second.has_more
    names = [r.meeting.name for r in first.results + second.results]
    assert len(set(names)) == search.PAGE_SIZE + 3


def test_each_result_says_when_it_next_meets(europe):
    found = run(lat=LONDON[0], lng=LONDON[1], radius=5, unit="km")

    by_name = {r.meeting.name: r for r in found.results}
    assert by_name["London Thursday"].when == "Tonight 7:00 PM"
    assert by_name["Islington Women"].when == "Tue 7:00 PM"


def test_a_page_of_results_is_one_query(europe, django_assert_num_queries):
    # And one for the town nearest the point, whose zone and country the search takes.
    with django_assert_num_queries(2):
        run(lat=LONDON[0], lng=LONDON[1], radius=400, unit="km", attendance=["in_person"])


@pytest.mark.parametrize(
    "query",
    [
        {"lat": "95", "lng": "0"},
        {"lat": "10"},
        {"radius": "0"},
        {"radius": "100000"},
        {"type": "NOPE"},
        {"day": "9"},
        {"page": "100000"},
        {"q": "x" * 2000},
        {"unit": "furlongs"},
    ],
)
def test_bad_queries_are_rejected_by_the_form(query):
    assert not search.FinderForm(query).is_valid()


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("SRFF", ["Family"]),
        ("Y", ["Youth"]),
        ("S", ["Spanish"]),
        ("POA", ["Verified"]),
        ("W", ["Women"]),
    ],
)
def test_type_codes_stored_in_their_own_fields_still_filter(make_meeting, venue, code, expected):
    make_meeting(name="Family", program="family_friends")
    make_meeting(name="Youth", program="youth")
    make_meeting(name="Spanish", languages=["S"])
    make_meeting(name="Verified", attendance_verification=True)
    make_meeting(name="Women", types=["W"])

    found = run(lat=venue.latitude, lng=venue.longitude, type=[code])

    assert [r.meeting.name for r in found.results] == expected


def test_a_browser_point_takes_the_zone_and_country_of_the_nearest_town():
    town("Dover", (51.1279, 1.3134), "GB", "Europe/London")
    town("Calais", (50.9513, 1.8587), "FR", "Europe/Paris")

    near_calais = run(lat=50.97, lng=1.80)
    near_dover = run(lat=51.12, lng=1.30)

    assert (near_calais.place.country, near_calais.place.timezone) == ("FR", "Europe/Paris")
    assert near_calais.unit == "km"
    assert (near_dover.place.country, near_dover.place.timezone) == ("GB", "Europe/London")
    assert near_dover.unit == "mi"


def test_searches_from_the_gazetteer_never_need_the_time_zone_finder(monkeypatch, europe):
    """The finder's polygons and numpy cost a web process about 20 MB: the gazetteer's zones
    stand in for them, for typed places and browser points alike."""

    def refuse(latitude: float, longitude: float) -> str:
        raise AssertionError("the time-zone finder was asked")

    monkeypatch.setattr(search, "timezone_at", refuse)

    by_name = run(near="Paris", day=["today"])
    by_point = run(lat=LONDON[0], lng=LONDON[1], day=["today"])

    assert by_name.place.timezone == "Europe/Paris"
    assert [result.meeting.name for result in by_point.results] == ["London Thursday"]


def test_a_place_the_gazetteer_has_no_zone_for_asks_the_time_zone_finder():
    Place.objects.all().delete()

    found = run(lat=40.7, lng=-74.0)

    assert found.place.timezone == ""
    assert search.place_zone(found.place) == "America/New_York"
