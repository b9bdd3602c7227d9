from __future__ import annotations

from django import template

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
