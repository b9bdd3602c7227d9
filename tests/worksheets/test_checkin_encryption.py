"""Stage check-in answers are stored only as Fernet tokens, and read back everywhere as before."""

from __future__ import annotations

import io
import json

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from pytest_django.asserts import assertContains

from toolbox.models import Stage
from worksheets import crypto
from worksheets.management.commands.reencrypt_worksheets import ENCRYPTED
from worksheets.models import StageCheckIn, UrgeEntry

# "Sometimes" and "not yet" are the kind of words a raw read must never show.
POSTED = {
    "importance": "8",
    "confidence": "5",
    "changing": "not_yet",
    "slipped": "no",
    "plan": "yes",
    "pull": "sometimes",
    "save": "on",
}
ANSWERS = {"changing": "not_yet", "slipped": False, "plan": True, "pull": "sometimes"}
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


def raw_answers() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM worksheets_stagecheckin ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def test_a_saved_check_in_keeps_its_answers_only_as_a_token(client, participant):
    client.force_login(participant)
    response = client.post("/stages/check-in/", POSTED)
    saved = StageCheckIn.objects.get()

    [stored] = raw_answers()
    assert stored.startswith(crypto.TOKEN_PREFIX)
    for clear in ("not_yet", "sometimes", "changing", "pull", "{"):
        assert clear not in stored
    assert saved.answers == ANSWERS
    # The check-in page rebuilds its questions from the answers it reads back.
    page = client.get(response.url)
    assertContains(page, "You put importance at 8, not 0.")
    assertContains(page, "Determination/Preparation")


def test_my_progress_and_the_export_read_the_answers_as_before(client, participant):
    client.force_login(participant)
    client.post("/stages/check-in/", POSTED)

    assertContains(client.get("/worksheets/progress/"), "importance 8/10 · confidence 5/10")
    exported = client.get("/accounts/export/").json()["stage_checkins"]
    assert exported[0]["answers"] == ANSWERS
    assertContains(client.get("/accounts/export/print/"), "(importance 8, confidence 5)")


def test_reencrypt_moves_check_ins_and_urges_to_the_newest_key(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    StageCheckIn.objects.create(
        owner=participant, stage=Stage.objects.first(), importance=3, confidence=4, answers=ANSWERS
    )
    UrgeEntry.objects.create(owner=participant, intensity=6, situation="the pub quiz")

    settings.WORKSHEET_KEYS = [KEY_B, KEY_A]
    call_command("reencrypt_worksheets", stdout=io.StringIO())

    settings.WORKSHEET_KEYS = [KEY_B]
    crypto.forget_checked_keys()
    assert StageCheckIn.objects.get().answers == ANSWERS
    assert UrgeEntry.objects.get().situation == "the pub quiz"


def test_reencrypt_covers_every_encrypted_field():
    encrypted = {
        model: tuple(
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, crypto.EncryptedJSONField)
        )
        for model in apps.get_app_config("worksheets").get_models()
    }

    assert {model: fields for model, fields in encrypted.items() if fields} == ENCRYPTED


# The migration converts rows already stored, both ways.

BEFORE = ("worksheets", "0005_signedinsession")
AFTER = ("worksheets", "0006_stagecheckin_answers_encrypted")


def migrate(target: tuple[str, str]) -> None:
    MigrationExecutor(connection).migrate([target])


def store_clear_check_in(owner) -> None:
    """A check-in as the table held it before the migration: answers as clear jsonb."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO worksheets_stagecheckin"
            " (owner_id, stage_id, importance, confidence, answers, created)"
            " VALUES (%s, %s, 8, 5, %s::jsonb, now())",
            [owner.pk, Stage.objects.first().pk, json.dumps(ANSWERS)],
        )
        # Check the row's foreign keys now: a table with checks pending cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


# Postgres runs schema changes in a transaction, so the test's own transaction undoes all this.
def test_the_migration_encrypts_stored_check_ins_and_decrypts_them_going_back(participant):
    migrate(BEFORE)
    store_clear_check_in(participant)

    migrate(AFTER)

    [stored] = raw_answers()
    assert stored.startswith(crypto.TOKEN_PREFIX)
    assert "sometimes" not in stored
    assert StageCheckIn.objects.get().answers == ANSWERS

    migrate(BEFORE)

    with connection.cursor() as cursor:
        cursor.execute("SELECT answers FROM worksheets_stagecheckin")
        assert json.loads(cursor.fetchone()[0]) == ANSWERS


def test_the_migration_refuses_keys_that_cannot_read_what_is_stored(settings, participant):
    settings.WORKSHEET_KEYS = [KEY_A]
    UrgeEntry.objects.create(owner=participant, intensity=6, situation="the pub quiz")
    migrate(BEFORE)
    store_clear_check_in(participant)

    settings.WORKSHEET_KEYS = [KEY_B]
    with pytest.raises(ImproperlyConfigured, match="WORKSHEET_KEYS"):
        migrate(AFTER)

    assert json.loads(raw_answers()[0]) == ANSWERS
