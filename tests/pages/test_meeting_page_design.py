"""The meeting page's redesign: the next date with its day, join and directions as the main
buttons, and a map that loads nothing until the visitor asks for it."""

from __future__ import annotations

import datetime

import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import Attendance

# Thursday 26 November 2026, noon in Austin.
THURSDAY_NOON = datetime.datetime(2026, 11, 26, 18, 0, tzinfo=datetime.UTC)


def test_it_shows_the_next_date_with_its_day_and_the_main_buttons(client, make_meeting):
    make_meeting(
        name="Eastside Tuesday",
        slug="eastside-tuesday",
        attendance=Attendance.HYBRID,
        conference_url="https://video.example.org/j/2",
    )

    with time_machine.travel(THURSDAY_NOON, tick=False):
        response = client.get("/meetings/eastside-tuesday/")

    assertContains(
        response, '<time datetime="2026-12-01T19:00:00-06:00">Tuesday 1 December, 7:00 PM</time>'
    )
    assertContains(response, '<a class="btn btn-primary btn-lg" href="https://')
    assertContains(response, "Join the meeting</a>")
    assertContains(response, "Get directions<span")


def test_the_map_loads_nothing_until_asked_but_the_address_and_directions_are_there(
    client, make_meeting
):
    make_meeting(name="Eastside Tuesday", slug="eastside-tuesday")

    response = client.get("/meetings/eastside-tuesday/")

    assertNotContains(response, 'leaflet.js"></script>')
    assertNotContains(response, 'rel="stylesheet" href="/static/vendor/leaflet/leaflet.css"')
    assertContains(response, 'id="show-map"')
    assertContains(response, 'data-map-js="/static/vendor/leaflet/leaflet.js"')
    assertContains(response, "js/map_on_demand.js")
    assertContains(response, "2100 E 7th St, Austin, TX 78702, US")
    assertContains(response, "destination=30.2614,-97.7218")
    assertContains(response, "Open in OpenStreetMap")


def test_an_online_meeting_has_no_map_and_joins_first(client, make_meeting):
    make_meeting(
        name="Online Monday",
        slug="online-monday",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://video.example.org/j/1",
    )

    response = client.get("/meetings/online-monday/")

    assertNotContains(response, 'id="show-map"')
    assertNotContains(response, "Get directions")
    assertContains(
        response, 'href="https://video.example.org/j/1" rel="noopener nofollow">Join the meeting'
    )
