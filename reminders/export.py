"""A participant's reminder settings and recent reminders as plain data, for the export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from reminders.models import Delivery, ReminderSettings


def reminders_data(user: AbstractBaseUser) -> dict[str, Any] | None:
    choices = ReminderSettings.objects.filter(user=user).first()
    if choices is None:
        return None
    deliveries = Delivery.objects.filter(user=user).select_related("meeting").order_by("occurs_at")
    return {
        "before_meetings": choices.before_meetings,
        "minutes_before": choices.lead_minutes,
        "review_dates": choices.review_dates,
        "weekly_checkin": choices.weekly_checkin,
        "checkin_day": choices.get_checkin_day_display(),
        "subject": choices.get_subject_display(),
        "time_zone": choices.zone,
        "language": choices.language,
        "recent": [
            {
                "kind": delivery.get_kind_display(),
                "meeting": delivery.meeting.name if delivery.meeting else None,
                "for": delivery.occurs_at.isoformat(),
                "sent_at": delivery.sent_at.isoformat() if delivery.sent_at else None,
                "not_sent_because": delivery.dropped or None,
            }
            for delivery in deliveries
        ],
    }
