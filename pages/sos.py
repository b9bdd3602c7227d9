"""Help with an urge right now (/sos/), the crisis numbers we checked, and what makes /sos/ an
installable web app that works offline: its manifest and its service worker."""

from __future__ import annotations

import json

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from meetings.views.online import starting_soon
from pages import crisis_lines, offline

# The site's darkest brand colour (static/css/site.css --sr-brand-dark), as base.html's
# theme-color; the page's own canvas colour behind the splash screen.
THEME_COLOUR = "#073f42"
BACKGROUND_COLOUR = "#fbfaf7"
# Minutes a visitor may choose for the timer; urges usually fade well within the longest.
TIMER_MINUTES = (5, 10, 15, 20, 30)
DEFAULT_MINUTES = 15


@require_GET
def sos(request: HttpRequest) -> HttpResponse:
    country = crisis_lines.for_country(crisis_lines.visitor_country(request))
    context = {
        "country": country,
        "timer_minutes": TIMER_MINUTES,
        "default_minutes": DEFAULT_MINUTES,
        "directory_url": crisis_lines.DIRECTORY_URL,
        "worker_url": offline.worker_url(),
        # The next two to start; the page hides them once they are stale (a stored copy).
        "online_soon": starting_soon(request, count=2),
    }
    return render(request, "pages/sos.html", context)


@require_GET
def sos_numbers(request: HttpRequest) -> HttpResponse:
    visitor_country = crisis_lines.visitor_country(request)
    countries = crisis_lines.by_name()
    context = {
        # The visitor's own country first: on a phone the list is long.
        "countries": sorted(countries, key=lambda country: country.code != visitor_country),
        "visitor_country": visitor_country,
        "checked": crisis_lines.checked_on(),
        "directory_url": crisis_lines.DIRECTORY_URL,
        "worker_url": offline.worker_url(),
    }
    return render(request, "pages/sos_numbers.html", context)


@require_GET
def web_manifest(request: HttpRequest) -> JsonResponse:
    """The installable app opens on /sos/: the page someone needs when they reach for it."""
    manifest = {
        "name": gettext("SMART Recovery: help with an urge"),
        # Translators: the installed app's name under its icon; keep it short.
        "short_name": gettext("Urge help"),
        "description": gettext(
            "Ride out an urge with a timer, DEADS and DISARM, and crisis numbers. "
            "Works with no signal once opened."
        ),
        "lang": translation.get_language(),
        "id": reverse("sos"),
        "start_url": reverse("sos"),
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOUR,
        "theme_color": THEME_COLOUR,
        "icons": [
            {"src": static("icons/sos-icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {"src": static("icons/sos-192.png"), "sizes": "192x192", "type": "image/png"},
            {"src": static("icons/sos-512.png"), "sizes": "512x512", "type": "image/png"},
            {
                "src": static("icons/sos-maskable-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return JsonResponse(manifest, content_type="application/manifest+json")


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The worker's script, served from the root so its scope is the whole site (it still
    answers only for the allow-listed URLs in pages/offline.py)."""
    context = {
        "version": offline.version(),
        "pages": json.dumps(offline.page_urls()),
        "other_pages": json.dumps(offline.other_language_page_urls()),
        "assets": json.dumps(offline.static_urls()),
        "sign_out": json.dumps(offline.sign_out_urls()),
    }
    body = render_to_string("pages/service_worker.js", context)
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    # Browsers check a worker for updates on every visit; this makes each check reach us.
    response["Cache-Control"] = "no-cache"
    return response
