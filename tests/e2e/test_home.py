from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_home_page_renders_with_no_errors_or_csp_violations(page):
    response = page.goto("/")

    assert response.status == 200
    assert page.get_by_role("heading", name="Find a SMART Recovery meeting").is_visible()
    assert page.get_by_role("button", name="Use my location").is_visible()
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_home_page_fits_a_phone_without_sideways_scrolling(page):
    page.goto("/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    menu = page.get_by_role("button", name="Show or hide the menu")
    assert menu.is_visible()
    menu.click()
    page.get_by_role("link", name="Toolbox", exact=True).wait_for(state="visible")


def test_the_home_page_has_no_serious_accessibility_violations(page):
    page.goto("/")

    assert axe_violations(page) == []


def test_the_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")

    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_place_box_submits_to_the_finder(page):
    page.goto("/")
    page.get_by_label("City, ZIP or postcode").fill("Austin, TX")
    page.get_by_role("button", name="Find meetings").click()

    page.wait_for_url("**/meetings/?*")
    assert "near=Austin%2C+TX" in page.url


def test_use_my_location_sends_the_browsers_coordinates(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        geolocation={"latitude": 30.2672, "longitude": -97.7431},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.goto("/")
    page.get_by_role("button", name="Use my location").click()

    page.wait_for_url("**/meetings/?*")
    assert "lat=30.26720" in page.url
    assert "lng=-97.74310" in page.url
    context.close()
