from __future__ import annotations

import importlib
import re

import pytest
from django.apps import apps
from django.core.management import call_command

from tests.e2e.conftest import axe_violations, csp_violations
from toolbox.models import Point
from worksheets.models import StageCheckIn

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def toolbox_content(transactional_db) -> None:
    """Load the content again as a migrated, loaded site has it: each test's flush removes it."""
    if not Point.objects.exists():
        migration = importlib.import_module("toolbox.migrations.0002_content")
        migration.load_content(apps, schema_editor=None)
        migration = importlib.import_module("toolbox.migrations.0003_vaci_replaces_vacation")
        migration.vacation_to_vaci(apps, schema_editor=None)
        call_command("load_toolbox", verbosity=0)


PAGES = [
    "/toolbox/",
    "/toolbox/coping-with-urges/",
    "/toolbox/tools/urge-log/",
    "/toolbox/tools/abc/",
    "/stages/",
    "/stages/relapse/",
    "/stages/check-in/",
    "/toolbox/search/?q=urges",
    "/about/",
    "/about/meeting-outline/",
    "/privacy/",
    # The pages and worksheets issue 14 corrected or added.
    "/toolbox/tools/vaci/",
    "/toolbox/tools/triggers/",
    "/toolbox/tools/unconditional-self-acceptance/",
    "/toolbox/tools/disputing-irrational-beliefs/",
    "/toolbox/family-and-friends/",
    "/worksheets/new/vaci/",
    "/worksheets/new/disarm/",
    "/worksheets/new/deads/",
    "/worksheets/new/problem-solving/",
    "/worksheets/new/journal/",
    "/worksheets/new/triggers/",
    "/worksheets/new/week-plan/",
    "/worksheets/new/goals/",
    "/worksheets/new/acceptance/",
]


def test_a_newcomer_walks_from_the_home_page_to_a_stage_a_tool_and_its_worksheet(page):
    page.goto("/")
    page.get_by_role("link", name="Explore the toolbox").click()
    page.get_by_role("heading", name="The toolbox", level=1).wait_for()

    page.get_by_role("link", name="The stages of change and their tools").click()
    page.get_by_role("heading", name="The stages of change", level=1).wait_for()

    page.locator("svg.stage-cycle-drawing").get_by_role("link", name="Action").click()
    page.wait_for_url("**/stages/action/")
    page.get_by_role("heading", name="Action", level=1).wait_for()

    page.get_by_role("link", name="Urge Log", exact=True).click()
    page.wait_for_url("**/toolbox/tools/urge-log/")
    page.get_by_role("heading", name="Urge Log", level=1).wait_for()

    worksheet = page.get_by_role("link", name="Start this worksheet")
    assert worksheet.get_attribute("href") == "/worksheets/urges/"
    assert worksheet.is_visible()
    assert page.problems == []
    assert csp_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_toolbox_and_stage_pages_have_no_serious_accessibility_violations(page, path):
    response = page.goto(path)

    assert response.status == 200
    assert axe_violations(page) == []
    assert page.problems == []
    assert csp_violations(page) == []


@pytest.mark.parametrize("path", PAGES)
def test_toolbox_pages_fit_a_phone_without_sideways_scrolling(page, path):
    page.goto(path)

    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_every_page_the_sitemap_lists_fits_a_phone_in_english_and_german(page, live_server):
    """The fixed pages and the toolbox, as search engines list them; German for its long words
    (a stage's title, "Determination/Preparation", once pushed its page sideways)."""
    listed = []
    for section in ("pages", "toolbox"):
        sitemap = page.request.get(f"/sitemap-{section}.xml").text()
        listed += re.findall(rf"<loc>{re.escape(live_server.url)}(/(?:de/)?[^<]*)</loc>", sitemap)
    paths = [path for path in listed if not re.match(r"^/(es|fr|nl|pt|sv)/", path)]
    assert len(paths) > 60

    wide = []
    for path in paths:
        page.goto(path)
        if page.evaluate("document.documentElement.scrollWidth") > 360:
            wide.append(path)
    assert wide == []


def test_every_stage_in_the_cycle_drawing_is_a_keyboard_reachable_link(page):
    page.goto("/stages/")
    drawing = page.locator("svg.stage-cycle-drawing")

    stage_links = drawing.locator("a")
    assert stage_links.count() == 7
    stage_links.nth(1).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/stages/contemplation/")


def test_the_check_in_suggests_a_stage_and_its_tools_without_storing_anything(page):
    page.goto("/stages/check-in/")
    page.get_by_role("group", name=re.compile("How important")).get_by_text("8", exact=True).click()
    page.get_by_role("group", name=re.compile("how confident")).get_by_text("5", exact=True).click()
    page.get_by_label("Not yet").check()
    page.get_by_role("group", name=re.compile("gone back")).get_by_label("No").check()
    page.get_by_role("group", name=re.compile("a plan, or a date")).get_by_label("Yes").check()
    page.get_by_label("Now and then").check()
    page.get_by_role("button", name="See where I might be").click()

    result = page.get_by_role("region", name=re.compile("seems to fit"))
    result.get_by_role("heading", name="Determination/Preparation").wait_for()
    assert result.get_by_role("link", name="Change Plan", exact=True).is_visible()
    assert result.get_by_text("Nothing you entered was stored.").is_visible()
    assert StageCheckIn.objects.count() == 0
    assert axe_violations(page) == []
    assert page.problems == []
