"""Reminder settings on the account page, and the unsubscribe link that needs no sign-in."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains

from reminders.models import ReminderSettings
from reminders.unsubscribe import make_token

pytestmark = pytest.mark.django_db

CHOICES = {
    "before_meetings": "on",
    "lead_minutes": "30",
    "weekly_checkin": "on",
    "checkin_day": "0",
    "subject": "today",
    "zone": "Australia/Sydney",
}


def test_reminders_are_off_until_the_participant_turns_them_on(client, participant):
    client.force_login(participant)
    client.cookies["tz"] = "Europe/Paris"

    page = client.get("/accounts/")

    assertContains(page, "Reminders by email")
    assertContains(page, 'name="before_meetings"')
    assert 'name="before_meetings" checked' not in page.content.decode()
    # The zone offered first is the one the meeting pages remember.
    assertContains(page, '<option value="Europe/Paris" selected>')
    assert not ReminderSettings.objects.exists()


def test_the_participant_chooses_their_reminders(client, participant):
    client.force_login(participant)

    response = client.post("/reminders/settings/", CHOICES)

    assert response.status_code == 302
    assert response["Location"] == "/accounts/#reminders"
    choices = ReminderSettings.objects.get(user=participant)
    assert (choices.before_meetings, choices.review_dates, choices.weekly_checkin) == (
        True,
        False,
        True,
    )
    assert (choices.lead_minutes, choices.subject, choices.zone) == (
        30,
        "today",
        "Australia/Sydney",
    )


def test_a_zone_nobody_knows_is_refused(client, participant):
    client.force_login(participant)

    response = client.post("/reminders/settings/", {**CHOICES, "zone": "Mars/Olympus"})

    assert response.status_code == 422
    assert not ReminderSettings.objects.exists()


def test_settings_need_an_account(client):
    response = client.post("/reminders/settings/", CHOICES)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_unsubscribe_link_asks_once_and_turns_everything_off_without_signing_in(
    client, participant
):
    ReminderSettings.objects.create(user=participant, before_meetings=True, weekly_checkin=True)
    address = f"/reminders/off/{make_token(participant.pk)}/"

    page = client.get(address)
    assertContains(page, "Turn off reminder emails")
    assert ReminderSettings.objects.get().any_on

    done = client.post(address)

    assertContains(done, "Reminders are off")
    assert not ReminderSettings.objects.get().any_on


def test_a_mail_apps_one_click_post_needs_no_csrf_token(participant):
    from django.test import Client

    ReminderSettings.objects.create(user=participant, review_dates=True)
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        f"/reminders/off/{make_token(participant.pk)}/",
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not ReminderSettings.objects.get().any_on


def test_a_forged_or_altered_token_is_a_404(client, participant):
    ReminderSettings.objects.create(user=participant, before_meetings=True)
    token = make_token(participant.pk)

    assert client.post(f"/reminders/off/{token[:-1]}x/").status_code == 404
    assert client.post("/reminders/off/1/").status_code == 404
    assert ReminderSettings.objects.get().any_on
