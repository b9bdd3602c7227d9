"""Every worksheet URL answers its owner, and a 404 to anyone else: staff, strangers, visitors."""

from __future__ import annotations

import uuid

import pytest

from tests.worksheets.conftest import SECRET, form_data
from worksheets.models import Revision, Worksheet

# (method, path after /worksheets/<id>/); "compare" is handled by compare_url.
URLS = [
    ("get", ""),
    ("post", ""),
    ("post", "autosave/"),
    ("get", "print/"),
    ("get", "export.json"),
    ("get", "revisions/"),
    ("post", "revisions/1/restore/"),
    ("post", "duplicate/"),
    ("get", "delete/"),
    ("post", "delete/"),
    ("get", "compare"),
]


def call(client, method: str, worksheet: Worksheet, path: str):
    if path == "compare":
        return client.get(f"/worksheets/compare/?a={worksheet.pk}&b={worksheet.pk}")
    url = f"/worksheets/{worksheet.pk}/{path}"
    if method == "post":
        return client.post(url, form_data(worksheet, behaviour="overwritten by someone else"))
    return client.get(url)


@pytest.mark.parametrize(("method", "path"), URLS)
def test_the_owner_reaches_every_worksheet_url(client, participant, cba, method, path):
    client.force_login(participant)
    response = call(client, method, cba, path)
    assert response.status_code in {200, 302}


@pytest.mark.parametrize(("method", "path"), URLS)
@pytest.mark.parametrize("persona", ["facilitator", "stranger", "superuser"])
def test_anyone_else_gets_a_404_and_changes_nothing(
    client, cba, method, path, persona, request: pytest.FixtureRequest
):
    client.force_login(request.getfixturevalue(persona))
    response = call(client, method, cba, path)

    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    cba.refresh_from_db()
    assert cba.answers["behaviour"] == "drinking on weeknights"
    assert Worksheet.objects.count() == 1
    assert Revision.objects.filter(worksheet=cba).count() == 1


@pytest.mark.parametrize(("method", "path"), URLS)
def test_a_visitor_without_an_account_gets_a_404(client, cba, method, path):
    response = call(client, method, cba, path)
    assert response.status_code == 404
    cba.refresh_from_db()
    assert cba.answers["behaviour"] == "drinking on weeknights"


def test_compare_with_someone_elses_worksheet_is_a_404(client, cba, stranger):
    theirs = Worksheet.objects.create(owner=stranger, kind="cba", title="Theirs")
    client.force_login(stranger)
    response = client.get(f"/worksheets/compare/?a={theirs.pk}&b={cba.pk}")
    assert response.status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        f"/worksheets/{uuid.uuid4()}/",
        f"/worksheets/{uuid.uuid4()}/print/",
        "/worksheets/compare/?a=1&b=2",
        "/worksheets/compare/?a=not-a-uuid",
        "/worksheets/1/",
        "/worksheets/00000000-0000-0000-0000-00000000000g/",
    ],
)
def test_unknown_or_tampered_ids_are_404s(client, participant, cba, url):
    client.force_login(participant)
    assert client.get(url).status_code == 404


def test_worksheet_ids_are_random_uuids(cba, participant):
    other = Worksheet.objects.create(owner=participant, kind="cba")
    assert isinstance(cba.pk, uuid.UUID) and cba.pk.version == 4
    assert other.pk.int != cba.pk.int + 1


def test_the_list_shows_only_the_owners_worksheets(client, cba, stranger):
    Worksheet.objects.create(owner=stranger, kind="change-plan", title="Stranger's plan")
    client.force_login(stranger)
    page = client.get("/worksheets/").content.decode()
    assert "Stranger&#x27;s plan" in page
    assert "My CBA in spring" not in page


def test_staff_see_no_worksheet_content_in_the_admin(client, superuser, cba):
    from django.contrib import admin

    assert Worksheet not in admin.site._registry
    assert Revision not in admin.site._registry
    client.force_login(superuser)
    assert client.get("/admin/worksheets/worksheet/").status_code == 404
    assert SECRET not in client.get("/admin/").content.decode()


def test_account_pages_need_a_sign_in(client, db):
    for url in ["/accounts/export/", "/accounts/export/print/", "/accounts/delete/"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")


def test_each_persona_exports_only_their_own(client, cba, facilitator):
    client.force_login(facilitator)
    data = client.get("/accounts/export/").json()
    assert data["worksheets"] == []
    assert SECRET not in str(data)
