from __future__ import annotations

import datetime
import json
import re

import pytest
import time_machine
from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains, assertTemplateUsed

from meetings.models import Attendance
from pages import offline

pytestmark = pytest.mark.django_db

# The only pages the service worker may store: public, the same for everyone.
PUBLIC_PAGES = {"sos", "sos_numbers", "web_manifest"}


def served_precache(client) -> tuple[list[str], list[str]]:
    """The pages and static files listed in the worker's script, as the browser receives it."""
    body = client.get("/sw.js").content.decode()
    pages = json.loads(re.search(r"^const PAGES = (\[.*\]);$", body, re.M).group(1))
    assets = json.loads(re.search(r"^const ASSETS = (\[.*\]);$", body, re.M).group(1))
    return pages, assets


def test_the_urge_page_offers_a_timer_deads_disarm_a_plan_and_meetings(client):
    response = client.get("/sos/")

    assertTemplateUsed(response, "pages/sos.html")
    for words in (
        "An urge, right now",
        "most pass within minutes",
        'role="timer"',
        'aria-live="polite"',
        "Start the timer",
        "Deny",
        "Escape",
        "Accept",
        "Dispute",
        "Substitute",
        "DISARM",
        "that's the urge talking",
        "it is stored on this phone",
        "Clear it from this phone",
        "/meetings/online/",
        "/meetings/",
    ):
        assertContains(response, words)


def test_the_urge_page_says_how_to_ride_it_out_without_javascript(client):
    response = client.get("/sos/")

    # The timer and the plan need the script and start hidden; plain words stand in for them.
    assertContains(response, 'id="urge-timer" data-state="idle" data-needs-script hidden')
    assertContains(response, "Set the timer on your phone for 15 minutes")
    assertContains(response, "Keeping a plan on this page needs JavaScript")


def test_the_urge_page_links_the_manifest_and_registers_the_worker(client):
    response = client.get("/sos/")

    assertContains(response, '<link rel="manifest" href="/manifest.webmanifest">')
    assertContains(response, 'data-worker="/sw.js"')


def test_the_manifest_installs_an_app_that_opens_on_the_urge_page(client):
    response = client.get("/manifest.webmanifest")

    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["start_url"] == "/sos/"
    assert manifest["display"] == "standalone"
    assert manifest["short_name"]
    assert manifest["theme_color"] == "#073f42"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512", "any"} <= sizes
    assert any(icon.get("purpose") == "maskable" for icon in manifest["icons"])
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_worker_is_javascript_that_browsers_always_check_for_updates(client):
    response = client.get("/sw.js")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert "Set-Cookie" not in response
    assertContains(response, f'const VERSION = "{offline.version()}";')


def test_the_worker_stores_only_allow_listed_public_pages(client):
    pages, _assets = served_precache(client)
    body = client.get("/sw.js").content.decode()
    other = json.loads(re.search(r"^const OTHER_PAGES = (\[.*\]);$", body, re.M).group(1))

    assert pages == ["/sos/", "/sos/numbers/", "/manifest.webmanifest"]
    assert "/es/sos/" in other and "/sv/sos/numbers/" in other
    for url in pages:
        assert resolve(url).url_name in PUBLIC_PAGES
    for url in other:
        with translation.override(url.split("/")[1]):
            assert resolve(url).url_name in PUBLIC_PAGES


def test_the_worker_stores_only_static_files_and_every_one_exists(client):
    _pages, assets = served_precache(client)

    assert assets
    for url in assets:
        assert url.startswith(f"/{settings.STATIC_URL.strip('/')}/")
        with pytest.raises(Resolver404):
            resolve(url)
        assert client.get(url).status_code == 200


def test_no_private_address_is_in_the_worker_list(client):
    pages, assets = served_precache(client)

    for url in pages + assets:
        assert not url.startswith(("/accounts/", "/worksheets/", "/admin/", "/attendance/"))
        assert "/meetings/mine/" not in url


def test_every_static_file_the_urge_page_uses_is_stored(client):
    _pages, assets = served_precache(client)
    html = client.get("/sos/").content.decode()
    numbers = client.get("/sos/numbers/").content.decode()

    used = set(re.findall(r'(?:href|src)="(/static/[^"]+)"', html + numbers))
    assert used
    assert used <= set(assets)


def test_the_stored_pages_hold_nothing_of_a_signed_in_visitor(client, participant):
    """The worker fetches pages without cookies; signed in or not, the public copy is the same
    apart from the header, and the cached copy is always the signed-out one."""
    anonymous = client.get("/sos/").content.decode()
    assert "river" not in anonymous
    assert "csrfmiddlewaretoken" not in anonymous


def test_the_version_changes_when_a_stored_file_changes(monkeypatch):
    before = offline._digest()
    original = offline._contents

    monkeypatch.setattr(offline, "_contents", lambda: [*original(), b"a deploy"])

    assert offline._digest() != before


def test_signing_out_asks_the_browser_to_clear_the_cache(client, participant):
    client.force_login(participant)

    response = client.post("/accounts/logout/")

    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache"'
    assert "_auth_user_id" not in client.session


def test_the_worker_empties_its_cache_when_the_sign_out_goes_past(client):
    body = client.get("/sw.js").content.decode()

    sign_out = json.loads(re.search(r"^const SIGN_OUT = (\[.*\]);", body, re.M).group(1))
    assert "/accounts/logout/" in sign_out
    assert "forgetEverything" in body


def test_the_numbers_page_lists_every_checked_country_with_its_sources(client):
    response = client.get("/sos/numbers/")

    assertTemplateUsed(response, "pages/sos_numbers.html")
    for words in (
        "United States",
        'href="tel:988"',
        "United Kingdom",
        'href="tel:116123"',
        "Australia",
        'href="tel:131114"',
        "findahelpline.com",
    ):
        assertContains(response, words)
    assertContains(response, "https://www.samaritans.org/how-we-can-help/contact-samaritan/")


def test_the_urge_page_shows_the_visitors_crisis_line(client):
    response = client.get("/sos/", HTTP_ACCEPT_LANGUAGE="en-NZ,en;q=0.8")

    assertContains(response, "in New Zealand")
    assertContains(response, 'href="tel:1737"')
    assertContains(response, 'href="tel:111"')


def test_the_urge_page_sends_an_unknown_country_to_a_directory(client):
    response = client.get("/sos/", HTTP_ACCEPT_LANGUAGE="en")

    assertContains(response, "find a free, confidential helpline")
    assertNotContains(response, 'href="tel:988"')


def test_the_urge_page_names_the_next_online_meetings(client, make_meeting):
    make_meeting(
        name="Monday Lunch Online",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://video.example.org/j/123456",
        timezone="UTC",
        day=1,
        time=datetime.time(13, 0),
        end_time=datetime.time(14, 0),
    )

    monday_noon = datetime.datetime(2026, 1, 12, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(monday_noon, tick=False):
        response = client.get("/sos/")

    assertContains(response, "data-soon")
    assertContains(response, "Monday Lunch Online")
    assertContains(response, '<time datetime="2026-01-12T13:00+00:00">')


def test_the_numbers_page_puts_the_visitors_country_first(client):
    response = client.get("/sos/numbers/", HTTP_ACCEPT_LANGUAGE="en-NZ")
    content = response.content.decode()

    assert content.index('id="country-nz"') < content.index('id="country-ar"')
    assertContains(response, 'href="#nz"')


def test_the_manifest_of_a_spanish_page_installs_the_app_in_spanish(client):
    manifest = json.loads(client.get("/es/manifest.webmanifest").content)

    assert manifest["lang"] == "es"
    assert manifest["start_url"] == "/es/sos/"
    assert manifest["short_name"] == "Ayuda ya"
    assert manifest["name"] == "SMART Recovery: ayuda con un impulso"
