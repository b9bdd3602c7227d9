"""The page's language, the picker's links, the offer to switch and the hreflang alternates.

A page's language is its URL's prefix and nothing else (English has none, DESIGN.md): the
middleware never reads the browser's preference or a cookie for it, so a link or a cached page
always shows the same language. The browser's preference only makes the offer line ("Esta
página está disponible en español"), and the picker's choice, kept in a cookie, only stops that
offer from showing again. Every prefixed URL is the English path behind ``/<code>``, so moving a
page between languages is a matter of swapping the prefix.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, cached_property
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation.trans_real import parse_accept_lang_header
from django.views.decorators.http import require_GET

# Longer Accept-Language headers are cut before parsing, as Django itself does.
MAX_ACCEPT_LANGUAGE = 500


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    url: str
    current: bool


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def names() -> dict[str, str]:
    return dict(settings.LANGUAGES)


def split_path(path: str) -> tuple[str, str]:
    """The language of a path and its English path: ``/es/meetings/`` -> ``es``, ``/meetings/``."""
    first = path.split("/", 2)[1] if path.startswith("/") else ""
    if first in codes() and first != settings.LANGUAGE_CODE:
        return first, path[len(first) + 1 :] or "/"
    return settings.LANGUAGE_CODE, path


def path_in(language: str, english_path: str) -> str:
    """The same page in another language: English unprefixed, the others under /<code>."""
    if language == settings.LANGUAGE_CODE:
        return english_path
    return f"/{language}{english_path}"


def is_translated(english_path: str) -> bool:
    """Whether a page exists in every language (the feed, the API, the admin do not)."""
    other = next(code for code in codes() if code != settings.LANGUAGE_CODE)
    with translation.override(other):
        try:
            resolve(path_in(other, english_path))
        except Resolver404:
            return False
    return True


def preferred_language(request: HttpRequest) -> str | None:
    """The first language of the browser's preference that the site has, if any."""
    header = request.headers.get("Accept-Language", "")[:MAX_ACCEPT_LANGUAGE]
    for tag, _quality in parse_accept_lang_header(header):
        if tag == "*":
            continue
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return None


class PageLanguages:
    """What base.html needs about the page's languages, worked out only when a template asks."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.language, self.english_path = split_path(request.path)

    @cached_property
    def translated(self) -> bool:
        return is_translated(self.english_path)

    @cached_property
    def picker(self) -> list[Language]:
        """One link per language: the switch view remembers the choice, then shows this page
        in it (or the home page, where this page exists in one language only). The query is
        left out: it would repeat whatever was typed into it in every link of every page."""
        page = self.english_path
        return [
            Language(
                code=code,
                name=name,
                url=f"{reverse('language_switch', args=[code])}?{urlencode({'next': page})}",
                current=code == self.language,
            )
            for code, name in settings.LANGUAGES
        ]

    @cached_property
    def current(self) -> Language:
        """The picker's link for the page's own language: following it from the offer line
        says "no thanks", and the offer is not shown again."""
        return next(link for link in self.picker if link.current)

    @cached_property
    def alternates(self) -> list[Language]:
        """This page in every language, for ``<link rel="alternate" hreflang>`` (absolute)."""
        if not self.translated:
            return []
        base = f"{self.request.scheme}://{self.request.get_host()}"
        return [
            Language(code, name, base + path_in(code, self.english_path), code == self.language)
            for code, name in settings.LANGUAGES
        ]

    @cached_property
    def x_default(self) -> str:
        return f"{self.request.scheme}://{self.request.get_host()}{self.english_path}"

    @cached_property
    def offer(self) -> Language | None:
        """The language to offer in one line, never by a redirect: the browser prefers it, this
        page is in another, and the visitor has not chosen one in the picker."""
        if settings.LANGUAGE_COOKIE_NAME in self.request.COOKIES or not self.translated:
            return None
        wanted = preferred_language(self.request)
        if wanted is None or wanted == self.language:
            return None
        return next(link for link in self.picker if link.code == wanted)

    @cached_property
    def time_words(self) -> dict[str, str]:
        """The words static/js/local_times.js writes times with on a page not in English: the
        language's short weekdays (Sunday first, as JavaScript counts) and months from CLDR, its
        "Today" and "Tomorrow", and whether its clock pads the hour ("09:30" or "9:30")."""
        from babel.dates import get_day_names, get_month_names, get_time_format

        from smartrecovery import dates

        locale = dates.babel_locale(dates.language())
        days = get_day_names("abbreviated", locale=locale)  # Monday is 0.
        months = get_month_names("abbreviated", locale=locale)
        return {
            "days": ",".join(dates.capitalised(days[(day + 6) % 7]) for day in range(7)),
            "months": ",".join(months[month] for month in range(1, 13)),
            "today": gettext("Today"),
            "tomorrow": gettext("Tomorrow"),
            "note": gettext("Times are in your time zone."),
            "pad": "1" if get_time_format("short", locale=locale).pattern.startswith("HH") else "",
        }


def context(request: HttpRequest) -> dict:
    """``page_languages`` for every template: the picker, the offer and the alternates."""
    return {"page_languages": PageLanguages(request)}


def follows_choice(path: str) -> bool:
    """Whether a page of one address shows in the language chosen in the picker."""
    return path.startswith(choice_following_prefixes())


@cache
def choice_following_prefixes() -> tuple[str, ...]:
    """The admin's and /verify/'s addresses, worked out once rather than on every request."""
    return (reverse("admin:index"), "/verify/")


def admin_in_chosen_language(get_response):
    """Show the admin and /verify/ in the language the visitor chose in the picker.

    They have one unprefixed address in every language (DESIGN.md), which LocaleMiddleware,
    above this, always shows in English: a facilitator who picked Spanish gets the admin in
    Spanish, and someone checking a proof gets the page in the language they chose.
    """

    def middleware(request: HttpRequest):
        if not follows_choice(request.path_info):
            return get_response(request)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in codes():
            translation.activate(chosen)
            request.LANGUAGE_CODE = chosen
        response = get_response(request)
        # The same address reads differently with another choice: no cache may share it.
        patch_vary_headers(response, ("Cookie",))
        return response

    return middleware


@require_GET
def switch(request: HttpRequest, code: str) -> HttpResponseRedirect:
    """Remember the visitor's choice and show the page they were on in that language.

    A plain link (no JavaScript, no form), outside the language prefixes so that it is the same
    address from every page. ``next`` must be a path on this site.
    """
    if code not in codes():
        raise Http404("We do not have the site in that language.")
    wanted = request.GET.get("next", "/")
    if not wanted.startswith("/") or not url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        wanted = "/"
    path, _, query = wanted.partition("?")
    english_path = split_path(path)[1]
    if is_translated(english_path):
        target = path_in(code, english_path)
    elif follows_choice(english_path):
        # Its one address reads in the new choice: back to it.
        target = english_path
    else:
        target = path_in(code, "/")
    response = HttpResponseRedirect(target + (f"?{query}" if query else ""))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
