"""What the service worker may keep for offline use, and the version that makes a deploy renew it.

The allow-list is the whole policy: the worker stores only these public pages (fetched without
cookies, so never a signed-in body) and these static files, and leaves every other request to
the network. Nothing private (worksheets, accounts, the admin) can be cached because nothing
else is listed.
"""

from __future__ import annotations

import hashlib
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

# Named routes of the public pages that work offline once visited.
PAGES = ("sos", "sos_numbers", "web_manifest")
# Exactly the static files those pages use (base.html's and their own); one missing from this
# checkout is left out rather than failing the worker's install (tests/pages/test_sos.py checks
# that every file the pages link is listed).
STATIC_FILES = (
    "vendor/bootstrap/bootstrap.min.css",
    "js/nav.js",
    "js/local_times.js",
    "vendor/figtree/figtree-latin-wght-normal.woff2",
    "vendor/figtree/figtree-latin-ext-wght-normal.woff2",
    "css/site.css",
    "sos/sos.css",
    "sos/sos.js",
    "sos/offline.js",
    "favicon.svg",
    "icons/sos-icon.svg",
    "icons/sos-192.png",
    "icons/sos-512.png",
    "icons/sos-maskable-512.png",
    "icons/sos-apple-touch.png",
)
# Templates whose words end up in the cached pages: a change to any of them is a new version.
TEMPLATES = (
    "base.html",
    "includes/header.html",
    "includes/footer.html",
    "includes/crisis_line.html",
    "includes/messages.html",
    "includes/brand_mark.svg",
    "pages/sos.html",
    "pages/sos_numbers.html",
    "pages/includes/sos_country.html",
    "pages/service_worker.js",
)


def page_urls() -> list[str]:
    """The pages in the site's default language, at their unprefixed addresses."""
    with translation.override(settings.LANGUAGE_CODE):
        return [reverse(name) for name in PAGES]


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


def static_files() -> list[str]:
    return [path for path in STATIC_FILES if finders.find(path) is not None]


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
    for folder in settings.TEMPLATES[0]["DIRS"]:
        for name in TEMPLATES:
            template = folder / name
            if template.is_file():
                blobs.append(template.read_bytes())
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
