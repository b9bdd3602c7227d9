"""Finding a meeting on a phone: by ZIP, by city, by the browser's location, on a map."""

from __future__ import annotations

import re

import pytest

from meetings.models import Location
from tests.e2e.conftest import PHONE, axe_violations, csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def austin(places, make_meeting):
    downtown = Location.objects.create(
        name="Central Library",
        address="710 W Cesar Chavez St",
        city="Austin",
        state="TX",
        postal_code="78701",
        country="US",
        latitude=30.2655,
        longitude=-97.7512,
    )
    make_meeting(name="Downtown Tuesday", slug="downtown-tuesday", location=downtown, types=["O"])
    make_meeting(name="Eastside Women", slug="eastside-women", types=["W"])


def search_for(page, text: str) -> None:
    page.goto("/meetings/")
    page.get_by_label("City, ZIP or address").fill(text)
    page.get_by_role("button", name="Search").click()
    page.get_by_role("heading", name=re.compile("Meetings near")).wait_for()


def result_names(page) -> list[str]:
    return page.locator(".result .card-title").all_inner_texts()


def test_a_phone_user_finds_meetings_by_zip_code(page, austin):
    search_for(page, "78701")

    assert page.get_by_role("heading", name="Meetings near 78701 (Austin, TX)").is_visible()
    assert result_names(page) == ["Downtown Tuesday", "Eastside Women"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.problems == []
    assert csp_violations(page) == []


def test_a_phone_user_finds_meetings_by_city_and_filters_them(page, austin):
    search_for(page, "Austin, TX")
    page.locator("summary", has_text="Type").click()
    page.get_by_label("Women").check()
    page.get_by_role("button", name="Apply type filter").click()
    page.wait_for_url(re.compile("type=W"))

    assert result_names(page) == ["Eastside Women"]
    # The panel closed on applying, and the filter shows as a chip that removes it.
    assert not page.get_by_label("Women").is_visible()
    assert "=&" not in page.url and not page.url.endswith("=")
    page.get_by_role("link", name=re.compile(r"^Women\s*: remove this filter")).click()
    page.wait_for_url(lambda url: "type=W" not in url)
    assert result_names(page) == ["Downtown Tuesday", "Eastside Women"]


def test_use_my_location_searches_around_the_browser(browser, live_server, austin):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE,
        geolocation={"latitude": 30.2655, "longitude": -97.7512},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto("/meetings/")
    page.get_by_role("button", name="Use my location").click()
    page.get_by_role("heading", name="Meetings near your location").wait_for()

    assert result_names(page)[0] == "Downtown Tuesday"
    assert "0.0 mi" in page.locator(".result").first.inner_text()
    context.close()


def test_the_map_shows_the_same_meetings(page, austin):
    search_for(page, "Austin, TX")
    listed = result_names(page)
    # On a phone the List/Map switch shows one or the other.
    page.get_by_role("link", name="Map", exact=True).click()

    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 2
    assert not page.locator(".result").first.is_visible()
    page.locator(".leaflet-marker-icon").first.click()
    assert page.locator(".leaflet-popup-content a").inner_text() in listed
    page.get_by_role("link", name="List", exact=True).click()
    assert result_names(page) == ["Downtown Tuesday", "Eastside Women"]
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_finder_and_a_meeting_page_pass_an_accessibility_check(page, austin):
    search_for(page, "Austin, TX")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Downtown Tuesday", exact=True).click()
    page.get_by_role("heading", name="Downtown Tuesday").wait_for()
    assert axe_violations(page) == []
    assert page.problems == []
