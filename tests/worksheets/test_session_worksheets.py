"""Without an account a worksheet lives in the session, and moves into the account on sign-up."""

from __future__ import annotations

from pytest_django.asserts import assertContains

from tests.conftest import PASSWORD
from worksheets.models import Worksheet

WORDS = "Call my sister on Sunday instead of going out"


def start_plan(client) -> str:
    response = client.post(
        "/worksheets/new/change-plan/",
        {
            "version": "1",
            "title": "My first plan",
            "changes": "No gambling apps on my phone",
            "importance": "9",
            "steps-0-step": WORDS,
            "steps-0-date": "2026-12-06",
        },
    )
    assert response.status_code == 302
    return response.url


def test_a_visitor_fills_prints_and_downloads_without_an_account(client, db):
    url = start_plan(client)

    page = client.get(url)
    assertContains(page, "Not saved to an account")
    assertContains(page, "kept only in this browser session")
    assertContains(page, WORDS)
    assertContains(client.get(url + "print/"), WORDS)
    assert client.get(url + "export.json").json()["answers"]["steps"][0]["step"] == WORDS
    assert Worksheet.objects.count() == 0


def test_a_visitors_autosave_and_conflicts_work_in_the_session(client, db):
    url = start_plan(client)
    saved = client.post(url + "autosave/", {"version": "2", "changes": "Delete the apps"})
    assert saved.json()["version"] == 3
    stale = client.post(url + "autosave/", {"version": "2", "changes": "Something else"})
    assert stale.status_code == 409
    assertContains(client.get(url), "Delete the apps")


def test_another_visitor_cannot_reach_a_session_worksheet(client, db, django_user_model):
    from django.test import Client

    url = start_plan(client)
    assert Client().get(url).status_code == 404


def test_signing_up_moves_session_worksheets_into_the_account_with_nothing_lost(client, db):
    url = start_plan(client)

    response = client.post(
        f"/accounts/signup/?next={url}",
        {"username": "new-start", "password1": PASSWORD, "password2": PASSWORD, "next": url},
    )

    assert response.url == url
    worksheet = Worksheet.objects.get()
    assert str(worksheet.pk) in url
    assert worksheet.owner.username == "new-start"
    assert worksheet.title == "My first plan"
    assert worksheet.answers["importance"] == 9
    assert worksheet.answers["steps"] == [{"step": WORDS, "date": "2026-12-06"}]
    assert worksheet.revisions.count() == 1
    assert "worksheets" not in client.session
    page = client.get(url)
    assertContains(page, WORDS)
    assert "Not saved to an account" not in page.content.decode()


def test_signing_in_moves_them_too(client, participant):
    start_plan(client)
    client.post("/accounts/login/", {"username": "river", "password": PASSWORD})
    assert Worksheet.objects.get().owner == participant
