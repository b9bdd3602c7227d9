"""Reminders in the participant's language: the one they saved their settings in, kept for the
worker, which has no request to read it from."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail

from reminders.models import ReminderSettings, Subject
from tests.reminders.test_sending import sweep_at

pytestmark = pytest.mark.django_db

CHOICES = {
    "before_meetings": "on",
    "lead_minutes": "60",
    "checkin_day": "1",
    "subject": "reminder",
    "zone": "Europe/Madrid",
}


def test_settings_saved_on_a_spanish_page_keep_spanish(client, participant):
    client.force_login(participant)

    client.post("/es/reminders/settings/", CHOICES)

    assert ReminderSettings.objects.get(user=participant).language == "es"


def test_settings_saved_in_english_keep_english(client, participant):
    client.force_login(participant)

    client.post("/reminders/settings/", CHOICES)

    assert ReminderSettings.objects.get(user=participant).language == "en"


def test_a_reminder_for_a_participant_who_chose_spanish_is_in_spanish(saved, reminders_on):
    reminders_on(before_meetings=True, subject=Subject.CALENDAR, language="es")

    sweep_at()

    [message] = mail.outbox
    assert message.subject == "Una nota de tu calendario"
    assert message.body.startswith("Hola:")
    # The start on the participant's clock, in Spanish forms: 22:30 UTC is 23:00 in London.
    assert "Una reunión que guardaste empieza el martes, 10 de marzo, 23:00 (Europe/London)" in (
        message.body
    )
    assert "http://127.0.0.1:8000/es/meetings/" in message.body
    # The way out still works, from the Spanish address too.
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe.startswith("http://127.0.0.1:8000/es/reminders/off/")
    assert unsubscribe in message.body
    assert "Change your reminders" not in message.body


def test_a_weekly_check_in_in_german(participant, reminders_on):
    reminders_on(weekly_checkin=True, checkin_day=3, language="de")

    sweep_at(datetime.datetime(2026, 3, 11, 9, 0, tzinfo=datetime.UTC))

    [message] = mail.outbox
    assert message.subject == "Deine Erinnerung"
    assert "Deine wöchentliche Standortbestimmung" in message.body
    assert "Deine Erinnerungen ändern: http://127.0.0.1:8000/de/accounts/#reminders" in (
        message.body
    )


def test_the_spanish_unsubscribe_link_turns_reminders_off(client, saved, reminders_on):
    choices = reminders_on(before_meetings=True, language="es")
    sweep_at()
    [message] = mail.outbox
    unsubscribe = message.extra_headers["List-Unsubscribe"].strip("<>")

    response = client.post(unsubscribe.removeprefix("http://127.0.0.1:8000"))

    assert response.status_code == 200
    assert "Los recordatorios están desactivados" in response.content.decode()
    choices.refresh_from_db()
    assert not choices.any_on
