"""Worksheet pages in the participant's own zone, and what needs an account said up front."""

from __future__ import annotations

import datetime

import time_machine
from pytest_django.asserts import assertContains

from worksheets.models import Worksheet

MONDAY_EVENING_UTC = datetime.datetime(2026, 1, 12, 20, 0, tzinfo=datetime.UTC)


def saved_on_monday_evening(participant) -> Worksheet:
    with time_machine.travel(MONDAY_EVENING_UTC, tick=False):
        return Worksheet.objects.create(owner=participant, kind="cba", title="Drinking", answers={})


def test_the_list_save_bar_and_print_show_times_in_the_participants_zone(client, participant):
    worksheet = saved_on_monday_evening(participant)
    client.force_login(participant)
    client.cookies["tz"] = "Asia/Tokyo"

    listing = client.get("/worksheets/")
    editing = client.get(f"/worksheets/{worksheet.pk}/")
    printed = client.get(f"/worksheets/{worksheet.pk}/print/")

    # 20:00 UTC on Monday is 05:00 on Tuesday in Tokyo.
    assertContains(listing, "Tue 13 Jan 2026, 5:00 AM")
    assertContains(listing, "Times are in Asia/Tokyo.")
    assertContains(editing, "Last saved Tue 13 Jan, 5:00 AM.")
    assertContains(printed, "last edited Tue 13 Jan 2026, 5:00 AM (Asia/Tokyo)")


def test_the_list_asks_the_browser_for_its_zone(client, participant):
    client.force_login(participant)

    response = client.get("/worksheets/")

    assertContains(response, 'data-viewer-zone="UTC" data-zone-asked="false"')
    assertContains(response, "js/zone.js")


def test_a_zone_asked_for_on_the_list_is_remembered(client, participant):
    client.force_login(participant)

    response = client.get("/worksheets/", {"tz": "Europe/Paris"})

    assert response.cookies["tz"].value == "Europe/Paris"


def test_a_visitor_sees_what_needs_an_account_and_why_before_signing_in(client, db):
    response = client.get("/worksheets/")

    assertContains(response, "What you can do without an account")
    assertContains(response, "Needs a free account")
    assertContains(response, "Share with a facilitator</strong>: a link needs the worksheet saved")
    assertContains(response, "Urge log, urge charts and My progress</strong>: they build up")
    assertContains(response, 'Urge log <span class="chip chip-warm">Account</span>')


def test_a_participant_is_not_told_what_needs_an_account(client, participant):
    client.force_login(participant)

    response = client.get("/worksheets/")

    assert "What you can do without an account" not in response.content.decode()
