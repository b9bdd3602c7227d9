"""Signing up without revealing who else has an account.

An email address already on an account is never said to be taken: the new account is opened
all the same, without the address, and the address's owner gets a short notice instead. The
page answers exactly as it does for an address nobody uses. Usernames are public handles that
must be unique, so "username taken" stays.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import connection, transaction
from django.tasks import task
from django.template.loader import render_to_string

# The first key of the advisory lock that lets one sign-up at a time claim an address.
EMAIL_LOCK_NAMESPACE = 7301


@transaction.atomic
def open_account(*, user: User) -> str:
    """Save a new account, keeping its email only if no account has it (ignoring case).

    Returns the address as the account that has it stores it, to notify its owner, or "" when
    it was free (and is now the new account's). Two sign-ups racing for one address wait for
    each other on a lock named by the address, so it never ends up on two accounts.
    """
    email = user.email
    taken = ""
    if email:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                [EMAIL_LOCK_NAMESPACE, email.casefold()],
            )
        taken = (
            User.objects.filter(email__iexact=email)
            .order_by("pk")
            .values_list("email", flat=True)
            .first()
        ) or ""
        if taken:
            user.email = ""
    user.save()
    return taken


@task
def send_account_exists_notice(email: str, login_url: str, reset_url: str) -> None:
    """Tell an address's owner that someone tried to sign up with it.

    A task, so that once a worker runs them (DESIGN.md, Background work) the mail leaves the
    request and a sign-up with a known address takes no longer than with an unknown one. Until
    then the default backend sends it at once, and a failed send is logged by the task runner,
    never shown as an error page that only a known address would get.
    """
    context = {"login_url": login_url, "reset_url": reset_url}
    send_mail(
        render_to_string("registration/signup_notice_subject.txt", context).strip(),
        render_to_string("registration/signup_notice_email.txt", context),
        None,
        [email],
    )
