"""The reminder email: the subject the participant chose, no worksheet content, a way out.

Every email carries an unsubscribe link that works without signing in, and the
List-Unsubscribe headers (RFC 2369, with RFC 8058's one-click POST) that mail apps offer as
their own "unsubscribe" button. It is written in the language the participant saved their
settings in, links included: a worker sends it, with no request to take a language from.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from meetings.schedule import format_clock, zone
from reminders.models import Delivery, ReminderSettings, Subject
from reminders.unsubscribe import make_token
from smartrecovery import dates


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reminder_email(delivery: Delivery, choices: ReminderSettings) -> EmailMessage:
    with translation.override(choices.language or settings.LANGUAGE_CODE):
        unsubscribe = site_url(reverse("reminders:off", args=[make_token(delivery.user_id)]))
        local = delivery.occurs_at.astimezone(zone(choices.zone))
        context = {
            "delivery": delivery,
            # Translators: when a meeting starts, e.g. "Wednesday 4 March, 7:00 PM".
            "when": gettext("%(date)s, %(time)s")
            % {"date": dates.weekday_and_date(local), "time": format_clock(local)},
            "zone": choices.zone,
            "meeting_url": site_url(reverse("meetings:detail", args=[delivery.meeting.slug]))
            if delivery.meeting
            else "",
            "worksheets_url": site_url(reverse("worksheets:list")),
            "checkin_url": site_url(reverse("checkin:form")),
            "settings_url": site_url(reverse("account") + "#reminders"),
            "unsubscribe_url": unsubscribe,
        }
        subject = str(Subject(choices.subject).label)
        body = render_to_string("reminders/reminder_email.txt", context)
    return EmailMessage(
        subject=subject,
        body=body,
        to=[delivery.user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
