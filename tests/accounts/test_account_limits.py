"""Sign-ups and password-reset mails are limited per client address and per email address."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from tests.conftest import PASSWORD

pytestmark = [pytest.mark.django_db, pytest.mark.cache]


@pytest.fixture
def tight_limits(settings) -> None:
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "signup": (2, 3600),
        "signup-email": (2, 86400),
        "password-reset": (2, 3600),
        "password-reset-email": (2, 86400),
    }


def sign_up(client: Client, username: str, email: str = ""):
    return client.post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": PASSWORD},
    )


def reset(client: Client, email: str):
    return client.post("/accounts/password/reset/", {"email": email})


# Sign-up.


def test_sign_ups_past_the_limit_from_one_address_are_refused_plainly(tight_limits):
    for number in range(2):
        assert sign_up(Client(REMOTE_ADDR="203.0.113.9"), f"leaf-{number}").status_code == 302

    response = sign_up(Client(REMOTE_ADDR="203.0.113.9"), "leaf-2")

    assert response.status_code == 429
    assertContains(response, "Too many accounts were made from your connection", status_code=429)
    assert not User.objects.filter(username="leaf-2").exists()
    assert sign_up(Client(REMOTE_ADDR="198.51.100.7"), "leaf-3").status_code == 302


def test_sign_ups_past_the_limit_for_one_email_are_refused_known_or_not(tight_limits, participant):
    for email in ("river@example.org", "nobody@example.org"):
        for number in range(2):
            client = Client(REMOTE_ADDR=f"192.0.2.{number}")
            assert sign_up(client, f"{email[:5]}-{number}", email.upper()).status_code == 302

        response = sign_up(Client(REMOTE_ADDR="192.0.2.50"), f"{email[:5]}-late", email)

        assert response.status_code == 429
        assertFormError(
            response.context["form"],
            "email",
            "Too many sign-ups gave this email address today. Try again tomorrow, or leave it out.",
        )
        assert not User.objects.filter(username=f"{email[:5]}-late").exists()
    # Notices to the owners (the first NOBODY sign-up took that address), then no more.
    assert [message.to for message in mail.outbox] == [
        ["river@example.org"],
        ["river@example.org"],
        ["NOBODY@example.org"],
    ]


def test_behind_a_proxy_the_sign_up_limit_keys_on_the_forwarded_client(tight_limits, settings):
    settings.PROXY_COUNT = 1
    for number in range(2):
        client = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
        assert sign_up(client, f"leaf-{number}").status_code == 302
    # A forged entry further left changes nothing: the proxy's entry is the one read.
    forger = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9")
    neighbour = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert sign_up(forger, "leaf-2").status_code == 429
    assert sign_up(neighbour, "leaf-3").status_code == 302


# Password reset: past a limit, the same page, and nothing sent.


def test_reset_mails_past_the_limit_from_one_address_are_not_sent(tight_limits, participant):
    User.objects.create_user("sea", email="sea@example.org", password=PASSWORD)
    client = Client(REMOTE_ADDR="203.0.113.9")
    for email in ("river@example.org", "sea@example.org", "sea@example.org"):
        assertRedirects(reset(client, email), "/accounts/password/reset/sent/")

    assert [message.to for message in mail.outbox] == [["river@example.org"], ["sea@example.org"]]
    reset(Client(REMOTE_ADDR="198.51.100.7"), "river@example.org")
    assert len(mail.outbox) == 3


def test_reset_mails_past_the_limit_for_one_email_are_not_sent(tight_limits, participant):
    for number, email in enumerate(["river@example.org", "RIVER@example.org", "River@Example.org"]):
        response = reset(Client(REMOTE_ADDR=f"192.0.2.{number}"), email)
        assertRedirects(response, "/accounts/password/reset/sent/")

    assert len(mail.outbox) == 2


def test_a_limited_reset_looks_the_same_as_any_other(tight_limits, participant):
    client = Client(REMOTE_ADDR="203.0.113.9")
    sent = [reset(client, "river@example.org") for _ in range(3)]

    assert [(r.status_code, r.url) for r in sent] == [(302, "/accounts/password/reset/sent/")] * 3
    assertContains(client.get(sent[-1].url), "If an account has that email address")


def test_behind_a_proxy_the_reset_limit_keys_on_the_forwarded_client(
    tight_limits, settings, participant
):
    settings.PROXY_COUNT = 1
    for _ in range(3):
        reset(Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9"), "x@example.org")
    neighbour = Client(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.7")

    reset(neighbour, "river@example.org")

    assert len(mail.outbox) == 1
