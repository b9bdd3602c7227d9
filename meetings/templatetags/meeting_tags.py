from __future__ import annotations

from django import template
from django.core.cache import caches
from django.template.defaultfilters import floatformat
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString
from django.utils.translation import get_language, gettext

from meetings.models import DirectoryVersion, Meeting
from meetings.search import Result, directory_version
from meetings.types import type_help as help_for_type
from meetings.types import type_name as name_of_type

register = template.Library()


@register.filter
def type_name(code: str) -> str:
    """A type code's readable name: "W" → "Women"."""
    return name_of_type(code)


@register.filter
def type_help(code: str) -> str:
    """What a type means for someone deciding whether to go."""
    return help_for_type(code)


# Long enough to outlive a burst of searches; any change to the directory starts new keys.
CARD_CACHED_FOR = 24 * 60 * 60


@register.simple_tag(takes_context=True)
def meeting_card(context: template.Context, meeting: Meeting) -> SafeString:
    """A listed meeting's name, place, kinds and directions, which are the same in every
    search: rendered once per meeting, language and directory version, and kept.

    About half of a finder page's rendering was these 26 cards. What differs per search (the
    next date in the reader's clock, the distance) and per visitor (the star) stays outside.
    The directory version (bumped by every edit, import and seeding) is read once a request.
    """
    request = context.get("request")
    version = directory_version(request) if request else DirectoryVersion.current()
    key = f"meeting-card:{meeting.pk}:{version}:{get_language()}"
    fragments = caches["fragments"]
    markup = fragments.get(key)
    if markup is None:
        markup = render_to_string("meetings/includes/result_body.html", {"meeting": meeting})
        fragments.set(key, markup, CARD_CACHED_FOR)
    return SafeString(markup)


@register.simple_tag
def meeting_when(result: Result, unit: str) -> SafeString:
    """ "Tue 1 Dec, 7:00 PM · 9.6 mi": a listed meeting's next start (or that it is on now) and
    its distance, the part of a result card that differs in every search. Built here rather
    than in the card's template: a finder page has 26 of them."""
    if result.in_progress:
        when = f'<strong class="live-now">{escape(gettext("In progress now"))}</strong>'
    else:
        starts = result.upcoming.starts
        when = f'<time datetime="{starts.isoformat()}">{escape(result.next_date)}</time>'
    if result.distance is not None:
        distance = floatformat(result.distance, 1)
        when += f' <span class="distance">· {escape(distance)} {escape(unit)}</span>'
    return SafeString(f'<p class="meeting-when">{when}</p>')
