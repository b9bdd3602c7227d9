"""Every session an account is signed in with, so that deleting the account ends them all.

Django's database sessions keep the user's id only inside their signed, encoded data, so finding
an account's sessions would mean decoding every row. Instead each session key is recorded
(``SignedInSession``) the moment it holds a signed-in user. A key comes to hold one in two ways
only:

- ``login()`` puts the user into the session and then sends ``user_logged_in``; the key it has by
  then is already saved (``cycle_key`` saved it). After a ``flush()`` (another user was signed in)
  there is no key yet, and the next case covers the row saved at the end of the request.
- a new row is saved holding the data of a signed-in session: ``cycle_key()`` after a password
  change (``update_session_auth_hash``), or the row that follows a flush. Only new rows are
  decoded, never every save.

A record is deleted with its session (CASCADE), by sign-out, key rotation and ``clearsessions``
alike. Just before a user row is deleted (the account page, the admin, the shell), every session
recorded for it is deleted through the session engine, in the same transaction.
"""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.signals import user_logged_in
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver
from django.http import HttpRequest

from accounts.models import SignedInSession


def _session_store() -> type:
    return import_module(settings.SESSION_ENGINE).SessionStore


def _sessions_in_database() -> bool:
    """Database and cached_db sessions have rows to record; cookie or cache sessions have none."""
    return issubclass(_session_store(), DatabaseSessionStore)


def record(session_key: str, user_id: int | str) -> None:
    SignedInSession.objects.bulk_create(
        [SignedInSession(session_id=session_key, user_id=user_id)], ignore_conflicts=True
    )


@receiver(user_logged_in, dispatch_uid="accounts.record_signed_in_session")
def record_on_sign_in(sender, request: HttpRequest | None, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    if session is None or session.session_key is None or not _sessions_in_database():
        return
    if Session.objects.filter(pk=session.session_key).exists():
        record(session.session_key, user.pk)


@receiver(post_save, sender=Session, dispatch_uid="accounts.record_new_signed_in_session")
def record_new_row(sender, instance: Session, created: bool, **kwargs) -> None:
    if not created:
        return
    user_id = instance.get_decoded().get(SESSION_KEY)
    if user_id and get_user_model().objects.filter(pk=user_id).exists():
        record(instance.session_key, user_id)


def end_sessions(user) -> int:
    """Delete every session ``user`` is signed in with; how many there were."""
    keys = list(
        SignedInSession.objects.filter(user_id=user.pk).values_list("session_id", flat=True)
    )
    store = _session_store()
    for key in keys:
        # Through the engine, so a cached_db session leaves the cache too.
        store().delete(key)
    return len(keys)


@receiver(pre_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="accounts.end_deleted_sessions")
def end_sessions_of_deleted_user(sender, instance, **kwargs) -> None:
    end_sessions(instance)
