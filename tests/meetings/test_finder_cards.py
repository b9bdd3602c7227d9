"""The finder's result cards: what is the same in every search is rendered once per meeting,
language and directory version; what differs per search and per visitor is not kept."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from meetings.models import DirectoryVersion, Meeting

pytestmark = pytest.mark.django_db

NEAR_THE_LIBRARY = {"lat": "30.26", "lng": "-97.72"}


@pytest.fixture
def listed(make_meeting) -> Meeting:
    return make_meeting(name="Eastside Tuesday", types=["W"])


def test_a_card_is_kept_until_the_directory_changes(client, listed):
    assertContains(client.get("/meetings/", NEAR_THE_LIBRARY), "Eastside Tuesday")
    # Written past the model (no signal, no new directory version): the kept card shows.
    Meeting.objects.filter(pk=listed.pk).update(name="Renamed quietly")

    assertContains(client.get("/meetings/", NEAR_THE_LIBRARY), "Eastside Tuesday")

    DirectoryVersion.bump()
    response = client.get("/meetings/", NEAR_THE_LIBRARY)
    assertContains(response, "Renamed quietly")
    assertNotContains(response, "Eastside Tuesday")


def test_an_edit_shows_in_the_next_search(client, listed):
    client.get("/meetings/", NEAR_THE_LIBRARY)
    listed.name = "Eastside Tuesday Evening"
    listed.location.name = "Carver Library"
    listed.save()
    listed.location.save()

    response = client.get("/meetings/", NEAR_THE_LIBRARY)

    assertContains(response, "Eastside Tuesday Evening")
    assertContains(response, "Carver Library")


def test_cards_are_kept_per_language(client, listed):
    assertContains(client.get("/meetings/", NEAR_THE_LIBRARY), ">Women<")

    response = client.get("/es/meetings/", NEAR_THE_LIBRARY)

    assertContains(response, ">Mujeres<")
    assertNotContains(response, ">Women<")


def test_what_differs_per_search_and_visitor_is_never_kept(client, listed):
    client.get("/meetings/", NEAR_THE_LIBRARY)
    client.post(reverse("mymeetings:save", args=[listed.slug]), {"saved": "1"})

    far = client.get("/meetings/", {"lat": "30.40", "lng": "-97.72"})

    assertContains(far, '<span class="distance">· 9.6 mi</span>', html=False)
    assertContains(far, 'name="saved" value="0"')


def test_a_page_of_cards_reads_the_directory_version_once(
    client, make_meeting, django_assert_max_num_queries
):
    for number in range(20):
        make_meeting(name=f"Listed {number}")
    client.get("/meetings/", NEAR_THE_LIBRARY)

    # The session and the saved meetings, the town, the meetings, the version: not one a card.
    with django_assert_max_num_queries(8):
        response = client.get("/meetings/", NEAR_THE_LIBRARY)

    assert response.content.decode().count('class="result meeting-card"') == 20


def test_a_meeting_on_now_says_so_and_the_next_one_gives_its_start(client, listed, make_meeting):
    make_meeting(name="Eastside Thursday", day=4)
    # Tuesday 1 December 2026, 7:30 PM in Austin: the Tuesday meeting (7:00-8:30 PM) is on.
    with time_machine.travel(datetime.datetime(2026, 12, 2, 1, 30, tzinfo=datetime.UTC)):
        response = client.get("/meetings/", NEAR_THE_LIBRARY)

    assertContains(response, '<strong class="live-now">In progress now</strong>', count=1)
    assertContains(response, '<time datetime="2026-12-03T19:00:00-06:00">Thu 3 Dec, 7:00 PM</time>')
