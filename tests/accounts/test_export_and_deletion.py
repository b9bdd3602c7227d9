"""A participant takes everything with them, or deletes it all."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.contrib.auth.models import User
from pytest_django.asserts import assertContains, assertRedirects

from tests.conftest import PASSWORD, SECRET
from worksheets.models import Revision, StageCheckIn, Worksheet


def test_the_account_export_holds_everything(client, participant, cba):
    from toolbox.models import Stage

    stage = Stage.objects.first()  # the stages come with the toolbox's content migration
    StageCheckIn.objects.create(owner=participant, stage=stage, importance=6, confidence=4)
    client.force_login(participant)
    data = client.get("/accounts/export/").json()

    assert data["account"]["username"] == "river"
    assert data["account"]["email"] == "river@example.org"
    assert [w["id"] for w in data["worksheets"]] == [str(cba.pk)]
    assert data["worksheets"][0]["answers"] == cba.answers
    assert len(data["worksheets"][0]["revisions"]) == 1
    assert data["stage_checkins"][0]["importance"] == 6


def test_the_printable_export_shows_every_worksheet(client, participant, cba):
    client.force_login(participant)
    response = client.get("/accounts/export/print/")
    assertContains(response, SECRET)
    assertContains(response, "Everything in my account")


def worksheet_rows() -> dict[str, int]:
    return {
        model._meta.db_table: model.objects.count()
        for model in apps.get_app_config("worksheets").get_models()
    }


def test_deleting_the_account_needs_the_password(client, participant, cba):
    client.force_login(participant)
    response = client.post("/accounts/delete/", {"password": "not my password"})

    assertContains(response, "That is not your password. Nothing has been deleted.")
    assert User.objects.filter(pk=participant.pk).exists()
    assert Worksheet.objects.count() == 1


def test_deleting_the_account_removes_every_row_and_signs_out(client, participant, cba, stranger):
    Worksheet.objects.create(owner=stranger, kind="cba", title="Not theirs to delete")
    cba.keep_revision(Revision.KindOfSave.SAVE)
    before = worksheet_rows()
    assert before["worksheets_worksheet"] == 2 and before["worksheets_revision"] == 2

    client.force_login(participant)
    response = client.post("/accounts/delete/", {"password": PASSWORD})

    assertRedirects(response, "/", fetch_redirect_response=False)
    assert not User.objects.filter(pk=participant.pk).exists()
    after = worksheet_rows()
    assert after["worksheets_worksheet"] == 1
    assert after["worksheets_revision"] == 0
    assert after["worksheets_stagecheckin"] == 0
    assert Worksheet.objects.get().owner == stranger
    assert "_auth_user_id" not in client.session
    assertContains(client.get("/"), "Your account and everything in it have been deleted")


def test_the_printable_export_includes_the_urge_log_and_start_dates(client, participant):
    from worksheets.models import StartDate, UrgeEntry

    UrgeEntry.objects.create(
        owner=participant, intensity=8, situation="walking past the corner shop", acted_on=False
    )
    StartDate.objects.create(owner=participant, date=datetime.date(2026, 10, 1))
    client.force_login(participant)

    response = client.get("/accounts/export/print/")

    assertContains(response, "walking past the corner shop")
    assertContains(response, "2026-10-01")
