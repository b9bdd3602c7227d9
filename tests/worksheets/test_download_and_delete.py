"""One worksheet: downloaded as JSON, or deleted with its revisions."""

from __future__ import annotations

from pytest_django.asserts import assertContains

from tests.conftest import SECRET
from worksheets.models import Revision, Worksheet


def test_one_worksheet_downloads_as_json(client, participant, cba):
    client.force_login(participant)
    response = client.get(f"/worksheets/{cba.pk}/export.json")

    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    data = response.json()
    assert data["id"] == str(cba.pk)
    assert data["kind"] == "cba"
    assert data["title"] == "My CBA in spring"
    assert data["answers"]["keep_benefits"][0]["item"] == SECRET
    assert [box["total"] for box in data["summary"]["boxes"]] == [7, 15, 10, 0]
    assert data["revisions"][0]["number"] == 1
    assert "no-store" in response["Cache-Control"]


def test_deleting_one_worksheet_takes_its_revisions(client, participant, cba):
    client.force_login(participant)
    assertContains(client.get(f"/worksheets/{cba.pk}/delete/"), "Delete this worksheet")
    client.post(f"/worksheets/{cba.pk}/delete/")
    assert Worksheet.objects.count() == 0
    assert Revision.objects.count() == 0
