"""Filters for the toolbox's pages."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def slash_breaks(text: str) -> SafeString:
    """The text, escaped, with a line-break opportunity after each slash: a heading such as
    "Determination/Preparation" then wraps after its slash on a phone, not inside a word."""
    return mark_safe(conditional_escape(text).replace("/", "/<wbr>"))
