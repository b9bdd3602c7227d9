"""The meeting admin's times: the meeting's own clock, no UTC note, and the schedule in words."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from pytest_django.asserts import assertContains, assertNotContains

from meetings.schedule import weekly_sentence

pytestmark = pytest.mark.django_db

WHEN = "/admin/meetings/meeting/when/"

# The Thursday before the United States leave daylight saving (Sunday 1 November 2026).
LAST_SUMMER_THURSDAY = datetime.datetime(2026, 10, 29, 12, tzinfo=datetime.UTC)
FIRST_WINTER_THURSDAY = datetime.datetime(2026, 11, 5, 12, tzinfo=datetime.UTC)


@pytest.fixture
def thursday_meeting(make_meeting, facilitator):
    meeting = make_meeting(name="Loop Thursday", day=4, time=datetime.time(19))
    meeting.facilitators.add(facilitator)
    return meeting


def change_url(meeting) -> str:
    return f"/admin/meetings/meeting/{meeting.pk}/change/"


def test_the_time_fields_carry_no_utc_note_or_now_button(client, facilitator, thursday_meeting):
    client.force_login(facilitator)

    response = client.get(change_url(thursday_meeting))

    # The note and the "Now" link are drawn by DateTimeShortcuts.js on fields marked vTimeField.
    assertNotContains(response, "DateTimeShortcuts")
    assertNotContains(response, "vTimeField")
    assertContains(response, 'type="time" name="time" value="19:00"')
    assertContains(response, 'type="time" name="end_time" value="20:30"')


def test_the_change_page_says_the_schedule_in_words(client, facilitator, thursday_meeting):
    client.force_login(facilitator)

    with time_machine.travel(LAST_SUMMER_THURSDAY, tick=False):
        response = client.get(change_url(thursday_meeting))

    assertContains(response, "Thursdays 7:00 PM in Chicago (00:00 UTC on Fridays)")
    assertContains(response, "js/meeting_times.js")


def test_the_sentence_follows_the_clocks_changing(client, facilitator, thursday_meeting):
    client.force_login(facilitator)

    with time_machine.travel(FIRST_WINTER_THURSDAY, tick=False):
        response = client.get(change_url(thursday_meeting))

    assertContains(response, "Thursdays 7:00 PM in Chicago (01:00 UTC on Fridays)")


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Before Thursday's meeting the summer time still holds.
        (datetime.datetime(2026, 10, 29, 23, tzinfo=datetime.UTC), "(00:00 UTC on Fridays)"),
        # After it, the next one is in winter time.
        (datetime.datetime(2026, 10, 30, 2, tzinfo=datetime.UTC), "(01:00 UTC on Fridays)"),
    ],
)
def test_the_utc_reading_is_for_the_next_meeting(now, expected):
    sentence = weekly_sentence(4, datetime.time(19), "America/Chicago", now)

    assert sentence == f"Thursdays 7:00 PM in Chicago {expected}"


def test_a_meeting_east_of_utc_can_fall_on_the_day_before_in_utc():
    now = datetime.datetime(2026, 1, 5, tzinfo=datetime.UTC)

    sentence = weekly_sentence(1, datetime.time(7, 30), "Australia/Sydney", now)

    assert sentence == "Mondays 7:30 AM in Sydney (20:30 UTC on Sundays)"


def test_the_form_asks_for_the_sentence_of_unsaved_values(client, facilitator, thursday_meeting):
    client.force_login(facilitator)

    with time_machine.travel(FIRST_WINTER_THURSDAY, tick=False):
        response = client.get(
            WHEN, {"day": "0", "time": "09:15", "timezone": "America/Argentina/Buenos_Aires"}
        )

    assert response.json() == {"sentence": "Sundays 9:15 AM in Buenos Aires (12:15 UTC on Sundays)"}


@pytest.mark.parametrize(
    "query",
    [
        {"day": "7", "time": "09:15", "timezone": "Europe/London"},
        {"day": "1", "time": "25:00", "timezone": "Europe/London"},
        {"day": "1", "time": "09:15", "timezone": "Mars/Olympus_Mons"},
        {},
    ],
)
def test_nonsense_gets_no_sentence(client, facilitator, query):
    client.force_login(facilitator)

    response = client.get(WHEN, query)

    assert response.status_code == 400
    assert response.json() == {"sentence": ""}


def test_only_people_who_edit_meetings_may_ask(client, stranger):
    stranger.is_staff = True
    stranger.save()
    client.force_login(stranger)

    response = client.get(WHEN, {"day": "1", "time": "09:15", "timezone": "Europe/London"})

    assert response.status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(WHEN, {"day": "1", "time": "09:15", "timezone": "Europe/London"})

    assert response.status_code == 302


def test_the_zone_list_starts_with_the_zones_of_the_venues_country(
    client, facilitator, thursday_meeting
):
    client.force_login(facilitator)

    response = client.get(change_url(thursday_meeting))

    html = response.content.decode()
    datalist = html[html.index('<datalist id="timezone-names">') :]
    zones = [part.split('"')[0] for part in datalist.split('<option value="')[1:]]
    assert zones[0] == "America/Chicago"
    assert zones.index("America/Denver") < zones.index("Africa/Abidjan")
    assert zones.index("Pacific/Honolulu") < zones.index("Europe/London")
    assert "UTC" in zones
    assertContains(response, 'list="timezone-names"')


def test_a_zone_alias_is_still_accepted(client, facilitator, thursday_meeting):
    from tests.meetings.test_admin_roles import edit_form

    client.force_login(facilitator)

    response = client.post(
        change_url(thursday_meeting), edit_form(thursday_meeting, timezone="US/Central")
    )

    assert response.status_code == 302
    thursday_meeting.refresh_from_db()
    assert thursday_meeting.timezone == "US/Central"
