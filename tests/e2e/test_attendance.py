"""Proof of attendance on phones: a participant asks during the meeting, a facilitator confirms
it on My meetings, and a third browser opens the link the proof's QR code holds."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from attendance.qr import qr_svg
from meetings.schedule import spec_day
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, csp_violations, screenshot, watched_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, has_touch=True)
    return context, watched_page(context)


@pytest.fixture
def meeting_now(make_meeting, facilitator):
    """A POA meeting that began half an hour ago (in UTC, so any clock will do)."""
    began = timezone.now().astimezone(datetime.UTC) - datetime.timedelta(minutes=30)
    meeting = make_meeting(
        name="Lunchtime SMART",
        slug="lunchtime-smart",
        day=spec_day(began.date()),
        time=began.time().replace(second=0, microsecond=0),
        end_time=(began + datetime.timedelta(hours=2)).time().replace(second=0, microsecond=0),
        timezone="UTC",
        attendance_verification=True,
    )
    meeting.facilitators.add(facilitator)
    facilitator.first_name = "Fay"
    facilitator.save()
    return meeting


def qr_path(svg: str) -> str:
    return re.search(r' d="([^"]+)"', svg.split('class="qrline"', 1)[1]).group(1)


def test_a_participant_asks_a_facilitator_confirms_and_a_third_browser_checks(
    browser, live_server, participant, meeting_now
):
    contexts = []
    try:
        context, asker = phone(browser, live_server)
        contexts.append(context)
        asker.goto("/accounts/login/")
        asker.get_by_label("Username").fill("river")
        asker.get_by_label("Password").fill(PASSWORD)
        asker.get_by_role("button", name="Sign in").click()
        asker.wait_for_url(f"{live_server.url}/")
        asker.goto("/meetings/lunchtime-smart/")
        asker.get_by_label("Name to print on the proof").fill("R. Rivers")
        asker.get_by_label("Who it is for (optional)").fill("Travis County Probation")
        screenshot(asker, "attendance-ask")
        asker.get_by_role("button", name=re.compile("^Ask for proof of")).tap()
        asker.get_by_text("Your request is with the meeting's facilitators").wait_for()
        assert asker.get_by_text("Waiting for a facilitator").is_visible()

        context, confirmer = phone(browser, live_server)
        contexts.append(context)
        confirmer.goto("/admin/")
        confirmer.get_by_label("Username").fill("fay")
        confirmer.get_by_label("Password").fill(PASSWORD)
        confirmer.get_by_role("button", name="Log in").click()
        confirmer.wait_for_url("**/admin/")
        confirmer.goto("/admin/meetings/meeting/mine/")
        confirmer.get_by_text("Proof of attendance to confirm (1)").wait_for()
        screenshot(confirmer, "attendance-confirm")
        confirmer.get_by_role("button", name="Confirm R. Rivers attended").tap()
        confirmer.get_by_text("Confirmed: R. Rivers, Lunchtime SMART").wait_for()
        assert confirmer.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        asker.reload()
        asker.get_by_role("heading", name="How it is checked").wait_for()
        link = asker.locator("a[href*='/verify/']").get_attribute("href")
        screenshot(asker, "attendance-proof")
        assert qr_path(asker.locator("figure svg").evaluate("svg => svg.outerHTML")) == qr_path(
            qr_svg(link)
        )
        assert asker.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        assert axe_violations(asker) == []

        context, checker = phone(browser, live_server)
        contexts.append(context)
        checker.goto(link)
        checker.get_by_role("heading", name="A valid proof of attendance").wait_for()
        screenshot(checker, "attendance-verify")
        main = checker.locator("main").inner_text()
        assert "R. Rivers" in main
        assert "Lunchtime SMART" in main
        assert "Fay, the meeting's facilitator" in main
        assert "Travis County" not in main
        assert axe_violations(checker) == []

        # The page's referrer policy leaves its own form working: the participant signs out there.
        asker.goto(link)
        asker.get_by_role("button", name="Show or hide the menu").click()
        asker.get_by_role("button", name="Sign out").click()
        asker.get_by_role("link", name="Sign in", include_hidden=True).wait_for(state="attached")
        for page in (asker, confirmer, checker):
            assert page.problems == []
            assert csp_violations(page) == []
    finally:
        for context in contexts:
            context.close()
