"""Sign-up never says whether an email address has an account; its owner is told instead."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from pytest_django.asserts import assertContains

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def sign_up(username: str, email: str, password2: str = PASSWORD, **extra):
    """A new browser signs up; the response, with redirects followed."""
    return Client(**extra).post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": PASSWORD, "password2": password2},
        follow=True,
    )


def comparable(response, username: str) -> tuple:
    """What a visitor can tell from a response: status, where it went, the page and headers."""
    page = CSRF.sub("", response.content.decode()).replace(username, "<name>")
    headers = {k: v for k, v in response.headers.items() if k not in {"Content-Length"}}
    return response.status_code, response.redirect_chain, page, headers


def test_signing_up_with_a_known_email_answers_exactly_as_with_an_unknown_one(participant):
    known = sign_up("new-leaf", "RIVER@example.org")
    unknown = sign_up("new-bud", "nobody@example.org")

    assert comparable(known, "new-leaf") == comparable(unknown, "new-bud")
    assertContains(known, "Welcome, new-leaf. Your account is ready.")
    assert known.redirect_chain == [("/", 302)]
    assert known.context["user"].username == "new-leaf"


def test_a_failed_sign_up_says_nothing_about_the_email_either(participant):
    known = sign_up("new-leaf", "river@example.org", password2="not the same")
    unknown = sign_up("new-leaf", "nobody@example.org", password2="not the same")

    assert comparable(known, "river@example.org") == comparable(unknown, "nobody@example.org")
    assert known.context["form"].errors.keys() == {"password2"}
    assert mail.outbox == []


def test_the_owner_of_a_known_email_gets_a_kind_notice(participant):
    sign_up("new-leaf", "River@Example.org")

    [notice] = mail.outbox
    assert notice.to == ["river@example.org"]  # as the owner's account has it
    assert notice.subject == "Someone tried to sign up with your email address"
    assert "you already have an account" in notice.body
    assert "http://testserver/accounts/login/" in notice.body
    assert "http://testserver/accounts/password/reset/" in notice.body
    assert "you can ignore this email" in notice.body
    # Nothing about the newcomer's account reaches the owner.
    assert "new-leaf" not in notice.body


def test_the_new_account_is_opened_without_the_known_email(participant):
    sign_up("new-leaf", "RIVER@EXAMPLE.ORG")

    newcomer = User.objects.get(username="new-leaf")
    assert newcomer.email == ""
    assert newcomer.check_password(PASSWORD)
    assert User.objects.filter(email__iexact="river@example.org").count() == 1


def test_an_unknown_email_is_kept_and_nobody_is_mailed(db):
    sign_up("new-bud", "Bud@Example.org")

    assert User.objects.get(username="new-bud").email == "Bud@example.org"
    assert mail.outbox == []


def test_no_two_accounts_end_up_with_one_email_whatever_its_case(db):
    for number, email in enumerate(["leaf@example.org", "LEAF@example.org", "Leaf@Example.Org"]):
        sign_up(f"leaf-{number}", email, REMOTE_ADDR=f"192.0.2.{number}")

    assert User.objects.filter(email__iexact="leaf@example.org").count() == 1
    assert len(mail.outbox) == 2
    assert User.objects.filter(username__startswith="leaf-").count() == 3


def test_a_taken_username_is_still_said_plainly(participant):
    response = sign_up("river", "")

    assertContains(response, "A user with that username already exists.")
