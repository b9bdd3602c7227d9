"""Participants' private records. Every read goes through ``owned_by``, so no view can forget it."""

from __future__ import annotations

import datetime
import hashlib
import secrets
import uuid
from typing import Self

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from toolbox.worksheet_kinds import WorksheetKind
from worksheets.crypto import EncryptedJSONField

RULER = [MinValueValidator(0), MaxValueValidator(10)]


class OwnedQuerySet(models.QuerySet):
    """Rows that belong to one participant, read through the one owner check every view uses."""

    def owned_by(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        """Only ``user``'s own rows: staff and superusers included, nobody sees another's."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)


class StageCheckIn(models.Model):
    """A stage check-in a signed-in participant chose to keep, private to them."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stage_checkins",
        verbose_name=_("owner"),
    )
    stage = models.ForeignKey(
        "toolbox.Stage", on_delete=models.PROTECT, related_name="+", verbose_name=_("stage")
    )
    importance = models.PositiveSmallIntegerField(_("importance"), validators=RULER)
    confidence = models.PositiveSmallIntegerField(_("confidence"), validators=RULER)
    # The other answers (changing, slipped, plan, pull) are encrypted at rest like a worksheet's.
    answers = EncryptedJSONField(_("answers"), default=dict, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("stage check-in")
        verbose_name_plural = _("stage check-ins")
        ordering = ["-created"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(importance__lte=10), name="stage_checkin_importance_0_to_10"
            ),
            models.CheckConstraint(
                condition=models.Q(confidence__lte=10), name="stage_checkin_confidence_0_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.stage} check-in, {self.created:%Y-%m-%d}"


class KeyCanary(models.Model):
    """A token sealed with the key in use when it was first written (``crypto.check_keys``)."""

    token = models.TextField(_("token"))
    created = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("key canary")
        verbose_name_plural = _("key canaries")

    def __str__(self) -> str:
        return "Worksheet key canary"


class Worksheet(models.Model):
    """One worksheet of one kind, private to its owner; title and answers encrypted at rest."""

    class Status(models.TextChoices):
        DRAFT = "draft", gettext_lazy("Draft")
        COMPLETE = "complete", gettext_lazy("Complete")

    id = models.UUIDField(_("id"), primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="worksheets",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("kind"), max_length=32, choices=WorksheetKind.choices)
    title = EncryptedJSONField(_("title"), default=str, blank=True)
    answers = EncryptedJSONField(_("answers"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    # Optimistic concurrency: a save names the version it started from and is refused if stale.
    version = models.PositiveIntegerField(_("version"), default=1)
    copied_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="copies",
        verbose_name=_("copied from"),
    )
    created = models.DateTimeField(_("created"), default=timezone.now)
    updated = models.DateTimeField(_("updated"), default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    # A worksheet kept in an anonymous visitor's session, never saved to the database.
    in_session = False

    class Meta:
        verbose_name = _("worksheet")
        verbose_name_plural = _("worksheets")
        ordering = ["-updated"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("worksheets:edit", args=[self.pk])

    @property
    def display_title(self) -> str:
        return self.title or self.get_kind_display()

    def record(
        self,
        *,
        title: str,
        answers: dict,
        status: str,
        expected_version: int,
        kind_of_save: str,
    ) -> bool:
        """Save new content only if nobody saved since ``expected_version``; keep it as a revision.

        Returns False, changing nothing, when the stored version moved on (another tab or device).
        """
        with transaction.atomic():
            current = Worksheet.objects.select_for_update().get(pk=self.pk)
            if current.version != expected_version:
                self.version = current.version
                return False
            now = timezone.now()
            self.title, self.answers, self.status = title, answers, status
            self.version = current.version + 1
            self.updated = now
            self.save(update_fields=["title", "answers", "status", "version", "updated"])
            self.keep_revision(kind_of_save, now=now)
        return True

    def keep_revision(self, kind_of_save: str, *, now: datetime.datetime | None = None) -> Revision:
        """Autosaves within two minutes fold into one revision; every other save adds one."""
        now = now or timezone.now()
        latest = self.revisions.order_by("-number").first()
        if (
            kind_of_save == Revision.KindOfSave.AUTOSAVE
            and latest is not None
            and latest.kind_of_save == Revision.KindOfSave.AUTOSAVE
            and latest.created > now - AUTOSAVE_COALESCE
        ):
            latest.title, latest.answers, latest.saved = self.title, self.answers, now
            latest.save(update_fields=["title", "answers", "saved"])
            return latest
        return self.revisions.create(
            number=(latest.number + 1) if latest else 1,
            title=self.title,
            answers=self.answers,
            kind_of_save=kind_of_save,
            created=now,
            saved=now,
        )

    def keep_refused(self, *, title: str, answers: dict) -> Revision:
        """Text refused in a conflict is still kept, as a revision the owner can restore."""
        latest = self.revisions.order_by("-number").first()
        now = timezone.now()
        return self.revisions.create(
            number=(latest.number + 1) if latest else 1,
            title=title,
            answers=answers,
            kind_of_save=Revision.KindOfSave.CONFLICT,
            created=now,
            saved=now,
        )

    @transaction.atomic
    def duplicate(self) -> Worksheet:
        """A fresh copy to revisit ("my CBA, six months on"), remembering where it came from."""
        now = timezone.now()
        base = self.title or self.get_kind_display()
        copy = Worksheet.objects.create(
            owner=self.owner,
            kind=self.kind,
            title=f"{base} (revisited {now:%-d %b %Y})"[:TITLE_MAX_LENGTH],
            answers=self.answers,
            copied_from=self,
            created=now,
            updated=now,
        )
        copy.keep_revision(Revision.KindOfSave.SAVE, now=now)
        return copy


AUTOSAVE_COALESCE = datetime.timedelta(minutes=2)
TITLE_MAX_LENGTH = 120


class Revision(models.Model):
    """A worksheet as it was at one save, so earlier words can be seen and restored."""

    class KindOfSave(models.TextChoices):
        AUTOSAVE = "autosave", gettext_lazy("Saved as you typed")
        SAVE = "save", gettext_lazy("Saved")
        RESTORE = "restore", gettext_lazy("Restored from an earlier revision")
        CONFLICT = "conflict", gettext_lazy("Not saved over a newer version (kept here)")

    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("worksheet")
    )
    number = models.PositiveIntegerField(_("number"))
    title = EncryptedJSONField(_("title"), default=str, blank=True)
    answers = EncryptedJSONField(_("answers"), default=dict, blank=True)
    kind_of_save = models.CharField(_("kind of save"), max_length=16, choices=KindOfSave.choices)
    created = models.DateTimeField(_("created"), default=timezone.now)
    saved = models.DateTimeField(_("saved"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["worksheet", "number"], name="revision_number_unique")
        ]

    def __str__(self) -> str:
        return f"Revision {self.number}"


# The urge log and the start date: running records beside the worksheets, private the same way.

URGE_MINUTES_MAX = 24 * 60
URGE_TEXT_MAX = 300
URGE_NOTE_MAX = 2000
# A phone's clock may run a little ahead of the server's: "now" on the form is never refused.
CLOCK_SLACK = datetime.timedelta(minutes=5)


def not_in_future(value: datetime.datetime) -> None:
    """An urge is logged once felt: a time still to come is a typing slip, not a record."""
    if value > timezone.now() + CLOCK_SLACK:
        raise ValidationError(
            "That time hasn't happened yet. Choose when you felt the urge (now or earlier).",
            code="future",
        )


class UrgeEntry(models.Model):
    """One urge noticed: when, how strong, how long, its triggers, and what the owner did."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="urges",
        verbose_name=_("owner"),
    )
    felt_at = models.DateTimeField(_("felt at"), default=timezone.now, validators=[not_in_future])
    intensity = models.PositiveSmallIntegerField(_("intensity"), validators=RULER)
    minutes = models.PositiveSmallIntegerField(
        _("minutes"), null=True, blank=True, validators=[MaxValueValidator(URGE_MINUTES_MAX)]
    )
    # What the participant types is encrypted at rest, like a worksheet's answers.
    situation = EncryptedJSONField(_("situation"), default=str, blank=True)
    people = EncryptedJSONField(_("people"), default=str, blank=True)
    feeling = EncryptedJSONField(_("feeling"), default=str, blank=True)
    response = EncryptedJSONField(_("response"), default=str, blank=True)
    acted_on = models.BooleanField(_("acted on"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("urge entry")
        verbose_name_plural = _("urge entries")
        ordering = ["-felt_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(intensity__gte=0, intensity__lte=10),
                name="urge_intensity_0_to_10",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes__isnull=True)
                | models.Q(minutes__gte=0, minutes__lte=URGE_MINUTES_MAX),
                name="urge_minutes_0_to_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"Urge {self.intensity}/10, {self.felt_at:%Y-%m-%d %H:%M}"

    @property
    def ridden_out(self) -> bool:
        return not self.acted_on


class StartDateQuerySet(OwnedQuerySet):
    def current(self) -> StartDate | None:
        """The latest one set: a reset adds a row, so the earlier dates stay as history."""
        return self.order_by("-created", "-pk").first()


class StartDate(models.Model):
    """A date a participant counts days from; setting a new one keeps the old ones."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="start_dates",
        verbose_name=_("owner"),
    )
    date = models.DateField(_("date"))
    created = models.DateTimeField(_("created"), default=timezone.now)

    objects = StartDateQuerySet.as_manager()

    class Meta:
        verbose_name = _("start date")
        verbose_name_plural = _("start dates")
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"Start date {self.date:%Y-%m-%d}"

    def days_since(self, today: datetime.date) -> int:
        return max((today - self.date).days, 0)


SHARE_MIN_LIFETIME = datetime.timedelta(hours=1)
SHARE_MAX_LIFETIME = datetime.timedelta(days=30)


def hash_share_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ShareLinkQuerySet(models.QuerySet):
    def active(self) -> ShareLinkQuerySet:
        """Links that still open: not revoked and not expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def for_token(self, token: str) -> ShareLinkQuerySet:
        return self.filter(token_hash=hash_share_token(token))


class ShareLink(models.Model):
    """A read-only link to one worksheet, made by its owner; only the token's hash is kept."""

    worksheet = models.ForeignKey(
        Worksheet, on_delete=models.CASCADE, related_name="share_links", verbose_name=_("worksheet")
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    created = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"Share link {self.pk}"

    @classmethod
    def issue(cls, worksheet: Worksheet, lifetime: datetime.timedelta) -> tuple[ShareLink, str]:
        """A new link and its token, which is shown once to the owner and never stored."""
        token = secrets.token_urlsafe(32)
        now = timezone.now()
        link = cls(
            worksheet=worksheet,
            token_hash=hash_share_token(token),
            created=now,
            expires_at=now + lifetime,
        )
        link.full_clean()
        link.save()
        return link, token

    def clean(self) -> None:
        """An expiry between an hour and thirty days after the link is made."""
        if self.expires_at is None:
            return
        lifetime = self.expires_at - self.created
        if not SHARE_MIN_LIFETIME <= lifetime <= SHARE_MAX_LIFETIME:
            raise ValidationError(
                {"expires_at": "A share link lasts between one hour and thirty days."}
            )

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    def revoke(self) -> None:
        """Closes the link for good; its record stays so the owner sees it was shared."""
        if self.revoked_at is None:
            self.revoked_at = timezone.now()
            self.save(update_fields=["revoked_at"])


class ShareView(models.Model):
    """One opening of a share link: when, and nothing about who (no IP address)."""

    link = models.ForeignKey(
        ShareLink, on_delete=models.CASCADE, related_name="views", verbose_name=_("link")
    )
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("share view")
        verbose_name_plural = _("share views")
        ordering = ["-viewed_at"]

    def __str__(self) -> str:
        return f"Viewed {self.viewed_at:%Y-%m-%d %H:%M}"
