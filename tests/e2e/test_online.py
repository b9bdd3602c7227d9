"""The online meetings page, a day at a time, in a browser that reports its own time zone."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from meetings.models import Attendance, Meeting
from tests.e2e.conftest import PHONE, axe_violations, csp_violations, watched_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_YORK = ZoneInfo("America/New_York")
NAME = "Browser Test Evening"


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable]:
    """A phone-sized page in a fresh context whose clock is in the given zone."""
    contexts = []

    def open_in(timezone_id: str, **options):
        context = browser.new_context(
            base_url=live_server.url, timezone_id=timezone_id, viewport=PHONE, **options
        )
        contexts.append(context)
        return watched_page(context)

    yield open_in
    for context in contexts:
        context.close()


@pytest.fixture
def evening_in_new_york(db) -> datetime.datetime:
    """An online meeting at 19:00 in New York three days from now; its start, as an instant."""
    date = datetime.datetime.now(NEW_YORK).date() + datetime.timedelta(days=3)
    Meeting.objects.create(
        name=NAME,
        slug="browser-test-evening",
        day=(date.weekday() + 1) % 7,
        time=datetime.time(19, 0),
        end_time=datetime.time(20, 30),
        timezone="America/New_York",
        attendance=Attendance.ONLINE,
        conference_url="https://video.example.org/j/42",
        types=["O", "D"],
    )
    return datetime.datetime.combine(date, datetime.time(19, 0), tzinfo=NEW_YORK)


def clock(moment: datetime.datetime) -> str:
    return f"{moment.hour % 12 or 12}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def day_heading(moment: datetime.datetime) -> str:
    today = datetime.datetime.now(moment.tzinfo).date()
    if moment.date() == today:
        return "Today"
    if moment.date() == today + datetime.timedelta(days=1):
        return "Tomorrow"
    return f"{moment:%A} {moment.day} {moment:%B}"


def listing_for(page, name: str):
    return page.locator("li.online-entry", has_text=name)


def days_nav(page):
    return page.get_by_role("navigation", name="Days")


def open_day(page, moment: datetime.datetime) -> None:
    """Follow the day navigation to the date ``moment`` falls on (in the zone it is given in)."""
    date = moment.date().isoformat()
    current = days_nav(page).locator(f'a[aria-current="page"]:has(time[datetime="{date}"])')
    if current.count():
        return
    days_nav(page).locator(f'a:has(time[datetime="{date}"])').click()
    current.wait_for()


@pytest.mark.parametrize(
    ("timezone_id", "reported"),
    [
        ("Europe/London", {"Europe/London"}),
        # Chromium reports the old spelling; the server takes either.
        ("Asia/Kolkata", {"Asia/Kolkata", "Asia/Calcutta"}),
        ("America/Los_Angeles", {"America/Los_Angeles"}),
    ],
)
def test_the_browsers_zone_is_detected_and_times_are_shown_in_it(
    open_page, evening_in_new_york, timezone_id, reported
):
    page = open_page(timezone_id)

    page.goto("/meetings/online/")
    page.wait_for_url(re.compile(r"/meetings/online/\?tz="))

    zone_used = page.locator("#zone-select").input_value()
    assert zone_used in reported
    assert f"tz={zone_used.replace('/', '%2F')}" in page.url
    local = evening_in_new_york.astimezone(ZoneInfo(timezone_id))
    open_day(page, local)
    assert f"date={local.date().isoformat()}" in page.url
    assert f"tz={zone_used.replace('/', '%2F')}" in page.url
    starts = listing_for(page, NAME).locator("time").first
    assert starts.get_attribute("datetime") == local.isoformat(timespec="minutes")
    expect(starts).to_have_text(clock(local))
    heading = page.locator("section.day-section", has=listing_for(page, NAME)).locator("h2")
    assert heading.inner_text() == day_heading(local)
    expect(listing_for(page, NAME)).to_contain_text("7:00 PM in New York")
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_same_meeting_shows_at_each_zones_own_time(open_page, evening_in_new_york):
    seen = {}
    for timezone_id in ("Europe/London", "America/Los_Angeles"):
        page = open_page(timezone_id)
        page.goto("/meetings/online/")
        page.wait_for_url(re.compile(r"\?tz="))
        open_day(page, evening_in_new_york.astimezone(ZoneInfo(timezone_id)))
        seen[timezone_id] = listing_for(page, NAME).locator("time").first.get_attribute("datetime")

    london = datetime.datetime.fromisoformat(seen["Europe/London"])
    los_angeles = datetime.datetime.fromisoformat(seen["America/Los_Angeles"])
    assert london == los_angeles == evening_in_new_york
    assert london.utcoffset() != los_angeles.utcoffset()
    assert los_angeles.hour == 16


def test_the_detected_zone_is_remembered_and_no_reload_follows(open_page, evening_in_new_york):
    page = open_page("Asia/Tokyo")
    page.goto("/meetings/online/")
    page.wait_for_url(re.compile(r"\?tz=Asia%2FTokyo"))

    page.goto("/meetings/online/")

    assert page.url.endswith("/meetings/online/")
    assert page.locator("#zone-select").input_value() == "Asia/Tokyo"
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["tz"]["value"].strip('"') == "Asia/Tokyo"
    assert cookies["tz"]["sameSite"] == "Lax"
    assert page.problems == []


def test_a_zone_picked_by_hand_is_not_overridden_by_the_device(open_page, evening_in_new_york):
    page = open_page("Europe/London")
    page.goto("/meetings/online/")
    page.wait_for_url(re.compile(r"\?tz=Europe%2FLondon"))

    page.locator("#zone-select").select_option("America/Chicago")
    page.get_by_role("button", name="Show times").click()
    page.wait_for_url(re.compile(r"\?tz=America%2FChicago"))
    page.goto("/meetings/online/")

    assert page.url.endswith("/meetings/online/")
    assert page.locator("#zone-select").input_value() == "America/Chicago"
    local = evening_in_new_york.astimezone(ZoneInfo("America/Chicago"))
    open_day(page, local)
    expect(listing_for(page, NAME).locator("time").first).to_have_text(clock(local))
    offer = page.locator("#zone-detected")
    offer.wait_for()
    assert "Europe/London" in offer.inner_text()
    offer.get_by_role("link", name="Use that time zone").click()
    # The day chosen stays in the address beside the zone.
    page.wait_for_url(re.compile(rf"\?date={local.date().isoformat()}&tz=Europe%2FLondon"))
    assert page.locator("#zone-select").input_value() == "Europe/London"
    assert page.problems == []


def test_filters_survive_the_zone_detection(open_page, evening_in_new_york):
    page = open_page("Europe/London")

    page.goto("/meetings/online/?type=D")
    page.wait_for_url(re.compile(r"\?.*tz=Europe%2FLondon"))
    open_day(page, evening_in_new_york.astimezone(ZoneInfo("Europe/London")))

    assert "type=D" in page.url
    expect(listing_for(page, NAME)).to_be_visible()
    assert page.get_by_label("Discussion").is_checked()


def test_without_javascript_the_picker_still_sets_the_zone(open_page, evening_in_new_york):
    page = open_page("Europe/London", java_script_enabled=False)
    page.goto("/meetings/online/")

    assert page.url.endswith("/meetings/online/")
    assert page.get_by_text("Times are in UTC because").is_visible()
    page.get_by_label("Show times in").select_option("Asia/Kolkata")
    page.get_by_role("button", name="Show times").click()

    page.wait_for_url(re.compile(r"\?tz=Asia%2FKolkata"))
    local = evening_in_new_york.astimezone(ZoneInfo("Asia/Kolkata"))
    # The day links are plain links: they need no script either.
    open_day(page, local)
    starts = listing_for(page, NAME).locator("time").first
    assert starts.get_attribute("datetime") == local.isoformat(timespec="minutes")
    assert local.minute == 30


def test_an_unknown_zone_is_explained_without_a_reload_loop(open_page):
    page = open_page("Europe/London")

    response = page.goto("/meetings/online/?tz=%3Cscript%3Ealert(1)%3C/script%3E")

    assert response.status == 200
    assert (
        page.get_by_role("alert")
        .inner_text()
        .startswith("We don't know a time zone called “<script>alert(1)</script>”")
    )
    assert "tz=%3Cscript%3E" in page.url
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_page_fits_a_phone_and_has_no_serious_accessibility_violations(
    open_page, evening_in_new_york
):
    # One running now, so the join link and phone are on the page too.
    started = datetime.datetime.now(datetime.UTC).replace(second=0, microsecond=0)
    started -= datetime.timedelta(minutes=10)
    Meeting.objects.create(
        name="Hybrid Library Meeting With A Rather Long Name That Has To Wrap Somewhere",
        slug="hybrid-library-meeting",
        day=(started.weekday() + 1) % 7,
        time=started.time(),
        end_time=(started + datetime.timedelta(hours=1)).time(),
        timezone="UTC",
        attendance=Attendance.HYBRID,
        conference_url="https://video.example.org/j/43",
        conference_phone="+15550001111,,123456#",
        types=["W", "BE", "MED"],
        languages=["EN"],
    )
    page = open_page("Europe/London")

    page.goto("/meetings/online/")
    page.wait_for_url(re.compile(r"\?tz="))

    assert page.get_by_role("heading", name="Online meetings", level=1).is_visible()
    assert days_nav(page).get_by_role("link", name=re.compile("^Today")).is_visible()
    now = page.locator("section.now-section")
    # What runs now is folded into one group: closed until the visitor opens it.
    assert not now.get_by_role("link", name=re.compile("^Join online")).is_visible()
    now.locator("summary").click()
    # Entries off the screen or not yet drawn skip layout (content-visibility): expect waits.
    expect(now.get_by_role("link", name=re.compile("^Join online"))).to_be_visible()
    expect(now.get_by_text("Hybrid: also in person")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator(".online-filters summary").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    assert page.problems == []
    assert csp_violations(page) == []


@pytest.fixture
def tomorrow_in_london(db) -> datetime.datetime:
    """An online meeting at noon in London tomorrow; its start, as an instant."""
    london = ZoneInfo("Europe/London")
    date = datetime.datetime.now(london).date() + datetime.timedelta(days=1)
    Meeting.objects.create(
        name="Tomorrow Noon London",
        slug="tomorrow-noon-london",
        day=(date.weekday() + 1) % 7,
        time=datetime.time(12, 0),
        end_time=datetime.time(13, 0),
        timezone="Europe/London",
        attendance=Attendance.ONLINE,
        conference_url="https://video.example.org/j/44",
        types=["O"],
    )
    return datetime.datetime.combine(date, datetime.time(12, 0), tzinfo=london)


def test_a_phone_user_moves_to_tomorrows_listing(open_page, tomorrow_in_london):
    page = open_page("Europe/London")
    page.goto("/meetings/online/?type=O")
    page.wait_for_url(re.compile(r"\?.*tz=Europe%2FLondon"))
    assert not listing_for(page, "Tomorrow Noon London").count()
    today = days_nav(page).get_by_role("link", name=re.compile("^Today"))
    assert today.get_attribute("aria-current") == "page"

    days_nav(page).get_by_role("link", name=re.compile("^Tomorrow")).click()

    tomorrow = tomorrow_in_london.date().isoformat()
    page.wait_for_url(re.compile(rf"date={tomorrow}"))
    assert "tz=Europe%2FLondon" in page.url and "type=O" in page.url
    assert page.locator("section.day-section h2").inner_text() == "Tomorrow"
    link = days_nav(page).get_by_role("link", name=re.compile("^Tomorrow"))
    assert link.get_attribute("aria-current") == "page"
    assert today.get_attribute("aria-current") is None
    starts = listing_for(page, "Tomorrow Noon London").locator("time").first
    expect(starts).to_have_text("12:00 PM")
    assert starts.get_attribute("datetime") == tomorrow_in_london.isoformat(timespec="minutes")
    assert page.locator("section.now-section, section.soon-section").count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    # The picker keeps the day; "Next day" and "Today" move on and back.
    page.get_by_role("link", name=re.compile("^Next day:")).click()
    page.wait_for_url(re.compile(r"date="))
    assert f"date={tomorrow}" not in page.url
    today.click()
    page.wait_for_url(re.compile(r"\?tz=Europe%2FLondon&type=O$"))
    assert page.locator("section.day-section h2").inner_text() == "Today"
    assert page.problems == []
    assert csp_violations(page) == []
