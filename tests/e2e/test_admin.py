from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import csp_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_facilitator_signs_in_and_moves_their_meeting_to_a_new_time(
    page, facilitator, make_meeting
):
    meeting = make_meeting(name="Eastside Tuesday Evening")
    meeting.facilitators.add(facilitator)

    page.goto("/admin/")
    page.get_by_label("Username").fill("fay")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    page.goto("/admin/meetings/meeting/")
    page.get_by_role("link", name="Eastside Tuesday Evening").click()
    page.locator("#id_time").fill("18:15")
    page.get_by_role("button", name="Save", exact=True).first.click()

    page.get_by_text("was changed successfully").wait_for()
    meeting.refresh_from_db()
    assert meeting.time.strftime("%H:%M") == "18:15"
    assert page.problems == []
    assert csp_violations(page) == []


def sign_in(page, username: str) -> None:
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def test_a_facilitator_sees_the_new_time_in_words_and_no_utc_note(page, facilitator, make_meeting):
    meeting = make_meeting(name="Loop Thursday", day=4, timezone="Europe/London")
    meeting.facilitators.add(facilitator)

    sign_in(page, "fay")
    page.goto(f"/admin/meetings/meeting/{meeting.pk}/change/")
    page.locator("#id_timezone").fill("Asia/Tokyo")
    page.locator("#id_timezone").dispatch_event("change")
    page.locator("#id_time").fill("18:15")
    page.locator("#id_time").dispatch_event("change")

    # Tokyo keeps no daylight saving, so the UTC reading is the same all year.
    sentence = "Thursdays 6:15 PM in Tokyo (09:15 UTC on Thursdays)"
    page.locator("#meeting-when", has_text=sentence).wait_for()
    assert page.get_by_text("hours behind the server").count() == 0
    assert page.get_by_text("hours ahead of the server").count() == 0
    assert page.get_by_role("link", name="Now").count() == 0
    assert page.problems == []
    assert csp_violations(page) == []


def test_a_facilitator_reads_the_history_on_a_phone_without_scrolling_sideways(
    page, facilitator, make_meeting
):
    meeting = make_meeting(name="Loop Thursday", day=4)
    meeting.facilitators.add(facilitator)
    meeting.time = datetime.time(18, 15)
    meeting._change_reason = "The hall closes earlier in winter"
    meeting.save()

    sign_in(page, "fay")
    page.goto(f"/admin/meetings/meeting/{meeting.pk}/history/")

    page.get_by_text("Start 7:00 PM → 6:15 PM").wait_for()
    assert page.get_by_text("Reason: The hall closes earlier in winter").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.problems == []
    assert csp_violations(page) == []


def test_a_facilitator_on_a_phone_cancels_next_weeks_meeting_and_the_public_page_says_so(
    page, facilitator, make_meeting
):
    meeting = make_meeting(name="Loop Thursday", slug="loop-thursday", day=4)
    meeting.facilitators.add(facilitator)
    today = datetime.datetime.now(ZoneInfo(meeting.timezone)).date()
    next_week = today + datetime.timedelta(days=(4 - (today.isoweekday() % 7)) % 7 + 7)

    sign_in(page, "fay")
    page.goto(f"/admin/meetings/meeting/{meeting.pk}/change/")
    page.get_by_role("button", name="Add another One-off change").click()
    page.locator("#id_exceptions-0-kind").select_option("cancelled")
    page.locator("#id_exceptions-0-date").fill(next_week.isoformat())
    page.locator("#id_exceptions-0-note").fill("The hall is booked for a concert")
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_text("was changed successfully").wait_for()

    page.goto("/meetings/loop-thursday/")
    changes = page.locator("#meeting-changes")
    assert f"No meeting on Thursday {next_week.day} {next_week:%B}" in changes.inner_text()
    assert "The hall is booked for a concert" in changes.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    assert page.problems == []
    assert csp_violations(page) == []


def test_a_facilitator_cancels_the_next_meeting_in_one_tap_from_their_page(
    page, facilitator, make_meeting
):
    meeting = make_meeting(name="Loop Thursday", slug="loop-thursday", day=4)
    meeting.facilitators.add(facilitator)

    sign_in(page, "fay")
    page.get_by_role("link", name="My meetings").click()
    page.get_by_label("Note for the public (optional)").fill("Snow day")
    button = page.get_by_role("button", name="Cancel the next meeting")
    assert button.bounding_box()["height"] >= 44
    button.click()

    page.get_by_text("Undo it under").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    page.goto("/meetings/loop-thursday/")
    assert "Snow day" in page.locator("#meeting-changes").inner_text()
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_meeting_form_fits_a_phone_with_thumb_sized_controls(page, facilitator, make_meeting):
    meeting = make_meeting(name="Loop Thursday")
    meeting.facilitators.add(facilitator)

    sign_in(page, "fay")
    page.goto(f"/admin/meetings/meeting/{meeting.pk}/change/")

    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]
    for control in ["#id_day", "#id_time", "#id_end_time", "#id_timezone", "#id_change_reason"]:
        assert page.locator(control).bounding_box()["height"] >= 44, control
    assert page.get_by_role("button", name="Save", exact=True).first.bounding_box()["height"] >= 44
    assert page.locator("label[for=id_is_active]").bounding_box()["height"] >= 44
    assert csp_violations(page) == []
