"""A meeting's history in words: what changed (old → new), who, when and why."""

from __future__ import annotations

import datetime
import re

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from meetings.admin import change_in_words
from tests.meetings.test_admin_roles import edit_form

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://zoom.us/j/123456789?pwd=s3cr3tPasscode"


@pytest.fixture
def own_meeting(make_meeting, facilitator):
    meeting = make_meeting(
        name="Eastside Tuesday",
        time=datetime.time(20),
        attendance="hybrid",
        conference_url="https://zoom.us/j/111",
    )
    meeting.facilitators.add(facilitator)
    return meeting


def history_url(meeting) -> str:
    return f"/admin/meetings/meeting/{meeting.pk}/history/"


def change(client, meeting, **changes):
    data = edit_form(meeting, **changes)
    data.setdefault("conference_url", meeting.conference_url)
    return client.post(f"/admin/meetings/meeting/{meeting.pk}/change/", data)


def test_a_change_reads_as_old_and_new_in_words(client, facilitator, own_meeting):
    client.force_login(facilitator)
    change(client, own_meeting, time="19:15", end_time="20:30", day="4")

    response = client.get(history_url(own_meeting))

    assertContains(response, "Start 8:00 PM → 7:15 PM")
    assertContains(response, "Day Tuesday → Thursday")
    assertNotContains(response, "End ")  # 20:30 before and after: not a change


def test_the_history_says_who_and_why(client, facilitator, own_meeting):
    client.force_login(facilitator)
    change(client, own_meeting, time="19:15", change_reason="The hall closes earlier now")

    response = client.get(history_url(own_meeting))

    assertContains(response, "Reason: The hall closes earlier now")
    assertContains(response, "fay")
    assert own_meeting.history.first().history_change_reason == "The hall closes earlier now"


def test_a_changed_link_is_not_shown_in_the_history(client, facilitator, own_meeting):
    client.force_login(facilitator)
    change(client, own_meeting, conference_url=SECRET_LINK)

    response = client.get(history_url(own_meeting))

    assertContains(response, "Link changed")
    assertNotContains(response, "s3cr3tPasscode")
    assertNotContains(response, "zoom.us/j/111")


def test_the_history_is_a_list_that_fits_a_phone(client, facilitator, own_meeting):
    client.force_login(facilitator)
    change(client, own_meeting, time="19:15")

    response = client.get(history_url(own_meeting))

    html = response.content.decode()
    assert '<ol id="change-history" class="history-list">' in html
    assert "<table" not in html.split('id="content-main"')[1]
    assert not re.search(r"<[^>]+\sstyle\s*=", html)


@pytest.mark.parametrize(
    ("field", "old", "new", "words"),
    [
        ("time", datetime.time(20), datetime.time(19, 15), "Start 8:00 PM → 7:15 PM"),
        ("end_time", None, datetime.time(21), "End (none) → 9:00 PM"),
        ("day", 2, 4, "Day Tuesday → Thursday"),
        ("is_active", True, False, "Meeting now yes → no"),
        ("attendance", "in_person", "online", "Attendance In person → Online"),
        ("types", ["O"], ["O", "W"], "Types Open → Open, Women"),
        (
            "timezone",
            "America/Chicago",
            "America/Denver",
            "Time zone America/Chicago → America/Denver",
        ),
        ("conference_url", "", SECRET_LINK, "Link added"),
        ("conference_url", SECRET_LINK, "", "Link removed"),
        ("conference_phone", "+1555,,1#", "+1555,,2#", "Phone changed"),
        ("name", "Eastside", "Eastside Library", "Name Eastside → Eastside Library"),
        ("notes", "", "x" * 200, f"Notes (none) → {'x' * 79}…"),
    ],
)
def test_each_kind_of_field_reads_in_words(field, old, new, words):
    assert change_in_words(field, old, new) == words
