"""/meetings.json: the public directory as a Meeting Guide feed, cached until something changes."""

from __future__ import annotations

import gzip
import json

import pytest

from meetings.models import DirectoryVersion

pytestmark = pytest.mark.django_db


def feed(client, **headers) -> list[dict]:
    response = client.get("/meetings.json", headers=headers)
    body = response.content
    if response.get("Content-Encoding") == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


def test_it_lists_public_meetings_with_the_specs_fields(client, make_meeting):
    make_meeting(name="Tuesday Night", slug="tuesday-night", types=["O"])

    [record] = feed(client)

    assert record["name"] == "Tuesday Night"
    assert record["slug"] == "tuesday-night"
    assert record["day"] == 2
    assert record["time"] == "19:00"
    assert record["timezone"] == "America/Chicago"
    assert record["formatted_address"] == "2100 E 7th St, Austin, TX 78702, US"
    assert "EN" not in record["types"] and "O" in record["types"]


def test_private_and_closed_meetings_stay_out(client, make_meeting):
    make_meeting(name="Inside", is_public=False)
    make_meeting(name="Paused", is_active=False)

    assert feed(client) == []


def test_it_is_gzipped_when_the_client_accepts_it(client, make_meeting):
    make_meeting()

    response = client.get("/meetings.json", headers={"Accept-Encoding": "gzip, br"})

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(json.loads(gzip.decompress(response.content))) == 1


def test_it_is_served_from_the_cache_until_something_changes(
    client, make_meeting, django_assert_max_num_queries
):
    meeting = make_meeting(name="Before")
    feed(client)

    with django_assert_max_num_queries(1):
        assert feed(client)[0]["name"] == "Before"

    meeting.name = "After"
    meeting.save()
    assert feed(client)[0]["name"] == "After"


def test_a_venue_change_also_refreshes_it(client, make_meeting, venue):
    make_meeting()
    feed(client)

    venue.address = "1 New Street"
    venue.save()

    assert feed(client)[0]["formatted_address"].startswith("1 New Street")


def test_a_deleted_meeting_leaves_it(client, make_meeting):
    meeting = make_meeting()
    feed(client)

    meeting.delete()

    assert feed(client) == []


def test_an_unchanged_feed_answers_304_to_a_revalidation(client, make_meeting):
    make_meeting()
    etag = client.get("/meetings.json")["ETag"]

    response = client.get("/meetings.json", headers={"If-None-Match": etag})

    assert response.status_code == 304


def test_other_sites_may_read_it(client):
    response = client.get("/meetings.json")

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "max-age=300" in response["Cache-Control"]


def test_the_directory_version_counts_changes(make_meeting):
    before = DirectoryVersion.current()

    make_meeting()

    assert DirectoryVersion.current() > before
