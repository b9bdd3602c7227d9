"""What an account keeps beside Django's user: the sessions it is signed in with."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignedInSession(models.Model):
    """A session an account is signed in with, so deleting the account can end every one.

    Django's session rows do not say whose they are; ``accounts.sessions`` records each key as
    it is signed in with, and the row goes with its session (CASCADE).
    """

    session = models.OneToOneField(
        "sessions.Session",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("session"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )

    class Meta:
        # Made by worksheets' migration 0005, before accounts had an app of its own.
        verbose_name = _("signed-in session")
        verbose_name_plural = _("signed-in sessions")
        db_table = "worksheets_signedinsession"

    def __str__(self) -> str:
        return f"Signed-in session of user {self.user_id}"
