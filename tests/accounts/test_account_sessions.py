"""Deleting an account ends every session it is signed in with, in every browser."""

from __future__ import annotations

import importlib

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.test import Client
from pytest_django.asserts import assertNotContains, assertRedirects

from accounts.models import SignedInSession
from tests.conftest import PASSWORD, SECRET

pytestmark = pytest.mark.django_db


def sessions_of(user_id: int) -> list[str]:
    """Every session row whose decoded data names the user (the slow way, for checking)."""
    return [
        session.session_key
        for session in Session.objects.all()
        if session.get_decoded().get(SESSION_KEY) == str(user_id)
    ]


def signed_in_browser(username: str) -> Client:
    browser = Client()
    response = browser.post("/accounts/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_deleting_the_account_signs_out_its_other_browsers(participant, cba):
    phone, laptop = signed_in_browser("river"), signed_in_browser("river")
    assert len(sessions_of(participant.pk)) == 2

    response = phone.post("/accounts/delete/", {"password": PASSWORD})

    assertRedirects(response, "/", fetch_redirect_response=False)
    assert sessions_of(participant.pk) == []
    assert not Session.objects.filter(pk=laptop.cookies["sessionid"].value).exists()
    assertNotContains(laptop.get("/worksheets/"), SECRET)
    assertRedirects(laptop.get("/accounts/export/"), "/accounts/login/?next=/accounts/export/")


def test_a_session_rotated_by_a_password_change_is_ended_too(participant):
    browser = signed_in_browser("river")
    first_key = browser.session.session_key
    browser.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
    )
    assert browser.session.session_key != first_key
    assert len(sessions_of(participant.pk)) == 1

    user_id = participant.pk
    participant.delete()

    assert sessions_of(user_id) == []


def test_an_account_deleted_in_the_admin_loses_its_sessions(participant, superuser):
    signed_in_browser("river")
    admin = Client()
    admin.force_login(superuser)

    response = admin.post(f"/admin/auth/user/{participant.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=participant.pk).exists()
    assert sessions_of(participant.pk) == []
    # The coordinator's own session is untouched.
    assert len(sessions_of(superuser.pk)) == 1


def test_signing_in_again_as_another_user_records_the_new_session(participant, stranger):
    browser = signed_in_browser("river")
    # login() flushes a session that held another user: the new row is saved after it.
    browser.force_login(stranger)
    assert len(sessions_of(stranger.pk)) == 1

    user_id = stranger.pk
    stranger.delete()

    assert sessions_of(user_id) == []


def test_signing_out_leaves_no_record_behind(participant):
    browser = signed_in_browser("river")
    assert SignedInSession.objects.filter(user=participant).count() == 1

    browser.post("/accounts/logout/")

    assert SignedInSession.objects.count() == 0


def test_sessions_signed_in_before_the_records_existed_are_found_by_the_migration(participant):
    signed_in_browser("river")
    SignedInSession.objects.all().delete()
    migration = importlib.import_module("worksheets.migrations.0005_signedinsession")
    # The models as that migration saw them: SignedInSession was still in worksheets.
    state = MigrationLoader(connection).project_state(("worksheets", "0005_signedinsession"))

    migration.record_signed_in_sessions(state.apps, None)

    recorded = list(SignedInSession.objects.values_list("session_id", flat=True))
    assert recorded == sessions_of(participant.pk)
    assert len(recorded) == 1
