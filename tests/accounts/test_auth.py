from __future__ import annotations

import re

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.contrib.auth.models import User
from django.core import mail
from django.db.models.signals import pre_save
from django.test import Client
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, password: str = PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_signing_up_needs_only_a_username_and_a_password(client):
    response = client.post(
        "/accounts/signup/",
        {"username": "new-leaf", "password1": PASSWORD, "password2": PASSWORD},
    )

    assertRedirects(response, "/")
    user = User.objects.get(username="new-leaf")
    assert user.email == ""
    assert client.session["_auth_user_id"] == str(user.pk)


@pytest.fixture
def rival_sign_up():
    """Another sign-up that saves the same username just before this one does, as two requests
    racing past the form's check would."""

    def save_first(sender, instance: User, **kwargs) -> None:
        if instance.pk is None:
            pre_save.disconnect(save_first, sender=User)
            User.objects.create_user(instance.username, password=PASSWORD)

    pre_save.connect(save_first, sender=User)
    yield
    pre_save.disconnect(save_first, sender=User)


def test_a_username_taken_while_signing_up_is_a_form_error_not_a_500(client, rival_sign_up):
    response = client.post(
        "/accounts/signup/",
        {"username": "new-leaf", "password1": PASSWORD, "password2": PASSWORD},
    )

    assert response.status_code == 200
    assertContains(response, "Someone took that username a moment ago")
    assert "_auth_user_id" not in client.session


def test_signing_up_keeps_an_optional_email_for_password_resets(client):
    client.post(
        "/accounts/signup/",
        {
            "username": "new-leaf",
            "email": "Leaf@Example.org",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )

    assert User.objects.get(username="new-leaf").email == "Leaf@example.org"


def test_a_password_too_like_the_email_is_refused(client):
    response = client.post(
        "/accounts/signup/",
        {
            "username": "new-leaf",
            "email": "morning.walker@example.org",
            "password1": "morning.walker",
            "password2": "morning.walker",
        },
    )

    assertFormError(
        response.context["form"], "password2", "The password is too similar to the email address."
    )
    assert not User.objects.filter(username="new-leaf").exists()


def test_sign_up_errors_stand_beside_their_fields(client, participant):
    response = client.post(
        "/accounts/signup/",
        {"username": "river", "email": "river@example.org", "password1": "x", "password2": "y"},
    )

    assert response.status_code == 200
    form = response.context["form"]
    assertFormError(form, "username", "A user with that username already exists.")
    # Whether an email address has an account is never said (test_signup_privacy.py).
    assertFormError(form, "email", [])
    assertFormError(form, "password2", "The two password fields didn’t match.")
    assertContains(response, "invalid-feedback")


def test_a_participant_signs_in_and_out(client, participant):
    assertRedirects(sign_in(client, "river"), "/")
    assert client.session["_auth_user_id"] == str(participant.pk)

    assertRedirects(client.post("/accounts/logout/"), "/")
    assert "_auth_user_id" not in client.session


def test_a_wrong_password_is_said_plainly(client, participant):
    response = sign_in(client, "river", "wrong-password")

    assert response.status_code == 200
    assertContains(response, "Please enter a correct username and password")


def test_repeated_failures_lock_out_the_username(client, participant, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "river", "wrong-password")

    response = sign_in(client, "river")

    assert response.status_code == 429
    assertContains(response, "Too many sign-in attempts", status_code=429)
    assert "_auth_user_id" not in client.session


def test_the_lockout_also_holds_an_address_that_tries_many_usernames(client, participant, settings):
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess-{attempt}", "wrong-password")

    response = sign_in(client, "river")

    assert response.status_code == 429


def test_a_signed_in_participant_changes_their_password(client, participant):
    client.force_login(participant)

    response = client.post(
        "/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-7",
            "new_password2": "another-long-passphrase-7",
        },
    )

    assertRedirects(response, "/accounts/password/done/")
    participant.refresh_from_db()
    assert participant.check_password("another-long-passphrase-7")


def test_changing_a_password_needs_signing_in(client):
    assertRedirects(client.get("/accounts/password/"), "/accounts/login/?next=/accounts/password/")


def test_a_password_reset_link_arrives_by_email_and_works(client, participant):
    response = client.post("/accounts/password/reset/", {"email": "river@example.org"})

    assertRedirects(response, "/accounts/password/reset/sent/")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["river@example.org"]
    link = re.search(r"http://testserver(\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    response = client.post(
        form_url,
        {"new_password1": "a-fresh-passphrase-99", "new_password2": "a-fresh-passphrase-99"},
    )
    assertRedirects(response, "/accounts/password/reset/complete/")
    participant.refresh_from_db()
    assert participant.check_password("a-fresh-passphrase-99")


def test_a_reset_for_an_unknown_email_sends_nothing_and_reveals_nothing(client, participant):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})

    assertRedirects(response, "/accounts/password/reset/sent/")
    assert mail.outbox == []


def test_a_used_reset_link_says_it_is_no_longer_active(client, participant):
    response = client.get("/accounts/password/reset/MQ/bad-token/")

    assertContains(response, "This link is no longer active")


def test_a_form_posted_without_its_csrf_token_is_refused_politely(participant):
    client = Client(enforce_csrf_checks=True)

    response = client.post("/accounts/login/", {"username": "river", "password": PASSWORD})

    assert response.status_code == 403
    assertContains(response, "Please try that again", status_code=403)


def test_behind_a_proxy_one_clients_failures_do_not_lock_out_everyone(participant, settings):
    """Every request arrives from the proxy's address; the client is the entry it appended."""
    settings.PROXY_COUNT = 1
    attacker = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(attacker, f"guess-{attempt}", "wrong-password")
    participant_client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert sign_in(attacker, "river").status_code == 429
    assert sign_in(participant_client, "river").status_code == 302


def test_a_forged_forwarded_address_does_not_escape_the_lockout(participant, settings):
    settings.PROXY_COUNT = 1
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        forger = Client(
            REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.9"
        )
        sign_in(forger, f"guess-{attempt}", "wrong-password")
    forger = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.9")

    assert sign_in(forger, "river").status_code == 429


# A username longer than any account's: a form error, never a 500 (axes stores up to 255).


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_a_300_character_username_is_a_form_error_and_nothing_is_stored(client, url):
    response = client.post(url, {"username": "x" * 300, "password": PASSWORD})

    assert response.status_code == 200
    assertFormError(
        response.context["form"],
        "username",
        "Ensure this value has at most 150 characters (it has 300).",
    )
    assert AccessAttempt.objects.count() == 0
    assert AccessFailureLog.objects.count() == 0


def test_a_150_character_username_is_still_checked_and_counted(client):
    response = client.post("/accounts/login/", {"username": "x" * 150, "password": PASSWORD})

    assertContains(response, "Please enter a correct username and password")
    assert AccessAttempt.objects.count() == 1
