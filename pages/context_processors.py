"""Template context every page shares."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from pages import crisis_lines


def crisis_line(request: HttpRequest) -> dict:
    """The visitor's country's crisis lines for the footer (None when unknown or unchecked),
    worked out only if a template asks: no table is read."""
    return {
        "crisis_country": SimpleLazyObject(
            lambda: crisis_lines.for_country(crisis_lines.visitor_country(request))
        ),
        "helpline_directory": crisis_lines.DIRECTORY_URL,
    }
