"""The star on meeting listings and the account page's calendar section.

The finder, the online schedule, the meeting page and the account page belong to apps that do
not know this one: their templates load these tags, and no Python of theirs imports ours.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, pgettext

from meetings.models import Meeting
from mymeetings.models import CalendarFeed
from mymeetings.saved import saved_ids
from mymeetings.subscription import feed_urls

register = template.Library()


@dataclass
class PageStars:
    """What every star on a page shares, worked out at its first star: the CSRF token (one for
    every star, so a long listing compresses well), the form's address, the words."""

    saved_ids: frozenset[int]
    hidden_fields: str
    action: str
    words: dict[bool, tuple[str, str]]
    script: str
    anchors: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, request: HttpRequest) -> PageStars:
        # Any slug will do: the address is the same around it.
        action = reverse("mymeetings:save", args=[SLUG_MARK]).replace(SLUG_MARK, "{slug}")
        return cls(
            saved_ids=saved_ids(request),
            hidden_fields=format_html(
                '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
                '<input type="hidden" name="next" value="{}">',
                get_token(request),
                request.path,
            ),
            action=action,
            words={
                True: (
                    pgettext("a saved meeting", "Saved"),
                    gettext("remove %(name)s from my meetings"),
                ),
                False: (pgettext("save a meeting", "Save"), gettext("%(name)s to my meetings")),
            },
            script=format_html('<script src="{}" defer></script>', static("js/save_star.js")),
        )


SLUG_MARK = "slug-mark"


@register.simple_tag(takes_context=True)
def save_star(context: template.Context, meeting: Meeting) -> SafeString:
    """The star that saves ``meeting``: a form that works without JavaScript, which the page's
    first star brings. Built here rather than in a template, from what the page's stars share:
    a finder page lists 26 of them, and as a template they took a sixth of its rendering.

    A meeting listed twice gets a second id for its star.
    """
    request = context["request"]
    first = not hasattr(request, "_page_stars")
    if first:
        request._page_stars = PageStars.of(request)
    stars: PageStars = request._page_stars
    count = stars.anchors[meeting.pk] = stars.anchors.get(meeting.pk, 0) + 1
    anchor = f"star-{meeting.slug}" + (f"-{count}" if count > 1 else "")
    saved = meeting.pk in stars.saved_ids
    name = escape(meeting.name)
    word, sentence = stars.words[saved]
    button = "btn-primary" if saved else "btn-outline-primary"
    label = (
        f'<span aria-hidden="true">★</span> {escape(word)}<span class="visually-hidden">: '
        if saved
        else f'<span aria-hidden="true">☆</span> {escape(word)}<span class="visually-hidden"> '
    )
    return SafeString(
        f"{stars.script if first else ''}"
        f'<form method="post" action="{stars.action.format(slug=meeting.slug)}" '
        f'class="save-star d-inline-block" id="{anchor}" data-name="{name}">'
        f'{stars.hidden_fields}<input type="hidden" name="anchor" value="{anchor}">'
        f'<input type="hidden" name="saved" value="{0 if saved else 1}">'
        f'<button type="submit" class="btn btn-sm {button}">'
        f"{label}{sentence % {'name': name}}</span></button></form>"
    )


@register.simple_tag(takes_context=True)
def calendar_subscription(context: template.Context) -> dict[str, Any]:
    request = context["request"]
    subscription = CalendarFeed.objects.filter(user=request.user).first()
    return {
        "subscription": subscription,
        "urls": feed_urls(request, subscription) if subscription else None,
    }
