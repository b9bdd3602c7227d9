"""The redesign's budgets and journeys, on a 390x844 phone and a 1366x900 desktop.

Every public page is weighed (what crosses the network, compressed as a production server sends
it: text gzipped, fonts and images as they are) against 150 KB, checked with axe (no serious or
critical violation) and checked for sideways scrolling at 320 px. Screenshots go to
build/screenshots/ (DESIGN_SCREENSHOTS to change it), named in the test's output.
"""

from __future__ import annotations

import datetime
import gzip
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from meetings.models import Attendance, Location, Meeting
from tests.conftest import PASSWORD
from tests.e2e.conftest import axe_violations, csp_violations, watched_page
from worksheets.models import ShareLink, Worksheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BUDGET = 150 * 1024
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
NARROW = {"width": 320, "height": 640}
TEXT_TYPES = ("text/", "javascript", "json", "svg", "xml")
TILE_SERVER = "tile.openstreetmap.org"


@pytest.fixture(scope="module")
def screenshots(request) -> Path:
    folder = Path(os.environ.get("DESIGN_SCREENSHOTS", "build/screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_line(f"\nDesign screenshots: {folder.resolve()}")
    return folder


@pytest.fixture
def directory(places, make_meeting, venue) -> dict[str, str]:
    """An in-person meeting in Austin, a hybrid one nearby and an online one starting soon."""
    library = Location.objects.create(
        name="Central Library",
        address="710 W Cesar Chavez St",
        city="Austin",
        state="TX",
        postal_code="78701",
        country="US",
        latitude=30.2655,
        longitude=-97.7512,
    )
    make_meeting(name="Downtown Tuesday", slug="downtown-tuesday", location=library, types=["O"])
    make_meeting(
        name="Eastside Hybrid",
        slug="eastside-hybrid",
        attendance=Attendance.HYBRID,
        conference_url="https://video.example.org/j/7",
        types=["W", "D"],
    )
    soon = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=40)
    make_meeting(
        name="Online Check-in",
        slug="online-evening",
        attendance=Attendance.ONLINE,
        location=None,
        conference_url="https://video.example.org/j/8",
        timezone="UTC",
        day=(soon.weekday() + 1) % 7,
        time=soon.time().replace(second=0, microsecond=0),
        end_time=(soon + datetime.timedelta(hours=1)).time().replace(second=0, microsecond=0),
        types=["O", "BE"],
    )
    return {"meeting": "/meetings/downtown-tuesday/"}


def public_pages(directory: dict[str, str]) -> dict[str, str]:
    return {
        "home": "/",
        "finder-austin": "/meetings/?near=Austin%2C+TX",
        "online": "/meetings/online/",
        "meeting": directory["meeting"],
        "worksheets": "/worksheets/",
        "worksheet-new": "/worksheets/new/cba/",
    }


def transferred(page, path: str) -> int:
    """Bytes a production server sends for ``path`` and everything it loads, text gzipped."""
    responses = []

    def keep(response) -> None:
        responses.append(response)

    page.on("response", keep)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", keep)
    total = 0
    for response in responses:
        if response.status in (301, 302, 303, 304):
            continue
        body = response.body()
        kind = response.headers.get("content-type", "")
        total += len(gzip.compress(body, 6)) if any(t in kind for t in TEXT_TYPES) else len(body)
    return total


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


def test_every_public_page_is_light_accessible_and_fits_a_narrow_phone(
    browser, live_server, directory, screenshots
):
    weights = {}
    for label, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
        # The browser's zone is UTC, the zone the server falls back to: no page reloads itself.
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, timezone_id="UTC"
        )
        page = watched_page(context)
        for name, path in public_pages(directory).items():
            weight = transferred(page, path)
            weights[f"{name} ({label})"] = weight
            assert weight <= BUDGET, f"{path} on a {label}: {weight / 1024:.1f} KB"
            assert axe_violations(page) == [], f"{path} on a {label}"
            page.screenshot(path=str(screenshots / f"{name}-{label}.png"), full_page=True)
        assert page.problems == []
        assert csp_violations(page) == []
        context.close()

    context = browser.new_context(base_url=live_server.url, viewport=NARROW, timezone_id="UTC")
    page = watched_page(context)
    for path in public_pages(directory).values():
        page.goto(path)
        assert no_sideways_scroll(page), f"{path} scrolls sideways at 320 px"
    # Open filter panels must not push the page wider either.
    page.goto("/meetings/?near=Austin%2C+TX")
    for chip in ("Language", "More"):
        page.locator("summary", has_text=chip).click()
        assert no_sideways_scroll(page), f"the {chip} panel scrolls sideways at 320 px"
    context.close()
    reporter = "\n".join(f"  {name}: {size / 1024:.1f} KB" for name, size in weights.items())
    print(f"\nPage weights (compressed):\n{reporter}")


def test_a_phone_visitor_finds_joins_and_maps_a_meeting(browser, live_server, directory):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, timezone_id="America/Chicago"
    )
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    page = watched_page(context)

    # Home: the online meeting starting soon, in the browser's own zone, never "in UTC".
    page.goto("/")
    soon = page.locator("#online-heading").locator("xpath=..")
    soon.get_by_text("Online Check-in").wait_for()
    assert "Times are in your time zone." in soon.inner_text()
    assert "UTC" not in soon.inner_text()
    starts = Meeting.objects.get(slug="online-evening").time
    local = datetime.datetime.combine(datetime.date.today(), starts, tzinfo=datetime.UTC)
    clock = local.astimezone(ZoneInfo("America/Chicago")).strftime("%I:%M %p").lstrip("0")
    assert re.search(rf"(Today|Tomorrow) {clock}", soon.inner_text())
    # The zone is remembered at the first tap, for the pages after this one.
    page.locator("main").click(position={"x": 5, "y": 5})
    assert {"name": "tz", "value": "America/Chicago"}.items() <= {
        **next(cookie for cookie in context.cookies() if cookie["name"] == "tz")
    }.items()

    # Finder: the results start on the first screen, with a filter panel open or not.
    page.goto("/meetings/?near=Austin%2C+TX")
    first = page.locator(".result").first
    assert first.bounding_box()["y"] < PHONE["height"]
    page.locator("summary", has_text="Day").click()
    assert first.bounding_box()["y"] < PHONE["height"]
    assert re.search(r"\w{3} \d{1,2} \w{3}, \d{1,2}:\d{2} [AP]M", first.inner_text())

    # Online schedule: the next meetings to join come first.
    page.goto("/meetings/online/")
    headings = page.get_by_role("heading", level=2).all_inner_texts()
    assert headings.index("Next meetings you can join") < len(headings) - 1
    expect(page.get_by_role("link", name=re.compile("^Join online")).first).to_be_visible()

    # Meeting page: nothing from the map before the visitor asks.
    page.goto(directory["meeting"])
    assert page.get_by_role("link", name=re.compile("^Get directions")).first.is_visible()
    assert not [url for url in requested if TILE_SERVER in url or "leaflet" in url]
    page.get_by_role("button", name="Show the map").click()
    page.locator(".leaflet-marker-icon").wait_for()
    assert [url for url in requested if TILE_SERVER in url]
    assert page.problems == []
    assert csp_violations(page) == []
    context.close()


def test_a_participant_shares_a_worksheet_with_times_in_their_zone(
    browser, live_server, screenshots
):
    context = browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        timezone_id="Asia/Tokyo",
        permissions=["clipboard-read", "clipboard-write"],
    )
    page = watched_page(context)
    owner = User.objects.create_user("lantern", password=PASSWORD)
    worksheet = Worksheet.objects.create(
        owner=owner, kind="cba", title="Weeknight drinking", answers={}
    )
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("lantern")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("/")

    # The list asks the browser for its zone, and every page after it uses it.
    page.goto("/worksheets/")
    page.get_by_text("Times are in Asia/Tokyo.").wait_for()
    page.goto(f"/worksheets/{worksheet.pk}/share/")
    page.get_by_label("7 days").check()
    page.get_by_role("button", name="Make a read-only link").click()
    page.get_by_role("button", name="Copy the link").click()
    page.get_by_text("The link is copied").wait_for()
    address = page.locator("#new-link a").get_attribute("href")
    assert page.evaluate("navigator.clipboard.readText()") == address
    assert page.get_by_text("Times are in Asia/Tokyo.").is_visible()
    page.screenshot(path=str(screenshots / "worksheet-share-desktop.png"), full_page=True)
    assert axe_violations(page) == []

    page.reload()
    assert ShareLink.objects.filter(worksheet=worksheet).count() == 1
    assert page.locator("#new-link").count() == 0
    assert page.problems == []
    assert csp_violations(page) == []
    context.close()


def test_the_web_font_is_fetched_only_after_the_page_has_loaded(page, live_server):
    page.goto(f"{live_server.url}/about/")
    page.wait_for_selector("html.fonts-ready", state="attached")
    assert page.evaluate("() => document.fonts.load('16px Figtree').then((faces) => faces.length)")

    timing = page.evaluate(
        """() => ({
            loaded: performance.getEntriesByType("navigation")[0].loadEventStart,
            font: performance.getEntriesByType("resource")
                .filter((entry) => entry.name.includes("/figtree/"))
                .map((entry) => entry.startTime),
            family: getComputedStyle(document.body).fontFamily,
        })"""
    )
    assert timing["font"], "Figtree was never fetched"
    assert min(timing["font"]) >= timing["loaded"]
    assert timing["family"].startswith(("Figtree", '"Figtree"'))


def test_a_visitor_sees_what_needs_an_account_before_signing_in(page):
    page.goto("/worksheets/")

    needs = page.get_by_role("region", name="What you can do without an account")
    assert needs.get_by_text("Share with a facilitator").is_visible()
    assert needs.get_by_text("Urge log, urge charts and My progress").is_visible()
    page.get_by_role("link", name=re.compile("^Urge log")).click()
    page.wait_for_url(re.compile("/accounts/login/"))


@pytest.mark.skipif(
    not os.environ.get("README_SCREENSHOTS"),
    reason="makes README's screenshots: scripts/screenshots.py (make screenshots) runs it",
)
def test_the_readme_screenshots(browser, live_server, directory):
    """Home on a desktop, the finder on a phone and a worksheet, into README_SCREENSHOTS."""
    folder = Path(os.environ["README_SCREENSHOTS"])
    folder.mkdir(parents=True, exist_ok=True)
    shots = [
        ("home.png", DESKTOP, "/"),
        ("finder-phone.png", PHONE, "/meetings/?near=Austin%2C+TX"),
    ]
    for name, viewport, path in shots:
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, timezone_id="America/Chicago"
        )
        page = watched_page(context)
        page.goto(path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(folder / name))
        context.close()

    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, timezone_id="America/Chicago"
    )
    page = watched_page(context)
    page.goto("/worksheets/new/cba/")
    page.get_by_label("The behaviour I'm looking at").fill("Drinking on weeknights")
    page.locator("main textarea").first.fill("It helps me switch off after work.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(folder / "worksheet.png"))
    context.close()


@pytest.mark.parametrize("viewport", [NARROW, PHONE], ids=["320px", "390px"])
def test_the_menu_button_stays_beside_the_brand_in_every_language(browser, live_server, viewport):
    """The tagline is longest in Dutch ("Bijeenkomsten & hulpmiddelen"): it wraps beside the
    button rather than pushing the button onto a row of its own."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport)
    page = watched_page(context)
    for prefix in ("", "/es", "/fr", "/de", "/nl", "/pt", "/sv"):
        page.goto(f"{prefix}/about/")
        brand = page.locator(".site-header .brand").bounding_box()
        button = page.locator(".site-header .navbar-toggler").bounding_box()
        assert button["y"] < brand["y"] + brand["height"], f"{prefix or '/'}: button below"
        assert brand["x"] + brand["width"] <= button["x"], f"{prefix or '/'}: they overlap"
        assert no_sideways_scroll(page), prefix
    assert page.problems == []
    context.close()


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_brand_keeps_its_name_on_one_line_on_a_desktop_in_every_language(
    browser, live_server, width
):
    """German's menu squeezed the brand into four lines at 1,366 px."""
    context = browser.new_context(base_url=live_server.url, viewport={**DESKTOP, "width": width})
    page = watched_page(context)
    for prefix in ("", "/es", "/fr", "/de", "/nl", "/pt", "/sv"):
        page.goto(f"{prefix}/about/")
        name = page.locator(".site-header .brand-name").bounding_box()
        assert name["height"] < 30, f"{prefix or '/'}: the name wraps at {width} px"
        assert no_sideways_scroll(page), prefix
    assert page.problems == []
    context.close()
