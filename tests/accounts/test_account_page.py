"""The account page at /accounts/: details, the optional email, and the ways out."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains, assertFormError, assertRedirects

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(user: User, **extra) -> Client:
    client = Client(**extra)
    client.force_login(user)
    return client


def give_email(client: Client, email: str, password: str = PASSWORD):
    return client.post("/accounts/", {"email": email, "password": password})


def comparable(response) -> tuple:
    """What the participant can tell from the answer to their post: status, where, headers."""
    # Expires names the second the answer was made; the two answers may straddle one.
    headers = {k: v for k, v in response.headers.items() if k != "Expires"}
    messages = [str(message) for message in get_messages(response.wsgi_request)]
    return response.status_code, response.url, headers, messages


@pytest.fixture
def tight_limits(settings) -> None:
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "signup": (3, 3600), "signup-email": (2, 86400)}


def test_the_account_page_asks_a_visitor_to_sign_in(client):
    assertRedirects(client.get("/accounts/"), "/accounts/login/?next=/accounts/")


def test_it_shows_the_username_and_email(participant):
    response = signed_in(participant).get("/accounts/")

    assertContains(response, '<h1 class="h3 mb-3">My account</h1>', html=True)
    assertContains(response, '<dd class="col-8 text-break">river</dd>', html=True)
    assertContains(response, "river@example.org")
    assert response.context["form"]["email"].value() == "river@example.org"
    assert "no-store" in response["Cache-Control"]


def test_it_says_when_there_is_no_email(stranger):
    response = signed_in(stranger).get("/accounts/")

    assertContains(response, "None given")
    assertContains(response, "Add one if you'd like to be able to reset a forgotten password.")


def test_it_links_to_the_password_the_export_and_deletion_and_signs_out_by_post(participant):
    response = signed_in(participant).get("/accounts/")

    assertContains(response, 'href="/accounts/password/"')
    assertContains(response, 'href="/accounts/export/"')
    assertContains(response, 'href="/accounts/export/print/"')
    assertContains(response, 'href="/accounts/delete/"')
    assertContains(response, '<form method="post" action="/accounts/logout/">')


def test_the_header_links_to_the_account_page(participant):
    response = signed_in(participant).get("/")

    assertContains(response, '<a class="nav-link" href="/accounts/">Account (river)</a>', html=True)


def test_a_free_email_address_is_the_accounts_now_and_nobody_is_mailed(stranger):
    response = give_email(signed_in(stranger), "Stranger@Example.org")

    assertRedirects(response, "/accounts/")
    stranger.refresh_from_db()
    assert stranger.email == "Stranger@example.org"
    assert mail.outbox == []


def test_a_taken_email_answers_exactly_as_a_free_one(participant, stranger):
    someone = User.objects.create_user("sea", password=PASSWORD)

    taken = give_email(signed_in(stranger), "RIVER@example.org")
    free = give_email(signed_in(someone), "nobody@example.org")

    assert comparable(taken) == comparable(free)
    assert comparable(taken)[:2] == (302, "/accounts/")


def test_a_taken_email_stays_with_its_owner_who_gets_the_notice(participant, stranger):
    stranger.email = "stranger@example.org"
    stranger.save()

    give_email(signed_in(stranger), "River@Example.org")

    stranger.refresh_from_db()
    participant.refresh_from_db()
    assert stranger.email == "stranger@example.org"
    assert participant.email == "river@example.org"
    [notice] = mail.outbox
    assert notice.to == ["river@example.org"]  # as the owner's account has it
    assert notice.subject == "Someone tried to add your email address to another account"
    assert "so it was not added" in notice.body
    assert "you already have an account" in notice.body
    assert "http://testserver/accounts/password/reset/" in notice.body
    # Nothing about the account that tried reaches the owner.
    assert "stranger" not in notice.body


def test_an_email_is_removed_by_emptying_the_box(participant):
    response = give_email(signed_in(participant), "")

    assertRedirects(response, "/accounts/")
    participant.refresh_from_db()
    assert participant.email == ""
    assert mail.outbox == []


def test_the_email_changes_only_with_the_right_password(participant):
    response = give_email(signed_in(participant), "new@example.org", password="not my password")

    assertFormError(
        response.context["form"],
        "password",
        "That is not your password. Your email address is as it was.",
    )
    participant.refresh_from_db()
    assert participant.email == "river@example.org"


def test_an_address_given_too_often_is_refused_known_or_not(tight_limits, participant):
    for email in ("river@example.org", "nobody@example.org"):
        for number in range(2):
            user = User.objects.create_user(f"{email[:5]}-{number}", password=PASSWORD)
            give_email(signed_in(user, REMOTE_ADDR=f"192.0.2.{number}"), email.upper())
        late = User.objects.create_user(f"{email[:5]}-late", password=PASSWORD)

        response = give_email(signed_in(late, REMOTE_ADDR="192.0.2.50"), email)

        assert response.status_code == 429
        assertFormError(
            response.context["form"],
            "email",
            "Too many sign-ups gave this email address today. Try again tomorrow, or leave it out.",
        )
        late.refresh_from_db()
        assert late.email == ""


def test_addresses_given_too_often_from_one_connection_are_refused(tight_limits, stranger):
    client = signed_in(stranger, REMOTE_ADDR="203.0.113.9")
    for number in range(3):
        assertRedirects(give_email(client, f"try-{number}@example.org"), "/accounts/")

    response = give_email(client, "try-3@example.org")

    assert response.status_code == 429
    assertContains(response, "Too many email addresses were given", status_code=429)
    stranger.refresh_from_db()
    assert stranger.email == "try-2@example.org"


def test_saving_the_same_address_again_counts_against_no_limit(tight_limits, participant):
    client = signed_in(participant, REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        assertRedirects(give_email(client, "river@example.org"), "/accounts/")
