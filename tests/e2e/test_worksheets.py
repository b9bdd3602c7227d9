from __future__ import annotations

import re
import time

import pytest
from django.contrib.auth.models import User

from tests.e2e.conftest import axe_violations, csp_violations, screenshot
from worksheets.models import Revision, Worksheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-passphrase-8"
A4_WIDTH = 794  # CSS pixels across A4 at 96 dpi; Letter (816) is wider


def sign_in(page, username: str = "lake") -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("/")
    return user


def eventually(condition, seconds: float = 5) -> bool:
    """Polls a condition: the closed page can no longer tell us when its last save landed."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def wait_for_saved(page) -> None:
    page.get_by_role("status").filter(has_text="Saved a moment ago").wait_for()


def test_a_participant_fills_a_cba_partly_closes_the_tab_and_finds_every_word(page):
    page.goto("/accounts/signup/?next=/worksheets/new/cba/")
    page.get_by_label("Username").fill("morning-walk")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/worksheets/new/cba/")
    assert axe_violations(page) == []

    page.get_by_label("The behaviour I'm looking at").fill("Scrolling betting apps at night")
    page.locator("#id_keep_benefits-0-item").fill("A buzz when I'm bored")
    page.locator("#id_keep_benefits-0-term").select_option("short")
    page.locator("#id_keep_benefits-0-weight").select_option("6")
    wait_for_saved(page)
    page.wait_for_url(re.compile(r"/worksheets/[0-9a-f-]{36}/$"))
    page.locator("#id_keep_costs-0-item").fill("Rent money gone twice this year")
    wait_for_saved(page)
    # The last words are typed just before the tab closes: the page-hide save keeps them.
    page.locator("#id_reflection").fill("The costs are long-term")
    assert page.problems == []
    assert csp_violations(page) == []
    context = page.context
    page.close(run_before_unload=True)
    worksheet = Worksheet.objects.get(owner__username="morning-walk")
    assert eventually(lambda: worksheet.refresh_from_db() or worksheet.answers.get("reflection"))

    again = context.new_page()
    again.goto("/worksheets/")
    again.get_by_role("link", name="Cost/Benefit Analysis", exact=True).click()
    assert again.get_by_label("The behaviour I'm looking at").input_value() == (
        "Scrolling betting apps at night"
    )
    assert again.locator("#id_keep_benefits-0-item").input_value() == "A buzz when I'm bored"
    assert again.locator("#id_keep_benefits-0-term").input_value() == "short"
    assert again.locator("#id_keep_benefits-0-weight").input_value() == "6"
    assert again.locator("#id_keep_costs-0-item").input_value() == (
        "Rent money gone twice this year"
    )
    assert again.locator("#id_reflection").input_value() == "The costs are long-term"


def test_a_participant_fills_a_change_plan_and_prints_it_on_one_page_width(page):
    sign_in(page)
    page.goto("/worksheets/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="New Change Plan").click()
    page.get_by_label("Title (for your list)").fill("Winter plan")
    page.get_by_label("The changes I want to make").fill(
        "Stop drinking at home on weeknights, and have one alcohol-free weekend a month."
    )
    page.get_by_label("How important is making this change").select_option("9")
    page.get_by_label("How confident am I").select_option("6")
    page.locator("#id_steps-0-step").fill("Pour out what is in the cupboard")
    page.locator("#id_steps-0-date").fill("2026-12-01")
    page.locator("#id_helpers-0-person").fill("My sister Jo")
    page.locator("#id_helpers-0-how").fill("A text at 9pm on hard nights")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_text("Saved.").wait_for()
    screenshot(page, "change-plan-form-phone")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Printable page").click()
    page.get_by_role("heading", name="Winter plan").wait_for()
    assert page.get_by_text("A text at 9pm on hard nights").is_visible()
    assert page.get_by_text("Tuesday 1 December 2026").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "change-plan-print-phone")

    page.set_viewport_size({"width": A4_WIDTH, "height": 1123})
    page.emulate_media(media="print")
    assert page.evaluate("document.documentElement.scrollWidth") <= A4_WIDTH
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.ws-print *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth
                || (el.scrollWidth > el.clientWidth + 1
                    && getComputedStyle(el).overflowX === 'hidden'))
            .map((el) => el.tagName + '.' + el.className)"""
    )
    assert clipped == []
    assert page.locator(".site-header").is_hidden()
    screenshot(page, "change-plan-print-a4")
    assert page.problems == []
    assert csp_violations(page) == []


def test_two_tabs_never_overwrite_each_other(page):
    user = sign_in(page)
    worksheet = Worksheet.objects.create(owner=user, kind="cba", title="Two tabs")
    url = f"/worksheets/{worksheet.pk}/"
    other = page.context.new_page()
    page.goto(url)
    other.goto(url)

    page.locator("#id_reflection").fill("Written on the laptop")
    wait_for_saved(page)
    other.locator("#id_reflection").fill("Written on the phone")

    banner = other.get_by_role("alert").filter(has_text="saved in another tab or device")
    banner.wait_for()
    worksheet.refresh_from_db()
    assert worksheet.answers["reflection"] == "Written on the laptop"

    other.get_by_role("button", name="See both versions and choose").click()
    other.get_by_role("heading", name="The saved version").wait_for()
    screenshot(other, "cba-conflict-phone")
    assert axe_violations(other) == []
    assert other.get_by_text("Written on the laptop").is_visible()
    assert other.locator("#id_reflection").input_value() == "Written on the phone"
    other.get_by_role("button", name="Keep my version").click()
    other.get_by_text("Saved.").wait_for()
    worksheet.refresh_from_db()
    assert worksheet.answers["reflection"] == "Written on the phone"
    assert worksheet.revisions.filter(kind_of_save="conflict").exists()


def test_a_visitor_without_an_account_is_told_plainly_and_keeps_it_on_sign_up(page):
    page.goto("/worksheets/new/cba/")
    assert page.get_by_text("Not saved to an account").is_visible()
    page.locator("#id_stop_benefits-0-item").fill("Mornings with a clear head")
    wait_for_saved(page)
    screenshot(page, "cba-form-phone-visitor")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Sign up to keep it").click()
    page.get_by_label("Username").fill("clear-head")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/worksheets/[0-9a-f-]{36}/$"))

    assert page.locator("#id_stop_benefits-0-item").input_value() == "Mornings with a clear head"
    assert not page.get_by_text("Not saved to an account").is_visible()
    assert Worksheet.objects.get().owner.username == "clear-head"
    assert page.problems == []
    assert csp_violations(page) == []


def test_the_cba_and_its_summary_read_well_on_a_desktop(page):
    user = sign_in(page)
    worksheet = Worksheet.objects.create(
        owner=user,
        kind="cba",
        title="Desktop CBA",
        answers={
            "keep_benefits": [{"item": "Relief after work", "term": "short", "weight": 7}],
            "keep_costs": [{"item": "Sleep", "term": "long", "weight": 8}],
        },
    )
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/worksheets/{worksheet.pk}/")
    page.get_by_role("heading", name="Side by side").wait_for()
    assert page.get_by_text("Total weight: 7").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "cba-form-desktop")
    page.goto(f"/worksheets/{worksheet.pk}/print/")
    screenshot(page, "cba-print-desktop")
    assert axe_violations(page) == []

    worksheet.keep_revision(Revision.KindOfSave.SAVE)
    worksheet.keep_revision(Revision.KindOfSave.SAVE)
    for path in (
        f"/worksheets/{worksheet.pk}/revisions/",
        f"/worksheets/compare/?a={worksheet.pk}&ra=1&b={worksheet.pk}",
        f"/worksheets/{worksheet.pk}/delete/",
        "/accounts/delete/",
    ):
        page.goto(path)
        assert axe_violations(page) == [], path
    assert page.problems == []
    assert csp_violations(page) == []
