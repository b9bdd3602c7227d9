from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertTemplateUsed

from toolbox.models import Point

pytestmark = pytest.mark.django_db


def test_it_offers_a_place_search_that_submits_to_the_finder(client):
    response = client.get("/")

    assertTemplateUsed(response, "pages/home.html")
    assertContains(response, '<form method="get" action="/meetings/"', html=False)
    assertContains(response, 'name="near"')
    assertContains(response, "Use my location")


def test_it_shows_the_four_points_from_the_database(client):
    points = list(Point.objects.order_by("number"))

    response = client.get("/")

    assert [point.title.lower() for point in points] == [
        "building and maintaining motivation",
        "coping with urges",
        "managing thoughts, feelings and behaviors",
        "living a balanced life",
    ]
    for point in points:
        assertContains(response, point.title)
        assertContains(response, point.summary)
        assertContains(response, f'href="{point.get_absolute_url()}"')


def test_a_point_renamed_in_the_database_is_renamed_on_the_home_page(client):
    Point.objects.filter(number=2).update(title="Riding out urges")

    assertContains(client.get("/"), "Riding out urges")


def test_the_place_box_sends_no_empty_parameters_with_javascript(client):
    response = client.get("/")

    assertContains(response, 'id="place-search" data-clean-query')
    assertContains(response, "js/clean_query.js")


def test_every_page_has_landmarks_a_skip_link_and_the_crisis_note(client):
    response = client.get("/")

    assertContains(response, 'href="#main"')
    assertContains(response, '<main id="main"', html=False)
    assertContains(response, 'aria-label="Main"')
    assertContains(response, "If you are in danger, call your local emergency number")
    for area in ("Meetings", "Toolbox", "Worksheets"):
        assertContains(response, f">{area}</a>")


def test_it_sends_a_strict_content_security_policy(client):
    policy = client.get("/").headers["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy


def test_its_pages_carry_no_inline_script_or_style(client):
    content = client.get("/").content.decode()

    assert "<script>" not in content
    assert "<style" not in content
    assert " style=" not in content
    assert " onclick=" not in content


def test_it_cannot_be_framed(client):
    assert client.get("/").headers["X-Frame-Options"] == "DENY"


def test_an_unknown_page_is_a_404_in_the_sites_look(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assertTemplateUsed(response, "pages/404.html")
    assertContains(response, "We could not find that page", status_code=404)
    assertContains(response, "If you are in danger", status_code=404)


def test_a_server_error_is_a_500_in_the_sites_look(client, settings):
    settings.ROOT_URLCONF = "tests.pages.failing_urls"
    client.raise_request_exception = False

    response = client.get("/boom/")

    assert response.status_code == 500
    assertContains(response, "Something went wrong on our side", status_code=500)
