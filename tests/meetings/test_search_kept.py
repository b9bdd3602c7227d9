"""The meetings found near a point are kept for the next search from there with the same
filters, until anything in the directory changes."""

from __future__ import annotations

import pytest

from meetings.models import DirectoryVersion, Meeting

pytestmark = pytest.mark.django_db

NEAR_THE_LIBRARY = {"lat": "30.26", "lng": "-97.72"}


def names(response) -> list[str]:
    return [result["name"] for result in response.json()["results"]]


@pytest.fixture
def listed(make_meeting) -> Meeting:
    return make_meeting(name="Eastside Tuesday")


def test_a_search_again_from_the_same_point_reads_no_meetings(
    client, listed, django_assert_max_num_queries
):
    in_person = {**NEAR_THE_LIBRARY, "attendance": "in_person"}
    client.get("/api/meetings/", in_person)

    # The directory version and the town nearest the point; not the meetings.
    with django_assert_max_num_queries(2) as queries:
        again = client.get("/api/meetings/", in_person)

    assert names(again) == ["Eastside Tuesday"]
    assert not any("meetings_meeting" in query["sql"] for query in queries.captured_queries)


def test_a_change_to_the_directory_is_found_by_the_next_search(client, listed):
    assert names(client.get("/api/meetings/", NEAR_THE_LIBRARY)) == ["Eastside Tuesday"]
    # Written past the model (no new directory version): the kept meetings are still shown.
    Meeting.objects.filter(pk=listed.pk).update(is_active=False)
    assert names(client.get("/api/meetings/", NEAR_THE_LIBRARY)) == ["Eastside Tuesday"]

    DirectoryVersion.bump()

    assert names(client.get("/api/meetings/", NEAR_THE_LIBRARY)) == []


def test_an_edit_in_the_admin_way_shows_at_once(client, listed, make_meeting):
    client.get("/api/meetings/", NEAR_THE_LIBRARY)

    make_meeting(name="Eastside Thursday", day=4)
    listed.name = "Eastside Tuesday Evening"
    listed.save()

    assert sorted(names(client.get("/api/meetings/", NEAR_THE_LIBRARY))) == [
        "Eastside Thursday",
        "Eastside Tuesday Evening",
    ]


def test_other_filters_and_points_are_kept_apart(client, listed, make_meeting):
    make_meeting(name="Eastside Women", types=["W"])
    client.get("/api/meetings/", NEAR_THE_LIBRARY)

    women = client.get("/api/meetings/", {**NEAR_THE_LIBRARY, "type": "W"})
    far_away = client.get("/api/meetings/", {"lat": "40.71", "lng": "-74.0", "radius": "5"})

    assert names(women) == ["Eastside Women"]
    assert names(far_away) == []
