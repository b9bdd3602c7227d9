from __future__ import annotations

import re

import pytest

from meetings.models import Attendance, Location
from meetings.sitemaps import MeetingSitemap

pytestmark = pytest.mark.django_db

ZOOM = "https://zoom.us/j/123456789"


LANGUAGE_PREFIX = re.compile(r"^/(es|fr|de|nl|pt|sv)/")


def all_locations_in(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return re.findall(r"<loc>http://testserver(.*?)</loc>", response.content.decode())


def locations_in(response) -> list[str]:
    """The English pages listed (each is also listed under every other language's prefix)."""
    return [page for page in all_locations_in(response) if not LANGUAGE_PREFIX.match(page)]


def test_the_sitemap_index_points_to_the_pages_the_toolbox_the_places_and_the_meetings(
    client, make_meeting
):
    make_meeting()

    assert locations_in(client.get("/sitemap.xml")) == [
        "/sitemap-pages.xml",
        "/sitemap-toolbox.xml",
        "/sitemap-places.xml",
        "/sitemap-meetings.xml",
    ]


def test_it_lists_every_browse_page_with_public_meetings(client, make_meeting):
    make_meeting(
        location=Location.objects.create(city="São Paulo", country="BR"),
        timezone="America/Sao_Paulo",
    )
    make_meeting(location=Location.objects.create(city="Austin", state="TX", country="US"))
    make_meeting(
        location=Location.objects.create(city="Waco", state="TX", country="US"), is_public=False
    )
    make_meeting(location=Location.objects.create(city="Dublin", country="IE"), is_public=False)

    pages = locations_in(client.get("/sitemap-places.xml"))

    assert sorted(pages) == [
        "/meetings/browse/",
        "/meetings/browse/br/",
        "/meetings/browse/br/sao-paulo/",
        "/meetings/browse/us/",
        "/meetings/browse/us/texas/",
        "/meetings/browse/us/texas/austin/",
    ]
    for page in pages:
        assert client.get(page).status_code == 200


def test_it_lists_every_public_meeting_page_and_no_private_one(client, make_meeting):
    make_meeting(slug="in-person")
    make_meeting(slug="hybrid", attendance=Attendance.HYBRID, conference_url=ZOOM)
    make_meeting(
        slug="online-only", location=None, attendance=Attendance.ONLINE, conference_url=ZOOM
    )
    make_meeting(slug="closed-for-now", is_active=False)
    make_meeting(slug="inside-a-facility", is_public=False)

    response = client.get("/sitemap-meetings.xml")

    assert sorted(locations_in(response)) == [
        "/meetings/closed-for-now/",
        "/meetings/hybrid/",
        "/meetings/in-person/",
        "/meetings/online-only/",
    ]
    assert "inside-a-facility" not in response.content.decode()


def test_each_meeting_carries_its_last_change(client, make_meeting):
    meeting = make_meeting(slug="tuesday-tools")

    content = client.get("/sitemap-meetings.xml").content.decode()

    assert f"<lastmod>{meeting.updated.date().isoformat()}</lastmod>" in content


def test_many_meetings_spread_over_pages_the_index_lists(client, make_meeting, monkeypatch):
    # Seven entries a meeting, one per language: two meetings a page.
    monkeypatch.setattr(MeetingSitemap, "limit", 14)
    for number in range(5):
        make_meeting(slug=f"meeting-{number}")

    index = locations_in(client.get("/sitemap.xml"))
    pages = [locations_in(client.get(f"/sitemap-meetings.xml?p={n}")) for n in (1, 2, 3)]

    assert "/sitemap-meetings.xml?p=3" in index
    assert sorted(sum(pages, [])) == [f"/meetings/meeting-{number}/" for number in range(5)]


def test_the_meeting_pages_cost_a_fixed_number_of_queries(
    client, make_meeting, django_assert_max_num_queries
):
    for _ in range(20):
        make_meeting()

    with django_assert_max_num_queries(2):
        client.get("/sitemap-meetings.xml")


def test_every_page_is_listed_in_each_language_with_the_others_as_alternates(client, make_meeting):
    make_meeting(slug="tuesday-tools")

    response = client.get("/sitemap-meetings.xml")
    content = response.content.decode()

    assert sorted(all_locations_in(response)) == sorted(
        f"{prefix}/meetings/tuesday-tools/"
        for prefix in ("", "/de", "/es", "/fr", "/nl", "/pt", "/sv")
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="es" '
        'href="http://testserver/es/meetings/tuesday-tools/"/>'
    ) in content
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        'href="http://testserver/meetings/tuesday-tools/"/>'
    ) in content
    assert client.get("/fr/meetings/tuesday-tools/").status_code == 200


def test_browse_pages_are_listed_under_each_language_prefix(client, make_meeting):
    make_meeting(location=Location.objects.create(city="Austin", state="TX", country="US"))

    pages = all_locations_in(client.get("/sitemap-places.xml"))

    assert "/sv/meetings/browse/us/texas/austin/" in pages
    assert client.get("/sv/meetings/browse/us/texas/austin/").status_code == 200
