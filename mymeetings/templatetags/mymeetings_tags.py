"""The star on meeting listings and the account page's calendar section.

The finder, the online schedule, the meeting page and the account page belong to apps that do
not know this one, so each includes a template of ours that loads its data here.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token

from meetings.models import Meeting
from mymeetings.models import CalendarFeed
from mymeetings.saved import saved_ids
from mymeetings.subscription import feed_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def saved_star(context: template.Context, meeting: Meeting) -> dict[str, Any]:
    """Whether ``meeting`` is saved, the star's id on the page (a meeting may be listed twice),
    the page's CSRF token (one for every star, so a long listing compresses well) and whether
    this is the page's first star (which brings the script)."""
    request = context["request"]
    seen: dict[int, int] = request.__dict__.setdefault("_saved_star_count", {})
    seen[meeting.pk] = seen.get(meeting.pk, 0) + 1
    anchor = f"star-{meeting.slug}" + (f"-{seen[meeting.pk]}" if seen[meeting.pk] > 1 else "")
    first = not hasattr(request, "_saved_star_csrf")
    if first:
        request._saved_star_csrf = get_token(request)
    return {
        "saved": meeting.pk in saved_ids(request),
        "anchor": anchor,
        "csrf": request._saved_star_csrf,
        "first": first,
    }


@register.simple_tag(takes_context=True)
def calendar_subscription(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    subscription = CalendarFeed.objects.filter(user=request.user).first()
    return {
        "subscription": subscription,
        "urls": feed_urls(request, subscription) if subscription else None,
    }
