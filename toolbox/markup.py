"""Markdown written by editors, turned into HTML that is safe to show as it is.

Rendering happens once, when an object is saved (in the admin, or by ``manage.py load_toolbox``
from the files in toolbox/content/), never per request. The data migration carries HTML rendered
when it was written, so changing the rules here changes no migration.

Editors are trusted, but an account can be taken over and text can be pasted from anywhere, so
the HTML is cleaned with nh3 to a short list of tags: no scripts, styles, event handlers or
``javascript:`` links, which the site's Content-Security-Policy would block anyway.
"""

from __future__ import annotations

import html

import markdown
import nh3

# Headings start at level 2: each page's own title is its only <h1>.
ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
URL_SCHEMES = {"http", "https", "mailto"}


def render(source: str) -> str:
    """Return sanitised HTML for a Markdown ``source``."""
    converted = markdown.markdown(source, extensions=["sane_lists", "smarty"])
    return nh3.clean(
        converted,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(*sources: str) -> str:
    """Return the words of HTML fragments without markup, for search and snippets.

    Plain text must be escaped before it is passed in, or anything in it that looks like a tag
    is lost.
    """
    texts = (html.unescape(nh3.clean(source, tags=set())) for source in sources if source)
    return "\n\n".join(" ".join(text.split()) for text in texts)
