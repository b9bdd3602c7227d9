"""Proofs of attendance: a participant asks, a facilitator of the meeting confirms or declines.

What is kept is what the proof shows (the meeting's name, date, time and zone as they were, the
printed name, whom it is for, the confirming facilitator's first name) and who confirmed it. A
proof goes with its owner's account; a deleted meeting leaves confirmed proofs as they were.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Self

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from attendance import codes
from attendance.occurrences import day_in_words, held_occurrence
from meetings.models import Meeting
from meetings.schedule import Occurrence, format_clock, zone

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# A request nobody answered in this time lapses: it stays listed for its owner, as lapsed.
LAPSE_AFTER = datetime.timedelta(days=7)


class ProofError(Exception):
    """A confirmation, decline or revocation that cannot happen; the message says why."""


class ProofQuerySet(models.QuerySet):
    def owned_by(self, user: AbstractBaseUser | AnonymousUser) -> Self:
        if not user.is_authenticated:
            return self.none()
        return self.filter(user=user)

    def awaiting(self) -> Self:
        """Pending requests that have not lapsed yet."""
        return self.filter(
            status=Proof.Status.PENDING, requested_at__gt=timezone.now() - LAPSE_AFTER
        )

    def confirmed(self) -> Self:
        return self.filter(status=Proof.Status.CONFIRMED)

    def between(self, start: datetime.date | None, end: datetime.date | None) -> Self:
        """Proofs of meetings on dates in [start, end], either end open."""
        condition = Q()
        if start:
            condition &= Q(date__gte=start)
        if end:
            condition &= Q(date__lte=end)
        return self.filter(condition)

    def for_facilitator(self, user: User) -> Self:
        """Requests a user may answer: for meetings they may edit in the admin and also run (a
        coordinator attests only the meetings they facilitate), never their own."""
        run = Meeting.objects.editable_by(user).filter(facilitators=user).values("pk")
        return self.filter(meeting__in=run).exclude(user=user)

    def for_code(self, code: str) -> Self:
        return self.filter(code_hash=codes.hash_code(code))


class Proof(models.Model):
    """A participant's request for proof of one meeting date, and once confirmed the proof."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a facilitator")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        REVOKED = "revoked", _("Revoked")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="attendance_proofs",
        verbose_name=_("user"),
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        on_delete=models.SET_NULL,
        related_name="attendance_proofs",
        verbose_name=_("meeting"),
    )
    date = models.DateField(_("date"), help_text=_("The meeting's date, in its own time zone."))
    # The meeting as it was held that day, kept so the proof reads the same if it changes later.
    meeting_name = models.CharField(_("meeting name"), max_length=200)
    starts = models.DateTimeField(_("starts"))
    ends = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64)
    printed_name = models.CharField(_("printed name"), max_length=100)
    recipient = models.CharField(_("for"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("facilitator"),
    )
    facilitator_name = models.CharField(_("facilitator name"), max_length=150, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    code_salt = models.CharField(_("code salt"), max_length=32, blank=True)
    # NULL until confirmed: unique among the proofs that have a code, and found by it.
    code_hash = models.CharField(_("code hash"), max_length=64, null=True, unique=True)  # noqa: DJ001

    objects = ProofQuerySet.as_manager()

    class Meta:
        verbose_name = _("proof of attendance")
        verbose_name_plural = _("proofs of attendance")
        ordering = ["-date", "-starts"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "meeting", "date"], name="attendance_proof_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"Proof of attendance {self.pk}"

    def take_occurrence(self, occurrence: Occurrence) -> None:
        """Keep the meeting's facts as held that day."""
        meeting = occurrence.meeting
        self.meeting_name = meeting.name
        self.time_zone = meeting.timezone
        self.starts, self.ends = occurrence.starts, occurrence.ends

    @property
    def state(self) -> str:
        """The status, with a pending request past LAPSE_AFTER read as "lapsed"."""
        if self.status == self.Status.PENDING and self.requested_at <= timezone.now() - LAPSE_AFTER:
            return "lapsed"
        return self.status

    @property
    def state_label(self) -> str:
        if self.state == "lapsed":
            return gettext("Lapsed (not answered within 7 days)")
        return self.get_status_display()

    @property
    def is_valid(self) -> bool:
        return self.status == self.Status.CONFIRMED

    def facts(self) -> list[tuple[str, str]]:
        """What the proof attests, in the order its page, its PDF and /verify/ show them."""
        rows = [
            (gettext("Name"), self.printed_name),
            (gettext("Meeting"), self.meeting_name),
            (gettext("Date"), self.day()),
            (gettext("Time"), self.hours()),
        ]
        if self.code_hash:
            rows.append(
                (
                    gettext("Confirmed by"),
                    gettext("%(name)s, the meeting's facilitator")
                    % {"name": self.facilitator_name},
                )
            )
        return rows

    def day(self) -> str:
        return day_in_words(self.date)

    def hours(self) -> str:
        """ "7:00 PM to 8:30 PM CST (America/Chicago)", on the meeting's own clock."""
        here = zone(self.time_zone)
        starts, ends = self.starts.astimezone(here), self.ends.astimezone(here)
        named = starts.tzname()
        if named != self.time_zone:
            named = f"{named} ({self.time_zone})"
        # Translators: a meeting's hours on its own clock, e.g. "7:00 PM to 8:30 PM CST".
        return gettext("%(start)s to %(end)s %(zone)s") % {
            "start": format_clock(starts),
            "end": format_clock(ends),
            "zone": named,
        }

    def code(self) -> str | None:
        if not self.is_valid:
            return None
        return codes.recover(self.code_salt, self.code_hash)

    def confirm(self, facilitator: User) -> None:
        """Attest the meeting as held that day and give the proof its code; the facts are read
        again, so a date cancelled since the request cannot be confirmed."""
        self._check_pending()
        occurrence = held_occurrence(self.meeting, self.date) if self.meeting else None
        if occurrence is None:
            raise ProofError(
                gettext("There was no meeting on %(day)s, so it cannot be confirmed.")
                % {"day": self.day()}
            )
        if occurrence.starts > timezone.now():
            raise ProofError(
                gettext("The meeting on %(day)s has not started yet.") % {"day": self.day()}
            )
        self.take_occurrence(occurrence)
        self.code_salt = codes.new_salt()
        self.code_hash = codes.hash_code(codes.derive(self.code_salt))
        self._decide(self.Status.CONFIRMED, facilitator)

    def decline(self, facilitator: User) -> None:
        self._check_pending()
        self._decide(self.Status.DECLINED, facilitator)

    def revoke(self) -> None:
        """The owner withdraws it: its code then verifies as revoked, and it shows nothing."""
        if self.status not in (self.Status.PENDING, self.Status.CONFIRMED):
            raise ProofError(gettext("Only a waiting request or a confirmed proof can be revoked."))
        self.status = self.Status.REVOKED
        self.revoked_at = timezone.now()
        self.save(update_fields=["status", "revoked_at"])

    def _check_pending(self) -> None:
        if self.state != self.Status.PENDING:
            raise ProofError(
                {
                    self.Status.CONFIRMED: gettext("This request is confirmed already."),
                    self.Status.DECLINED: gettext("This request is declined already."),
                    self.Status.REVOKED: gettext("This request is revoked already."),
                    "lapsed": gettext("This request is lapsed already."),
                }[self.state]
            )

    def _decide(self, status: str, facilitator: User) -> None:
        self.status = status
        self.decided_at = timezone.now()
        self.facilitator = facilitator
        self.facilitator_name = facilitator.first_name or facilitator.get_username()
        self.save()
