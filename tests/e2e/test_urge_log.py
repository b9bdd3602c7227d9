"""On a phone: log an urge in a few taps, then see it counted on the charts and in My progress."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User

from tests.e2e.conftest import axe_violations, csp_violations, screenshot
from toolbox.models import Stage
from worksheets.models import StageCheckIn, UrgeEntry

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-passphrase-9"


def sign_in_through_the_login_page(page, username: str = "harbour") -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    page.goto("/worksheets/urges/")
    # The urge log needs an account: the sign-in page says why, kindly.
    page.wait_for_url("**/accounts/login/?next=/worksheets/urges/")
    assert page.get_by_text("private to you").is_visible()
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/worksheets/urges/")
    return user


def a_stage() -> Stage:
    # Browser tests flush the database, the toolbox's content migration rows included.
    return Stage.objects.order_by("order").first() or Stage.objects.create(
        order=1,
        title="Determination/Preparation",
        slug="preparation",
        summary="Getting ready.",
        feels_like="Ready.",
        what_helps="A plan.",
    )


def numbers(page, chart_id: str) -> list[list[str]]:
    details = page.locator(f"#{chart_id}-heading ~ details")
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    rows = page.locator(f"#{chart_id}-table tbody tr")
    return [rows.nth(n).locator("th, td").all_inner_texts() for n in range(rows.count())]


def test_a_participant_logs_an_urge_on_a_phone_and_sees_it_on_the_charts(page):
    user = sign_in_through_the_login_page(page)
    assert page.get_by_text("Nothing logged yet").is_visible()
    assert axe_violations(page) == []

    # Two taps and "Log": the time is already now.
    page.locator("label[for=id_intensity_7]").click()
    page.get_by_text("No, I rode it out").click()
    page.get_by_text("How long, triggers and what I did").click()
    page.get_by_label("Situation: where, doing what?").fill("payday, walking past the pub")
    page.get_by_label("Feeling: how did you feel?").fill("restless")
    button = page.get_by_role("button", name="Log this urge")
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] <= 360
    button.click()

    page.get_by_text("Logged. Noticing an urge is a skill").wait_for()
    entry = UrgeEntry.objects.get(owner=user)
    assert (entry.intensity, entry.acted_on, entry.situation) == (
        7,
        False,
        "payday, walking past the pub",
    )
    assert page.locator(".urge-item").filter(has_text="Ridden out").count() == 1
    screenshot(page, "urge-log")

    page.get_by_role("link", name="See my charts").click()
    page.wait_for_url("**/worksheets/urges/charts/")
    assert page.locator("svg[role=img]").count() == 6  # people has no triggers yet
    assert numbers(page, "per-day")[-1][1] == "1"  # today
    assert sum(int(row[1]) for row in numbers(page, "per-day")) == 1
    assert numbers(page, "weekly")[-1][1:] == ["1", "7"]
    assert numbers(page, "triggers-situation") == [["payday", "1"], ["walking past the pub", "1"]]
    assert numbers(page, "ridden") == [["Ridden out", "1"], ["Acted on", "0"], ["All", "1"]]
    assert page.locator(".chart-big").inner_text() == "100% ridden out"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    screenshot(page, "urge-charts")

    StageCheckIn.objects.create(owner=user, stage=a_stage(), importance=8, confidence=5)
    page.goto("/worksheets/progress/")
    page.get_by_label("Count my days from").fill("2026-01-01")
    page.get_by_role("button", name="Set my start date").click()
    page.get_by_text("Your start date is set.").wait_for()
    assert page.locator("#urges-last-7").inner_text() == "1"
    assert page.locator("#urges-ridden").inner_text() == "100%"
    assert page.locator(".progress-checkins").get_by_text("importance 8/10").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert axe_violations(page) == []
    screenshot(page, "progress")

    assert page.problems == []
    assert csp_violations(page) == []


def test_a_mistyped_urge_keeps_every_word_on_a_phone(page):
    sign_in_through_the_login_page(page, "quay")
    page.get_by_text("Yes, I acted on it").click()
    page.get_by_text("How long, triggers and what I did").click()
    page.get_by_label("What I did").fill("Went for a run and then texted my sponsor " * 60)
    page.get_by_role("button", name="Log this urge").click()

    page.get_by_text("Choose how strong the urge was, from 0 to 10.").wait_for()
    assert page.get_by_text("longer than the 2000 characters").is_visible()
    assert page.get_by_label("What I did").input_value().startswith("Went for a run")
    assert page.locator("#id_acted_on_1").is_checked()
    assert axe_violations(page) == []
    assert UrgeEntry.objects.count() == 0
    assert csp_violations(page) == []


def test_a_phone_in_chicago_sees_and_logs_times_in_its_own_zone(browser, live_server):
    from tests.e2e.conftest import CSP_LISTENER, PHONE, Problems

    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, timezone_id="America/Chicago"
    )
    page = context.new_page()
    page.problems = Problems()
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    try:
        user = sign_in_through_the_login_page(page, "lakeshore")
        # The page was drawn in UTC; it loads again in the phone's zone, which is remembered.
        page.wait_for_url("**/worksheets/urges/?tz=America%2FChicago")
        assert page.get_by_text("Times are in America/Chicago").is_visible()
        shown = page.get_by_label("When").input_value()
        phone_now = page.evaluate(
            "new Date().toLocaleString('sv-SE', {timeZone: 'America/Chicago'}).slice(0, 16)"
        )
        assert shown == phone_now.replace(" ", "T")

        page.locator("label[for=id_intensity_3]").click()
        page.get_by_text("Yes, I acted on it").click()
        page.get_by_role("button", name="Log this urge").click()
        page.get_by_text("Logged.").wait_for()
        assert page.url.endswith("/worksheets/urges/")  # no second reload: the cookie holds it

        entry = UrgeEntry.objects.get(owner=user)
        local = entry.felt_at.astimezone(ZoneInfo("America/Chicago"))
        assert local.strftime("%Y-%m-%dT%H:%M") == shown
        page.goto("/worksheets/urges/charts/")
        hours = dict(numbers(page, "hours"))
        assert hours[f"{local.hour:02d}:00–{local.hour:02d}:59"] == "1"
        assert page.problems == []
        assert csp_violations(page) == []
    finally:
        context.close()
