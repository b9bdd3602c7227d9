"""Reminder emails a participant turned on, and the record that sends each one once.

What is kept: the settings below, and for each reminder due a ``Delivery`` row (whom, which
kind, which meeting and when), deleted a month after. Review reminders keep no copy of the
worksheet's dates: the worker reads them, decrypted, on the day (``reminders.planning``).
"""

from __future__ import annotations

import datetime
from typing import Self

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from meetings.models import Meeting, Weekday, validate_timezone


class Subject(models.TextChoices):
    """Subject lines that say nothing about recovery to whoever sees the inbox."""

    REMINDER = "reminder", _("Your reminder")
    CALENDAR = "calendar", _("A note from your calendar")
    NOTE = "note", _("A quick note")
    TODAY = "today", _("Something for today")


LEAD_TIMES = [
    (15, _("15 minutes before")),
    (30, _("30 minutes before")),
    (60, _("1 hour before")),
    (120, _("2 hours before")),
    (180, _("3 hours before")),
]


class ReminderSettings(models.Model):
    """A participant's reminder emails: each kind off until they turn it on."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reminder_settings",
        verbose_name=_("user"),
    )
    before_meetings = models.BooleanField(_("Before each meeting I saved"), default=False)
    lead_minutes = models.PositiveSmallIntegerField(
        _("How long before"), choices=LEAD_TIMES, default=60
    )
    review_dates = models.BooleanField(
        _("On a date I set in a Change Plan or Goal setting worksheet"), default=False
    )
    weekly_checkin = models.BooleanField(_("A weekly check-in"), default=False)
    checkin_day = models.PositiveSmallIntegerField(
        _("On"), choices=Weekday.choices, default=Weekday.MONDAY
    )
    subject = models.CharField(
        _("Subject line"), max_length=16, choices=Subject.choices, default=Subject.REMINDER
    )
    zone = models.CharField(
        _("My time zone"), max_length=64, default="UTC", validators=[validate_timezone]
    )
    # The language of the page the participant saved these on: a worker, with no request to
    # read it from, writes their reminders in it.
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        editable=False,
    )
    # The participant's local date on which the worker last read their worksheets' dates.
    reviews_read_on = models.DateField(_("reviews read on"), null=True, blank=True, editable=False)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("reminder settings")
        verbose_name_plural = _("reminder settings")

    def __str__(self) -> str:
        return f"Reminder settings of {self.user_id}"

    @property
    def any_on(self) -> bool:
        return self.before_meetings or self.review_dates or self.weekly_checkin

    def allows(self, kind: str) -> bool:
        return {
            Delivery.Kind.MEETING: self.before_meetings,
            Delivery.Kind.REVIEW: self.review_dates,
            Delivery.Kind.CHECKIN: self.weekly_checkin,
        }[kind]

    def turn_off(self) -> None:
        """Every kind off (the one-click unsubscribe); the other choices stay for next time."""
        self.before_meetings = self.review_dates = self.weekly_checkin = False
        self.save(update_fields=["before_meetings", "review_dates", "weekly_checkin", "updated"])


class DeliveryQuerySet(models.QuerySet):
    def due(self, now: datetime.datetime) -> Self:
        return self.filter(sent_at__isnull=True, dropped="", due_at__lte=now)


class Delivery(models.Model):
    """One reminder email for one occurrence, made when it falls due and sent at most once.

    The unique constraint lets every sweep (on any worker) plan the same reminder without a
    second row; the sender holds the row locked while it sends and marks it sent in the same
    transaction, so a worker killed mid-send leaves it unsent and unlocked for the next sweep.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Before a saved meeting")
        REVIEW = "review", _("A review date")
        CHECKIN = "checkin", _("Weekly check-in")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("meeting"),
    )
    # The meeting's start, or the moment a date's reminder is for (9:00 in the participant's zone).
    occurs_at = models.DateTimeField(_("occurs at"))
    # When to send it: a failed send moves it on a little.
    due_at = models.DateTimeField(_("due at"))
    # Past this it is no use (the meeting has started, the day is over): it is dropped unsent.
    expires_at = models.DateTimeField(_("expires at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    dropped = models.CharField(
        _("dropped"), max_length=40, blank=True, help_text=_("Why it was not sent.")
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "meeting", "occurs_at"],
                name="delivery_once",
                nulls_distinct=False,
            )
        ]
        indexes = [
            models.Index(
                fields=["due_at"],
                name="delivery_waiting",
                condition=Q(sent_at__isnull=True, dropped=""),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.user_id} at {self.occurs_at:%Y-%m-%d %H:%M}"


class SweepSchedule(models.Model):
    """One row: the queued sweep that comes next, so that one chain of sweeps runs."""

    task_id = models.CharField(_("task id"), max_length=64, blank=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("sweep schedule")
        verbose_name_plural = _("sweep schedules")

    def __str__(self) -> str:
        return f"Next sweep {self.task_id or 'not queued'}"
