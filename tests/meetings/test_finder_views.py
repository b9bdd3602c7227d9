"""The finder page, its JSON twin, a meeting's page and its calendar entry."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from meetings.models import Attendance, ChangeRequest, Location
from meetings.search import great_circle_km
from meetings.views.finder import visitor_country

pytestmark = pytest.mark.django_db

THURSDAY = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(THURSDAY, tick=False):
        yield


@pytest.fixture
def tuesday(make_meeting):
    return make_meeting(name="Eastside Tuesday", slug="eastside-tuesday", types=["O", "W"])


def test_the_finder_lists_meetings_near_a_place(client, places, tuesday):
    response = client.get("/meetings/", {"near": "Austin, TX"})

    assertContains(response, "Meetings near Austin, TX")
    assertContains(response, "Eastside Tuesday")
    assertContains(response, "Tue 1 Dec, 7:00 PM")
    assertContains(response, "Women")
    assertContains(response, "mi")
    assertContains(response, 'href="/meetings/eastside-tuesday/"')
    assertContains(response, "destination=30.2614,-97.7218")


def test_the_finder_advertises_the_feed(client):
    assertContains(
        client.get("/meetings/"),
        '<link rel="alternate" type="application/json" title="Meeting Guide feed" '
        'href="/meetings.json">',
        html=True,
    )


def test_the_finder_without_a_place_invites_one(client):
    response = client.get("/meetings/")

    assertContains(response, "Type a city, ZIP or postcode")
    assertContains(response, 'href="/meetings/online/"')


def test_ambiguous_places_are_links_to_each_candidate(client, places):
    response = client.get("/meetings/", {"near": "Springfield"})

    assertContains(response, "Which “Springfield” did you mean?")
    assertContains(response, "?near=Springfield%2C+IL")


def test_unknown_places_suggest_close_matches(client, places):
    response = client.get("/meetings/", {"near": "Austn"})

    assertContains(response, "We could not find “Austn”")
    assertContains(response, "Austin, TX")


def test_what_the_visitor_typed_is_never_echoed_unescaped(client, places):
    response = client.get("/meetings/", {"near": "<script>alert(1)</script>"})

    assertNotContains(response, "<script>alert(1)</script>")
    assertContains(response, "&lt;script&gt;alert(1)&lt;/script&gt;")


@pytest.mark.parametrize(
    "query", [{"lat": "95", "lng": "1"}, {"page": "99999"}, {"q": "x" * 2000}, {"type": "NOPE"}]
)
def test_bad_input_is_a_message_never_a_500(client, query):
    response = client.get("/meetings/", query)

    assert response.status_code == 200
    assertContains(response, "alert-danger")


def test_a_place_too_long_is_a_plain_form_error_not_a_lookup(client, places, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "place-lookup": (1, 60)}
    too_long = "Too long to be a place (at most 200 characters)"

    for _ in range(3):
        page = client.get("/meetings/", {"near": "Austin " + "x" * 200})
        api = client.get("/api/meetings/", {"near": "Austin " + "x" * 200})
        assertContains(page, too_long)
        assert api.status_code == 400
        assert api.json()["errors"]["near"][0]["message"].startswith(too_long)
    assertContains(client.get("/meetings/", {"near": "Austin, TX"}), "Meetings near Austin, TX")


def test_the_map_loads_only_when_asked_for(client, places, tuesday):
    listing = client.get("/meetings/", {"near": "Austin, TX"})
    mapped = client.get("/meetings/", {"near": "Austin, TX", "view": "map"})

    assertNotContains(listing, "leaflet")
    assertContains(mapped, "vendor/leaflet/leaflet.js")
    assertContains(mapped, 'id="map-points"')
    assertContains(mapped, '"name": "Eastside Tuesday"')


def test_the_map_may_draw_tiles_from_the_configured_server(client):
    policy = client.get("/meetings/").headers["Content-Security-Policy"]

    assert "img-src 'self' data: https://tile.openstreetmap.org" in policy


def test_the_api_answers_the_same_search_as_json(client, places, tuesday):
    response = client.get("/api/meetings/", {"near": "Austin, TX", "type": "W"})

    data = response.json()
    assert data["place"]["label"] == "Austin, TX"
    assert data["unit"] == "mi"
    [result] = data["results"]
    assert result["slug"] == "eastside-tuesday"
    expected_km = great_circle_km(30.26715, -97.74306, 30.2614, -97.7218)
    assert result["distance"] == pytest.approx(expected_km / 1.609344, abs=0.01)
    assert result["unit"] == "mi"
    assert result["next"] == "2026-12-01T19:00:00-06:00"
    assert result["types"] == ["O", "W"]


@pytest.mark.parametrize(
    ("query", "field"),
    [({"lat": "95", "lng": "1"}, "lat"), ({"radius": "-3"}, "radius"), ({"type": "NOPE"}, "type")],
)
def test_the_api_answers_bad_input_with_a_400(client, query, field):
    response = client.get("/api/meetings/", query)

    assert response.status_code == 400
    assert field in response.json()["errors"]


def test_the_api_says_when_a_place_is_unknown_or_ambiguous(client, places):
    unknown = client.get("/api/meetings/", {"near": "Austn"})
    ambiguous = client.get("/api/meetings/", {"near": "Springfield"})

    assert unknown.status_code == 400
    assert unknown.json()["suggestions"] == ["Austin, TX"]
    assert ambiguous.status_code == 400
    assert len(ambiguous.json()["candidates"]) == 3


def test_a_meeting_page_tells_a_newcomer_everything(client, tuesday):
    response = client.get("/meetings/eastside-tuesday/")

    assertContains(response, "Every Tuesday, 7:00 PM to 8:30 PM")
    assertContains(response, "America/Chicago")
    assertContains(response, "2100 E 7th St, Austin, TX 78702, US")
    assertContains(response, "Get directions")
    assertContains(response, "Anyone may come")
    assertContains(response, 'href="/meetings/eastside-tuesday.ics"')
    assertContains(response, "Is something wrong with this listing?")


def test_an_online_meeting_page_shows_the_viewers_time(client, make_meeting):
    make_meeting(
        name="Online Monday",
        slug="online-monday",
        day=1,
        timezone="America/New_York",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://video.example.org/j/1",
    )
    client.cookies["tz"] = "Europe/London"

    response = client.get("/meetings/online-monday/")

    assertContains(response, "In your time zone (Europe/London)")
    assertContains(response, "Tue 12:00 AM")
    assertContains(response, 'href="https://video.example.org/j/1"')


def test_a_closed_meeting_says_so(client, make_meeting):
    make_meeting(slug="paused", is_active=False)

    assertContains(client.get("/meetings/paused/"), "Temporarily closed")


def test_private_and_unknown_meetings_are_404s(client, make_meeting):
    make_meeting(slug="inside", is_public=False)

    assert client.get("/meetings/inside/").status_code == 404
    assert client.get("/meetings/inside.ics").status_code == 404
    assert client.get("/meetings/nothing-here/").status_code == 404


def test_a_change_request_posted_from_the_meeting_page(client, tuesday):
    response = client.post(
        "/meetings/eastside-tuesday/request-change/", {"message": "Room 4 now"}, follow=True
    )

    assertRedirects(response, "/meetings/eastside-tuesday/")
    assertContains(response, "Thank you")
    assert ChangeRequest.objects.get().message == "Room 4 now"


def test_a_meeting_is_a_weekly_calendar_event_in_its_own_zone(client, tuesday):
    response = client.get("/meetings/eastside-tuesday.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    start = event.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2026-12-01T19:00:00-06:00",
        "America/Chicago",
    )
    assert event.decoded("duration") == datetime.timedelta(minutes=90)
    assert event["rrule"]["FREQ"] == ["WEEKLY"]
    assert "TZID:America/Chicago" in response.content.decode()


def test_add_all_to_calendar_gives_one_file(client, places, tuesday, make_meeting):
    make_meeting(name="Eastside Thursday", day=4)

    response = client.get("/meetings/calendar.ics", {"near": "Austin, TX"})

    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert sorted(str(event["summary"]) for event in events) == [
        "Eastside Thursday",
        "Eastside Tuesday",
    ]


def test_the_finder_links_to_browsing_by_country(client):
    assertContains(client.get("/meetings/"), 'href="/meetings/browse/"')


def test_a_place_shared_by_others_offers_them_on_the_page_and_in_the_api(client, places):
    page = client.get("/meetings/", {"near": "London"})
    api = client.get("/api/meetings/", {"near": "London"}).json()

    assertContains(page, "Meetings near London, United Kingdom")
    assertContains(page, "Did you mean")
    assertContains(page, "London, Canada")
    assert "London, Canada" in api["place"]["alternatives"]


def test_the_other_place_offered_is_a_link_that_finds_it(client, places):
    response = client.get("/meetings/", {"near": "London, Canada"})

    assertContains(response, "Meetings near London, Canada")


@pytest.mark.parametrize(
    ("header", "country"),
    [
        ("en-GB,en;q=0.9", "GB"),
        ("fr-ca", "CA"),
        ("de,en-AU;q=0.5", "AU"),
        ("en", ""),
        ("*", ""),
        ("es-419", ""),
        ("", ""),
    ],
)
def test_the_visitors_country_comes_from_their_preferred_languages(rf, header, country):
    request = rf.get("/meetings/", HTTP_ACCEPT_LANGUAGE=header)

    assert visitor_country(request) == country


# The redesigned finder: a filter bar of dropdown chips, removable active filters, sorting.


def test_empty_parameters_are_dropped_from_the_address(client, places, tuesday):
    response = client.get(
        "/meetings/", {"near": "Austin, TX", "lat": "", "lng": "", "radius": "", "q": " "}
    )

    assertRedirects(response, "/meetings/?near=Austin%2C+TX", fetch_redirect_response=False)


def test_an_address_of_only_empty_parameters_is_the_plain_finder(client):
    assertRedirects(client.get("/meetings/", {"near": ""}), "/meetings/")


def test_the_filter_bar_offers_day_time_attendance_type_and_language(client, places, tuesday):
    content = client.get("/meetings/", {"near": "Austin, TX"}).content.decode()

    for chip in ("Day", "Time", "Attendance", "Type", "Language", "More"):
        assert f"<summary>{chip}</summary>" in content
    assert content.count('<details class="filter-chip"') == 6
    # No panel is open once the page is drawn: applying a filter closes it.
    assert "<details open" not in content and " open>" not in content


def test_languages_are_listed_once(client, places, tuesday):
    content = client.get("/meetings/", {"near": "Austin, TX"}).content.decode()

    assert content.count("> English</label>") == 1
    assert 'name="type" value="EN"' not in content
    assert 'name="language" value="EN"' in content


def test_active_filters_show_as_chips_that_remove_themselves(client, places, tuesday):
    response = client.get("/meetings/", {"near": "Austin, TX", "type": ["W", "O"], "day": "2"})

    assertContains(response, '<span class="chip-value">Women, Open</span>')
    assertContains(response, 'href="/meetings/?near=Austin%2C+TX&amp;type=O&amp;day=2">Women')
    assertContains(response, 'href="/meetings/?near=Austin%2C+TX&amp;type=W&amp;type=O">Tue')
    assertContains(response, "1 meeting within 25 mi")


def test_each_result_shows_its_next_date(client, places, tuesday):
    response = client.get("/meetings/", {"near": "Austin, TX"})

    assertContains(response, '<time datetime="2026-12-01T19:00:00-06:00">Tue 1 Dec, 7:00 PM</time>')


def test_results_sort_by_nearest_or_by_soonest(client, places, make_meeting, venue):
    library = Location.objects.create(
        name="Central Library",
        address="710 W Cesar Chavez St",
        city="Austin",
        state="TX",
        postal_code="78701",
        country="US",
        latitude=30.2655,
        longitude=-97.7512,
    )
    make_meeting(name="Near Tuesday", slug="near-tuesday", location=library, day=2)
    make_meeting(name="Farther Friday", slug="farther-friday", location=venue, day=5)

    nearest = client.get("/meetings/", {"near": "Austin, TX"}).content.decode()
    soonest = client.get("/meetings/", {"near": "Austin, TX", "sort": "soonest"}).content.decode()

    assert nearest.index("Near Tuesday") < nearest.index("Farther Friday")
    assert soonest.index("Farther Friday") < soonest.index("Near Tuesday")
    assert 'href="?near=Austin%2C+TX&amp;sort=soonest" aria-current="true">Soonest' in soonest


def test_the_map_is_a_switch_on_a_phone_and_beside_the_list_on_a_desktop(client, places, tuesday):
    listing = client.get("/meetings/", {"near": "Austin, TX"})
    mapped = client.get("/meetings/", {"near": "Austin, TX", "view": "map"})

    assertContains(listing, '<nav class="segmented view-switch" aria-label="Show as">')
    assertContains(listing, 'class="map-placeholder"')
    assertContains(
        mapped, '<section aria-labelledby="results-heading" class="finder-results is-map">'
    )
    assertContains(mapped, 'id="finder-map"')
