from __future__ import annotations

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
