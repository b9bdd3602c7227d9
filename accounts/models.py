"""What an account keeps beside Django's user: the sessions it is signed in with."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SignedInSession(models.Model):
    """A session an account is signed in with, so deleting the account can end every one.

    Django's session rows do not say whose they are; ``accounts.sessions`` records each key as
    it is signed in with, and the row goes with its session (CASCADE).
    """

    session = models.OneToOneField(
        "sessions.Session", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        # Made by worksheets' migration 0005, before accounts had an app of its own.
        db_table = "worksheets_signedinsession"

    def __str__(self) -> str:
        return f"Signed-in session of user {self.user_id}"
