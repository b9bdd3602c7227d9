"""Giving an account an email address without revealing who else has an account.

An address already on another account is never said to be taken: at sign-up the account opens
all the same, without the address, and on the account page the account keeps the address it
had. Either way the page answers exactly as it does for an address nobody uses, and the
address's owner gets a short notice instead. Usernames are public handles that must be unique,
so "username taken" stays.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import connection, transaction
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation

# The first key of the advisory lock that lets one account at a time claim an address.
EMAIL_LOCK_NAMESPACE = 7301


@transaction.atomic
def save_with_email(user: User, email: str) -> str:
    """Save ``user``, giving it ``email`` only if no other account has it (ignoring case).

    Returns the address as the other account stores it, to notify its owner, or "" when it
    was free (and is now ``user``'s). Two requests racing for one address wait for each other
    on a lock named by the address, so it never ends up on two accounts.
    """
    taken = ""
    if email:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, hashtext(%s))",
                [EMAIL_LOCK_NAMESPACE, email.casefold()],
            )
        others = User.objects.exclude(pk=user.pk) if user.pk else User.objects.all()
        taken = (
            others.filter(email__iexact=email).order_by("pk").values_list("email", flat=True)
        ).first() or ""
    if not taken:
        user.email = email
    user.save()
    return taken


@task
def send_account_exists_notice(
    email: str, login_url: str, reset_url: str, *, on_sign_up: bool = True, language: str = ""
) -> None:
    """Tell an address's owner that someone tried to give it to another account.

    A task, so that once a worker runs them (DESIGN.md, Background work) the mail leaves the
    request and giving a known address takes no longer than giving an unknown one. Until then
    the default backend sends it at once, and a failed send is logged by the task runner,
    never shown as an error page that only a known address would get.
    """
    context = {"login_url": login_url, "reset_url": reset_url, "on_sign_up": on_sign_up}
    # In the language of the page it was asked from: a worker has no request to read it from.
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/account_exists_notice_subject.txt", context).strip()
        body = render_to_string("accounts/account_exists_notice_email.txt", context)
    send_mail(subject, body, None, [email])
