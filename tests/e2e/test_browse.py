from __future__ import annotations

import datetime

import pytest

from meetings.models import Attendance, Location, Meeting
from tests.e2e.conftest import axe_violations, csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory() -> None:
    def meeting(location: Location, name: str, slug: str, day: int, **fields) -> None:
        defaults = {"time": datetime.time(18, 30), "timezone": "America/Chicago", "types": ["O"]}
        Meeting.objects.create(
            name=name, slug=slug, day=day, location=location, **{**defaults, **fields}
        )

    library = Location.objects.create(
        name="Eastside Library", address="2100 E 7th St", city="Austin", state="TX", country="US"
    )
    meeting(library, "Austin Tuesday Tools", "austin-tuesday-tools", 2)
    meeting(
        library,
        "Austin Sunday Hybrid",
        "austin-sunday-hybrid",
        0,
        attendance=Attendance.HYBRID,
        conference_url="https://zoom.us/j/123456789",
    )
    meeting(library, "Austin Private Group", "austin-private", 3, is_public=False)
    fresno = Location.objects.create(name="Tower Hall", city="Fresno", state="CA", country="US")
    meeting(fresno, "Fresno Friday", "fresno-friday", 5, timezone="America/Los_Angeles")


def assert_page_is_clean(page) -> None:
    assert page.problems == []
    assert csp_violations(page) == []
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_a_visitor_walks_from_the_world_to_a_citys_meetings(page, directory):
    response = page.goto("/meetings/browse/")
    assert response.status == 200
    assert page.get_by_role("heading", level=1, name="Meetings around the world").is_visible()
    assert page.get_by_role("link", name="See the online schedule").is_visible()
    assert_page_is_clean(page)

    page.get_by_role("link", name="United States").click()
    page.wait_for_url("**/meetings/browse/us/")
    assert page.get_by_role("heading", level=1, name="United States").is_visible()
    assert_page_is_clean(page)

    page.get_by_role("link", name="Texas").click()
    page.wait_for_url("**/meetings/browse/us/texas/")
    assert page.get_by_role("heading", level=1, name="Texas").is_visible()
    assert_page_is_clean(page)

    page.get_by_role("link", name="Austin").click()
    page.wait_for_url("**/meetings/browse/us/texas/austin/")
    assert page.get_by_role("heading", level=1, name="Austin").is_visible()
    breadcrumb = page.get_by_role("navigation", name="Breadcrumb")
    assert breadcrumb.get_by_role("link", name="Texas").is_visible()
    days = page.get_by_role("heading", level=2).all_inner_texts()
    assert days == ["Sunday", "Tuesday"]
    link = page.get_by_role("link", name="Austin Tuesday Tools")
    assert link.is_visible()
    assert link.get_attribute("href") == "/meetings/austin-tuesday-tools/"
    assert page.get_by_text("Hybrid (in person and online)").is_visible()
    assert page.get_by_text("Austin Private Group").count() == 0
    assert_page_is_clean(page)


def test_the_breadcrumb_leads_back_up(page, directory):
    page.goto("/meetings/browse/us/texas/austin/")

    page.get_by_role("navigation", name="Breadcrumb").get_by_role(
        "link", name="Around the world"
    ).click()

    page.wait_for_url("**/meetings/browse/")
    assert page.get_by_role("link", name="United States").is_visible()
