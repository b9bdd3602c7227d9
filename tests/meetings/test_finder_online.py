"""Online meetings in the finder: listed by their next start in the visitor's zone when asked
for, and a few starting soon beside a near-me search."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

import pytest
import time_machine
from django.http import QueryDict
from pytest_django.asserts import assertContains, assertNotContains

from meetings import search
from meetings.models import Attendance

pytestmark = pytest.mark.django_db

# A Thursday, 15:00 UTC (9:00 AM in Austin).
THURSDAY = datetime.datetime(2026, 11, 26, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(THURSDAY, tick=False):
        yield


@pytest.fixture
def online(make_meeting):
    """Online and hybrid meetings whose next starts, in UTC, are an hour, three hours, a day
    and almost a week away, and one in-person meeting in Austin."""

    def online_meeting(name: str, **fields):
        return make_meeting(
            name=name,
            slug=name.lower().replace(" ", "-"),
            attendance=Attendance.ONLINE,
            location=None,
            conference_url="https://video.example.org/j/1",
            **fields,
        )

    return {
        "soon": online_meeting(
            "Online Soon", day=4, time=datetime.time(16), timezone="Europe/London", types=["W"]
        ),
        "hybrid": make_meeting(
            name="Hybrid Austin",
            slug="hybrid-austin",
            day=4,
            time=datetime.time(12),
            attendance=Attendance.HYBRID,
            conference_url="https://video.example.org/j/2",
        ),
        "friday": online_meeting(
            "Online Friday", day=5, time=datetime.time(9), timezone="America/New_York"
        ),
        "gone_today": online_meeting(
            "Online Morning", day=4, time=datetime.time(10), timezone="Europe/London"
        ),
        "in_person": make_meeting(name="Eastside Tuesday", slug="eastside-tuesday"),
    }


def names(results: list[search.Result]) -> list[str]:
    return [result.meeting.name for result in results]


def run(viewer_zone: str | None = None, **query) -> search.Search:
    form = search.FinderForm(QueryDict(urlencode(query, doseq=True)))
    assert form.is_valid(), form.errors
    return search.run(form.cleaned_data, viewer_zone=viewer_zone)


def test_online_attendance_lists_online_meetings_by_next_start(online):
    found = run(attendance="online")

    assert names(found.online) == [
        "Online Soon",
        "Hybrid Austin",
        "Online Friday",
        "Online Morning",
    ]
    assert found.results == []
    assert found.lists_online
    assert found.online_zone == "UTC"


def test_online_times_are_read_in_the_visitors_zone(online):
    found = run(viewer_zone="America/New_York", attendance="online")

    soon = found.online[0]
    assert soon.when == "Today 11:00 AM"
    assert soon.upcoming.starts.utcoffset() == datetime.timedelta(hours=-5)
    assert found.online[-1].when == "Thu 5:00 AM"


def test_the_other_filters_narrow_the_online_list(online):
    assert names(run(attendance="online", type="W").online) == ["Online Soon"]
    assert names(run(attendance="online", q="friday").online) == ["Online Friday"]


def test_a_near_search_shows_a_few_online_meetings_starting_soon(places, online):
    found = run(near="Austin, TX")

    assert sorted(names(found.results)) == ["Eastside Tuesday", "Hybrid Austin"]
    assert names(found.online) == ["Online Soon", "Hybrid Austin", "Online Friday"]
    # No zone known yet: the searched place's zone stands in for the visitor's.
    assert found.online_zone == "America/Chicago"
    assert found.online[0].when == "Today 10:00 AM"


def test_in_person_only_means_no_online_meetings(places, online):
    found = run(near="Austin, TX", attendance="in_person")

    assert names(found.results) == ["Eastside Tuesday"]
    assert found.online == []


def test_online_and_in_person_together_list_both(places, online):
    found = run(near="Austin, TX", attendance=["in_person", "online"])

    assert names(found.results) == ["Eastside Tuesday"]
    assert names(found.online)[0] == "Online Soon"
    assert len(found.online) == 4


def test_online_results_page_by_twenty(make_meeting):
    for minute in range(25):
        make_meeting(
            name=f"Online {minute:02}",
            day=4,
            time=datetime.time(16, minute),
            timezone="UTC",
            attendance=Attendance.ONLINE,
            location=None,
            conference_url="https://video.example.org/j/3",
        )

    first, second = run(attendance="online"), run(attendance="online", page=2)

    assert names(first.online) == [f"Online {minute:02}" for minute in range(20)]
    assert first.has_more
    assert names(second.online) == [f"Online {minute:02}" for minute in range(20, 25)]
    assert not second.has_more


def test_a_near_search_costs_one_query_for_meetings_and_at_most_two_for_online(
    places, online, django_assert_max_num_queries
):
    # Each after one for the town nearest the browser's point (its zone and country).
    with django_assert_max_num_queries(2):
        run(lat="30.27", lng="-97.74", attendance="in_person")
    with django_assert_max_num_queries(4):
        run(lat="30.27", lng="-97.74")


def test_the_finder_page_lists_online_meetings_without_a_place(client, online):
    client.cookies["tz"] = "America/New_York"

    response = client.get("/meetings/", {"attendance": "online"})

    assertContains(response, "Online meetings, soonest first")
    assertContains(response, "Times are in America/New_York")
    assertContains(response, "Thu 26 Nov, 11:00 AM")
    assertContains(response, 'href="/meetings/online-friday/"')
    assertNotContains(response, "Eastside Tuesday")
    assertNotContains(response, "No meetings match these filters within")
    # A remembered zone is used as it is: nothing for the browser to write again.
    assertNotContains(response, "data-local-times")


def test_the_finder_page_shows_online_starting_soon_beside_a_near_search(client, places, online):
    response = client.get("/meetings/", {"near": "Austin, TX"})

    assertContains(response, "Meetings near Austin, TX")
    assertContains(response, "Online, starting soon")
    assertContains(response, "Times are in America/Chicago, your time zone as far as we can tell")
    # A guessed zone: the browser writes the times again in its own (static/js/local_times.js),
    # without reloading the page.
    assertContains(response, 'data-local-times="date"')
    assertContains(response, "js/local_times.js")
    assertContains(response, "All online meetings by start time")


def test_a_tz_parameter_is_remembered(client, online):
    response = client.get("/meetings/", {"attendance": "online", "tz": "Asia/Calcutta"})

    assert response.cookies["tz"].value == "Asia/Calcutta"
    assertContains(response, "Times are in Asia/Calcutta.")


def test_no_online_meetings_says_what_to_try(client, places, tuesday_only):
    response = client.get("/meetings/", {"attendance": "online"})

    assertContains(response, "No online meetings match these filters in the next seven days")


@pytest.fixture
def tuesday_only(make_meeting):
    return make_meeting(name="Eastside Tuesday")


def test_the_api_lists_online_meetings(client, online):
    client.cookies["tz"] = "Europe/London"

    payload = client.get("/api/meetings/", {"attendance": "online"}).json()

    assert payload["online_zone"] == "Europe/London"
    assert [item["name"] for item in payload["online"]][:2] == ["Online Soon", "Hybrid Austin"]
    assert payload["online"][0]["next"] == "2026-11-26T16:00:00+00:00"
    assert payload["online"][0]["distance"] is None
    assert payload["results"] == []


def test_the_search_calendar_holds_the_online_list(client, online):
    response = client.get("/meetings/calendar.ics", {"attendance": "online"})

    assert response.status_code == 200
    assert response.content.count(b"BEGIN:VEVENT") == 4


def test_searches_in_other_zones_share_the_online_meetings_starting_soon(
    places, online, django_assert_num_queries
):
    austin = run(near="Austin, TX")

    # A Londoner searching near Austin: only the town and the meetings near it are read.
    with django_assert_num_queries(2):
        london = run(viewer_zone="Europe/London", lat="30.27", lng="-97.74")

    assert names(london.online) == names(austin.online)
    assert london.online_zone == "Europe/London"
    assert london.online[0].when == "Today 4:00 PM"
