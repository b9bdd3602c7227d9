"""A participant's saved meetings and the private calendar subscription that follows them."""

from __future__ import annotations

import base64
import hashlib
import secrets
from typing import Self

from django.conf import settings
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting

TOKEN_KEY_SALT = "mymeetings.calendar-token"


class SavedMeeting(models.Model):
    """A meeting a participant starred: listed on /meetings/mine/ and in their calendar feed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_meetings",
        verbose_name=_("user"),
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved meeting")
        verbose_name_plural = _("saved meetings")
        ordering = ["created"]
        constraints = [
            models.UniqueConstraint(fields=["user", "meeting"], name="saved_meeting_once")
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id} saved by {self.user_id}"


def derive_token(salt: str, secret: str | bytes | None = None) -> str:
    """The feed token for ``salt`` under ``secret`` (``SECRET_KEY`` by default)."""
    digest = salted_hmac(TOKEN_KEY_SALT, salt, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def hash_token(token: str) -> str:
    # A plain SHA-256 is enough: a 256-bit token cannot be found by trying hashes.
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def for_token(self, token: str) -> Self:
        return self.filter(token_hash=hash_token(token))


class CalendarFeed(models.Model):
    """A participant's private calendar subscription, found only by its token's hash.

    As with proofs of attendance, the token is the HMAC of a random salt under a key derived
    from ``SECRET_KEY``: the database alone (a backup, a reader) cannot produce a working
    address, while the owner's account page can show theirs again.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    salt = models.CharField(_("salt"), max_length=32, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), auto_now=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar subscription")
        verbose_name_plural = _("calendar subscriptions")

    def __str__(self) -> str:
        return f"Calendar subscription of {self.user_id}"

    @classmethod
    def issue(cls, user) -> CalendarFeed:
        """A new address for ``user``'s feed; the one they had, if any, stops working."""
        salt = secrets.token_hex(16)
        feed, _ = cls.objects.update_or_create(
            user=user, defaults={"salt": salt, "token_hash": hash_token(derive_token(salt))}
        )
        return feed

    @property
    def token(self) -> str | None:
        """The token, under the current key or a fallback; None once its key is gone."""
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]:
            token = derive_token(self.salt, secret)
            if hash_token(token) == self.token_hash:
                return token
        return None
