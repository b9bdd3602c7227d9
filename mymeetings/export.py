"""A participant's saved meetings and calendar subscription as plain data, for the export."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser

from mymeetings.models import CalendarFeed, SavedMeeting


def my_meetings_data(user: AbstractBaseUser) -> dict[str, Any]:
    """The subscription's date only: its address is a secret the account page shows."""
    saved = SavedMeeting.objects.filter(user=user).select_related("meeting")
    subscription = CalendarFeed.objects.filter(user=user).first()
    return {
        "saved_meetings": [
            {
                "meeting": row.meeting.name,
                "address": f"/meetings/{row.meeting.slug}/",
                "saved_at": row.created.isoformat(),
            }
            for row in saved
        ],
        "calendar_subscription": (
            {"made_at": subscription.created.isoformat()} if subscription else None
        ),
    }
