"""Saving a meeting with the star on a phone, then finding it on My meetings."""

from __future__ import annotations

import datetime

import pytest

from meetings.models import Attendance, Meeting
from tests.e2e.conftest import axe_violations, csp_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_visitor_stars_a_meeting_in_place_and_finds_it_on_my_meetings(page):
    Meeting.objects.create(
        name="Starred Online Evening",
        slug="starred-online-evening",
        day=3,
        time=datetime.time(19),
        timezone="Europe/London",
        attendance=Attendance.ONLINE,
        conference_url="https://video.example.org/j/7",
    )
    page.goto("/meetings/starred-online-evening/")

    page.get_by_role("button", name="Save Starred Online Evening to my meetings").click()

    # Saved in place: the same page, the button now offering to remove it, and a status line.
    page.get_by_role("button", name="remove Starred Online Evening from my meetings").wait_for()
    assert page.url.endswith("/meetings/starred-online-evening/")
    assert "is in My meetings" in page.get_by_role("status").last.text_content()
    screenshot(page, "meeting-starred")

    page.goto("/meetings/mine/")
    page.get_by_role("link", name="Starred Online Evening").wait_for()
    screenshot(page, "my-meetings")
    assert axe_violations(page) == []
    assert csp_violations(page) == []
    assert page.problems == []
