"""What the service worker may keep for offline use, and the version that makes a deploy renew it.

The allow-list is the whole policy: the worker stores only these public pages (fetched without
cookies, so never a signed-in body) and these static files, and leaves every other request to
the network. Nothing private (worksheets, accounts, the admin) can be cached because nothing
else is listed.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

# Named routes of the public pages that work offline once visited.
PAGES = ("sos", "sos_numbers", "web_manifest")
# Of those, the ones a visitor reads in their language.
LANGUAGE_PAGES = ("sos", "sos_numbers")
# The templates of the stored pages. Everything they extend or include is followed from here,
# and every static file they name ({% static '...' %}) is stored, so a change to base.html or
# the header needs no change here.
PAGE_TEMPLATES = ("pages/sos.html", "pages/sos_numbers.html")
# Static files the pages load without naming them in a template: the fonts site.css asks for
# and the app's icons (the manifest's).
OTHER_STATIC_FILES = (
    "vendor/figtree/figtree-latin-wght-normal.woff2",
    "vendor/figtree/figtree-latin-ext-wght-normal.woff2",
    "icons/sos-icon.svg",
    "icons/sos-192.png",
    "icons/sos-512.png",
    "icons/sos-maskable-512.png",
)
STATIC_TAG = re.compile(r"""{%\s*static\s+["']([^"']+)["']\s*%}""")
TEMPLATE_TAG = re.compile(r"""{%\s*(?:extends|include)\s+["']([^"']+)["']""")


def template_sources() -> dict[str, str]:
    """The stored pages' templates and every template they extend or include, by name."""
    sources: dict[str, str] = {}
    waiting = list(PAGE_TEMPLATES)
    while waiting:
        name = waiting.pop()
        if name in sources:
            continue
        sources[name] = Path(get_template(name).origin.name).read_text(encoding="utf-8")
        waiting.extend(TEMPLATE_TAG.findall(sources[name]))
    return sources


def static_files() -> list[str]:
    """Exactly the static files the stored pages use, those named in their templates first.
    One missing from this checkout is left out rather than failing the worker's install."""
    named = [path for source in template_sources().values() for path in STATIC_TAG.findall(source)]
    wanted = dict.fromkeys([*named, *OTHER_STATIC_FILES])
    return [path for path in wanted if finders.find(path) is not None]


def page_urls() -> list[str]:
    """The pages in the site's default language, at their unprefixed addresses: stored when the
    worker installs."""
    with translation.override(settings.LANGUAGE_CODE):
        return [reverse(name) for name in PAGES]


def other_language_page_urls() -> list[str]:
    """The urge page and the numbers in every other language (/es/sos/, ...): stored when a
    visitor opens one, so the language they read works offline too."""
    urls = []
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            with translation.override(code):
                urls += [reverse(name) for name in LANGUAGE_PAGES]
    return urls


def worker_url() -> str:
    """One worker for the whole site, whatever the language of the page that registers it."""
    with translation.override(settings.LANGUAGE_CODE):
        return reverse("service_worker")


def sign_out_urls() -> list[str]:
    """The sign-out's address in every language: the worker empties its cache on any of them."""
    urls = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls.add(reverse("logout"))
    return sorted(urls)


def static_urls() -> list[str]:
    return [static(path) for path in static_files()]


def precache_urls() -> list[str]:
    return page_urls() + static_urls()


def _contents() -> list[bytes]:
    from pages import crisis_lines

    blobs = []
    for path in static_files():
        with open(finders.find(path), "rb") as file:
            blobs.append(file.read())
    blobs.extend(source.encode() for source in template_sources().values())
    blobs.append(Path(get_template("pages/service_worker.js").origin.name).read_bytes())
    blobs.append(crisis_lines.DATA_FILE.read_bytes())
    return blobs


def _digest() -> str:
    digest = hashlib.sha256()
    for blob in _contents():
        digest.update(hashlib.sha256(blob).digest())
    return digest.hexdigest()[:16]


_cached_digest = cache(_digest)


def version() -> str:
    """A hash of every cached file's contents: a deploy that changes any of them changes the
    worker's script, so browsers install it and replace what they stored. Worked out once per
    process in production, on every request in development (files change under runserver)."""
    return _digest() if settings.DEBUG else _cached_digest()
