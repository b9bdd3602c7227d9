"""Toolbox pages in the visitor's language, where a translation has been written.

``localize`` puts a page's translated words on its row for the page being shown (one query per
kind of page, whatever the number of rows), and marks each row with the language its words are
in, so that a page still in English can say so and link to the languages that have it. The rows
are shown, never saved: the English stays the database's.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.urls import translate_url
from django.utils.translation import get_language, override

from toolbox.models import Guide, PageTranslation, Point, Stage, Tool

KIND_OF: dict[type[models.Model], str] = {
    Point: PageTranslation.Kind.POINT,
    Stage: PageTranslation.Kind.STAGE,
    Tool: PageTranslation.Kind.TOOL,
    Guide: PageTranslation.Kind.GUIDE,
}


# A link to one of our pages in rendered Markdown (an English page's HTML links to English pages).
SITE_LINK = re.compile(r'href="(/[^"]*)"')


def page_language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def localize[Page: models.Model](pages: Iterable[Page]) -> list[Page]:
    """The pages with their words in the page's language where translated (``words_language``
    says which language each one's words are in)."""
    pages = list(pages)
    language = page_language()
    for page in pages:
        page.words_language = settings.LANGUAGE_CODE
    if language == settings.LANGUAGE_CODE or not pages:
        return pages
    by_kind: dict[str, dict[str, list[Page]]] = {}
    for page in pages:
        by_kind.setdefault(KIND_OF[type(page)], {}).setdefault(page.slug, []).append(page)
    for kind, slugs in by_kind.items():
        for row in PageTranslation.objects.filter(language=language, kind=kind, slug__in=slugs):
            for page in slugs[row.slug]:
                page.title = row.title
                page.summary = row.summary
                for name, value in row.texts.items():
                    setattr(page, name, value)
                page.words_language = language
    for page in pages:
        if page.words_language != language:
            links_to_language(page, language)
    return pages


def links_to_language(page: models.Model, language: str) -> None:
    """Point the links in a page's English HTML at the pages in ``language``: a visitor reading
    the English words on a German page stays on German pages when they follow a link. Fields
    a list left unread (``only()``) are left so, rather than read one query a page."""
    deferred = page.get_deferred_fields()
    for field in page._meta.fields:
        if field.name.endswith("_html") and field.attname not in deferred:
            html = getattr(page, field.attname)
            linked = SITE_LINK.sub(lambda link: f'href="{in_language(link[1], language)}"', html)
            setattr(page, field.attname, linked)


@functools.lru_cache(maxsize=1024)
def in_language(path: str, language: str) -> str:
    """An English address of ours as it is in ``language`` (any other address as it is)."""
    # English addresses resolve only while English is active (it has no prefix).
    with override(settings.LANGUAGE_CODE):
        return translate_url(path, language)


def languages_with(page: models.Model) -> list[tuple[str, str]]:
    """(code, name) of every language this page's words are written in, English first."""
    written = set(
        PageTranslation.objects.filter(kind=KIND_OF[type(page)], slug=page.slug).values_list(
            "language", flat=True
        )
    )
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code == settings.LANGUAGE_CODE or code in written
    ]
