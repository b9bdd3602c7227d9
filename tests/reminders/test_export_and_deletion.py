"""Saved meetings, the calendar subscription and reminders go with the account: in its export
(never the calendar's secret address) and away with it when it is deleted."""

from __future__ import annotations

import json

import pytest

from mymeetings.models import CalendarFeed
from reminders.models import Delivery, ReminderSettings
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_export_holds_them_but_not_the_calendar_token(client, participant, saved, reminders_on):
    reminders_on(before_meetings=True, lead_minutes=30)
    feed = CalendarFeed.issue(participant)
    client.force_login(participant)

    data = json.loads(client.get("/accounts/export/").content)

    assert data["saved_meetings"][0]["meeting"] == "Brooklyn Tuesday"
    assert set(data["calendar_subscription"]) == {"made_at"}
    assert feed.token not in json.dumps(data)
    assert data["reminders"]["minutes_before"] == 30
    assert data["reminders"]["time_zone"] == "Europe/London"


def test_deleting_the_account_deletes_them(client, participant, saved, reminders_on):
    reminders_on(before_meetings=True)
    CalendarFeed.issue(participant)
    client.force_login(participant)

    client.post("/accounts/delete/", {"password": PASSWORD})

    assert not CalendarFeed.objects.exists()
    assert not ReminderSettings.objects.exists()
    assert not Delivery.objects.exists()
    assert not participant.saved_meetings.model.objects.exists()
