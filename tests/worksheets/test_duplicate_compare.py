"""Revisiting a worksheet: a copy to fill in again, and two side by side."""

from __future__ import annotations

from pytest_django.asserts import assertContains

from tests.worksheets.conftest import SECRET, form_data
from worksheets.models import Worksheet


def test_duplicating_makes_a_new_worksheet_that_remembers_the_original(client, participant, cba):
    client.force_login(participant)
    response = client.post(f"/worksheets/{cba.pk}/duplicate/")

    copy = Worksheet.objects.exclude(pk=cba.pk).get()
    assert response.url == f"/worksheets/{copy.pk}/"
    assert copy.copied_from == cba
    assert copy.owner == participant
    assert copy.answers == cba.answers
    assert copy.title.startswith("My CBA in spring (revisited")
    assert copy.revisions.count() == 1


def test_changing_the_copy_leaves_the_original_alone(client, participant, cba):
    client.force_login(participant)
    client.post(f"/worksheets/{cba.pk}/duplicate/")
    copy = Worksheet.objects.exclude(pk=cba.pk).get()
    client.post(f"/worksheets/{copy.pk}/", form_data(copy, reflection="Six months on"))

    cba.refresh_from_db()
    assert cba.answers["reflection"] == ""


def test_two_worksheets_compare_side_by_side(client, participant, cba):
    client.force_login(participant)
    later = Worksheet.objects.create(
        owner=participant,
        kind="cba",
        title="Six months on",
        answers={**cba.answers, "reflection": "Calmer now"},
    )
    response = client.get(f"/worksheets/compare/?a={cba.pk}&b={later.pk}")

    assertContains(response, "My CBA in spring")
    assertContains(response, "Six months on")
    assertContains(response, "Calmer now")
    assertContains(response, SECRET, count=2)


def test_worksheets_of_different_kinds_are_not_compared(client, participant, cba):
    client.force_login(participant)
    plan = Worksheet.objects.create(owner=participant, kind="change-plan")
    response = client.get(f"/worksheets/compare/?a={cba.pk}&b={plan.pk}")
    assert response.status_code == 302


def test_an_earlier_revision_compares_with_the_present(client, participant, cba):
    client.force_login(participant)
    client.post(f"/worksheets/{cba.pk}/", form_data(cba, reflection="Later thoughts"))

    revisions = client.get(f"/worksheets/{cba.pk}/revisions/")
    link = f"/worksheets/compare/?a={cba.pk}&amp;ra=1&amp;b={cba.pk}"
    assertContains(revisions, link)
    response = client.get(f"/worksheets/compare/?a={cba.pk}&ra=1&b={cba.pk}")

    assertContains(response, "My CBA in spring, revision 1")
    assertContains(response, "Later thoughts", count=1)
    assert client.get(f"/worksheets/compare/?a={cba.pk}&ra=9&b={cba.pk}").status_code == 404
    assert client.get(f"/worksheets/compare/?a={cba.pk}&ra=x&b={cba.pk}").status_code == 404
