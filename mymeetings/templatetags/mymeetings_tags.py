"""The star on meeting listings and the account page's calendar section.

The finder, the online schedule, the meeting page and the account page belong to apps that do
not know this one, so each includes a template of ours that loads its data here.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, pgettext

from meetings.models import Meeting
from mymeetings.models import CalendarFeed
from mymeetings.saved import saved_ids
from mymeetings.subscription import feed_urls

register = template.Library()


@register.simple_tag(takes_context=True)
def save_star(context: template.Context, meeting: Meeting) -> SafeString:
    """The star that saves ``meeting`` (a form that works without JavaScript), built here
    rather than in a template: a finder page lists 26 of them, and as a template they were a
    sixth of its rendering time.

    The star's id on the page allows for a meeting listed twice; one CSRF token serves every
    star (so a long listing compresses well); the page's first star brings the script.
    """
    request = context["request"]
    seen: dict[int, int] = request.__dict__.setdefault("_saved_star_count", {})
    seen[meeting.pk] = seen.get(meeting.pk, 0) + 1
    anchor = f"star-{meeting.slug}" + (f"-{seen[meeting.pk]}" if seen[meeting.pk] > 1 else "")
    script = ""
    if not hasattr(request, "_saved_star_csrf"):
        request._saved_star_csrf = get_token(request)
        script = format_html('<script src="{}" defer></script>', static("js/save_star.js"))
    saved = meeting.pk in saved_ids(request)
    name = conditional_escape(meeting.name)
    if saved:
        label = format_html(
            '<span aria-hidden="true">★</span> {}<span class="visually-hidden">: {}</span>',
            pgettext("a saved meeting", "Saved"),
            mark_safe(gettext("remove %(name)s from my meetings") % {"name": name}),
        )
    else:
        label = format_html(
            '<span aria-hidden="true">☆</span> {}<span class="visually-hidden"> {}</span>',
            pgettext("save a meeting", "Save"),
            mark_safe(gettext("%(name)s to my meetings") % {"name": name}),
        )
    return format_html(
        '{}<form method="post" action="{}" class="save-star d-inline-block" id="{}" '
        'data-name="{}"><input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="next" value="{}"><input type="hidden" name="anchor" '
        'value="{}"><input type="hidden" name="saved" value="{}"><button type="submit" '
        'class="btn btn-sm {}">{}</button></form>',
        script,
        reverse("mymeetings:save", args=[meeting.slug]),
        anchor,
        meeting.name,
        request._saved_star_csrf,
        request.path,
        anchor,
        "0" if saved else "1",
        "btn-primary" if saved else "btn-outline-primary",
        label,
    )


@register.simple_tag(takes_context=True)
def calendar_subscription(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    subscription = CalendarFeed.objects.filter(user=request.user).first()
    return {
        "subscription": subscription,
        "urls": feed_urls(request, subscription) if subscription else None,
    }
