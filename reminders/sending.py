"""Sending due reminders exactly once, whatever the number of workers.

Each send happens inside a transaction that holds the delivery's row with ``SELECT ... FOR UPDATE
SKIP LOCKED`` and marks it sent before committing: a second worker skips a row being sent and
finds it sent afterwards. A worker killed mid-send never commits; PostgreSQL ends its session
(the connection closes, or at the latest ``idle_in_transaction_session_timeout`` set here), the
lock goes with it and the next sweep, on any worker, sends the reminder. The one gap left is a
crash after the mail server took the message and before the commit: that reminder goes twice.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django.db import connection, transaction

from meetings.schedule import held_on, zone
from mymeetings.models import SavedMeeting
from reminders.emails import reminder_email
from reminders.models import Delivery, ReminderSettings

logger = logging.getLogger(__name__)

# A failed send is tried again this much later, this many times in all, while still of use.
RETRY_AFTER = datetime.timedelta(minutes=5)
MOST_ATTEMPTS = 5
# A session left holding a claim (its worker's machine gone) is ended by the server after this.
CLAIM_TIMEOUT = "2min"


def send_due(now: datetime.datetime) -> int:
    """Send every reminder due at ``now`` that no other worker is sending; how many were sent."""
    sent = 0
    while (outcome := send_next(now)) is not None:
        sent += outcome
    return sent


def send_next(now: datetime.datetime) -> bool | None:
    """Claim one due reminder and send it (True), or drop it (False); None when none is left."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL idle_in_transaction_session_timeout = '{CLAIM_TIMEOUT}'")
        delivery = (
            Delivery.objects.due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user", "meeting")
            .order_by("due_at")
            .first()
        )
        if delivery is None:
            return None
        choices = ReminderSettings.objects.filter(user=delivery.user_id).first()
        if reason := obstacle(delivery, choices, now):
            delivery.dropped = reason
            delivery.save(update_fields=["dropped"])
            return False
        try:
            reminder_email(delivery, choices).send()
        except (OSError, smtplib.SMTPException):
            retry(delivery, now)
            return False
        delivery.sent_at = now
        delivery.attempts += 1
        delivery.save(update_fields=["sent_at", "attempts"])
        return True


def retry(delivery: Delivery, now: datetime.datetime) -> None:
    # Logged by id only: never the address or what the email says.
    logger.warning("Reminder %s could not be sent (attempt %s)", delivery.pk, delivery.attempts + 1)
    delivery.attempts += 1
    delivery.due_at = now + RETRY_AFTER
    if delivery.attempts >= MOST_ATTEMPTS:
        delivery.dropped = "could not be sent"
    delivery.save(update_fields=["attempts", "due_at", "dropped"])


def obstacle(delivery: Delivery, choices: ReminderSettings | None, now: datetime.datetime) -> str:
    """Why this reminder should not go now (it is too late, turned off, or its meeting is not
    held then any more), or "" when it should."""
    user = delivery.user
    if now >= delivery.expires_at:
        return "too late"
    if choices is None or not choices.allows(delivery.kind):
        return "turned off"
    if not user.is_active or not user.email:
        return "no address"
    if delivery.kind == Delivery.Kind.MEETING and not still_held(delivery):
        return "meeting changed"
    return ""


def still_held(delivery: Delivery) -> bool:
    """Whether the saved meeting is still held at the start the reminder names."""
    meeting = delivery.meeting
    if not (meeting.is_public and meeting.is_active):
        return False
    if not SavedMeeting.objects.filter(user=delivery.user_id, meeting=meeting).exists():
        return False
    day = delivery.occurs_at.astimezone(zone(meeting.timezone)).date()
    held = held_on(meeting, day)
    return held is not None and held.starts == delivery.occurs_at
