"""The per-client limit on place lookups: the finder, its JSON twin and its calendar file."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains

pytestmark = [pytest.mark.django_db, pytest.mark.cache]

TOO_MANY = "Too many different places were looked up from your connection in a short time."


@pytest.fixture(autouse=True)
def three_lookups_a_minute(settings):
    """A small limit (every test starts with empty caches: tests/conftest.py)."""
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "place-lookup": (3, 60)}


def look_up_three_unknown_places(client, path: str = "/meetings/") -> None:
    for near in ("Atlantis", "El Dorado", "Shangri-La"):
        assert client.get(path, {"near": near}).status_code in (200, 400)


def test_the_finder_says_so_in_the_place_box_after_too_many_places(client, places):
    look_up_three_unknown_places(client)

    response = client.get("/meetings/", {"near": "Lemuria"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assertContains(response, TOO_MANY, status_code=429)
    assertContains(response, 'id="near-error"', status_code=429)
    assertContains(response, 'value="Lemuria"', status_code=429)


def test_past_the_limit_the_finder_keeps_the_filters_for_the_next_try(client, places):
    look_up_three_unknown_places(client)

    response = client.get("/meetings/", {"near": "Lemuria", "type": ["W", "O"], "q": "<b>"})

    assert response.status_code == 429
    assertNotContains(response, "Apply filters", status_code=429)
    for name, value in (("type", "W"), ("type", "O"), ("q", "&lt;b&gt;")):
        assertContains(
            response, f'<input type="hidden" name="{name}" value="{value}">', status_code=429
        )


def test_the_api_answers_429_json_after_too_many_places(client, places):
    look_up_three_unknown_places(client, "/api/meetings/")

    response = client.get("/api/meetings/", {"near": "Lemuria"})

    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    [error] = response.json()["errors"]["near"]
    assert error["code"] == "too_many_lookups"
    assert error["message"].startswith(TOO_MANY)


def test_the_calendar_file_is_limited_like_the_finder(client, places):
    look_up_three_unknown_places(client)

    response = client.get("/meetings/calendar.ics", {"near": "Lemuria"})

    assert response.status_code == 429
    assert response.content.decode().startswith(TOO_MANY)


def test_looking_up_one_place_again_and_again_is_never_limited(client, places, make_meeting):
    for page in range(1, 8):
        assert client.get("/meetings/", {"near": "Austin, TX", "page": page}).status_code == 200
        assert client.get("/api/meetings/", {"near": "austin,  tx"}).status_code == 200
        assert client.get("/meetings/", {"near": "Atlantis"}).status_code == 200
        assert client.get("/api/meetings/", {"near": "Springfield"}).status_code == 400


def test_places_found_and_not_found_both_count(client, places):
    client.get("/meetings/", {"near": "Austin, TX"})
    client.get("/meetings/", {"near": "Springfield"})
    client.get("/meetings/", {"near": "Atlantis"})

    assert client.get("/meetings/", {"near": "London"}).status_code == 429


def test_searches_by_lat_and_lng_are_never_limited(client, places):
    look_up_three_unknown_places(client)
    assert client.get("/meetings/", {"near": "Lemuria"}).status_code == 429

    for _ in range(5):
        assert client.get("/meetings/", {"lat": "30.27", "lng": "-97.74"}).status_code == 200
        assert client.get("/api/meetings/", {"lat": "51.5", "lng": "-0.12"}).status_code == 200


def test_each_client_has_its_own_allowance(client, places):
    look_up_three_unknown_places(client)

    neighbour = client.get("/meetings/", {"near": "Lemuria"}, REMOTE_ADDR="192.0.2.7")

    assert neighbour.status_code == 200
    assert client.get("/meetings/", {"near": "Mu"}).status_code == 429
