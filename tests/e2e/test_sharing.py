"""Browser test: a participant shares a worksheet; the link opens read-only elsewhere."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import User

from tests.e2e.conftest import PHONE, axe_violations, csp_violations, watched_page
from worksheets.models import ShareLink, ShareView, Worksheet

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-passphrase-9"
PLAN = "Text my sister and walk round the block"


def sign_in(page, username: str) -> User:
    user = User.objects.create_user(username, password=PASSWORD)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("/")
    return user


def test_a_shared_worksheet_opens_read_only_in_another_browser(page, browser, live_server):
    owner = sign_in(page, "harbour")
    worksheet = Worksheet.objects.create(
        owner=owner,
        kind="deads",
        title="Friday plan",
        answers={"situation": "Friday after work", "distract": PLAN, "confidence": 7},
    )
    Worksheet.objects.create(owner=owner, kind="abc", title="Private ABC", answers={})

    page.goto(f"/worksheets/{worksheet.pk}/")
    page.get_by_role("link", name="Share with a facilitator").click()
    page.get_by_text("No links yet: this worksheet is not shared.").wait_for()
    page.get_by_label("7 days").check()
    page.get_by_role("button", name="Make a read-only link").click()
    address = page.locator("#new-link a").get_attribute("href")
    token = urlsplit(address).fragment
    assert urlsplit(address).path == "/worksheets/shared/" and len(token) >= 40
    assert axe_violations(page) == []

    # Someone with no account, in a browser of their own; every request it makes is recorded.
    context = browser.new_context(viewport=PHONE)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    other = watched_page(context)
    try:
        other.goto(address)
        other.get_by_role("heading", name="Friday plan").wait_for()
        # The token stayed in the browser: the worksheet is at an address without it.
        assert token not in other.url
        assert urlsplit(other.url).path.startswith("/worksheets/shared/")
        assert other.get_by_text(PLAN).is_visible()
        assert other.get_by_text("read-only copy of one worksheet").is_visible()
        assert other.locator("textarea, input:not([type=hidden]), select").count() == 0
        assert other.get_by_role("button", name="Print this page").is_visible()
        assert other.get_by_text("Private ABC").count() == 0
        assert axe_violations(other) == []
        assert csp_violations(other) == []
        assert other.problems == []
        assert page.problems == []
        assert ShareView.objects.filter(link__worksheet=worksheet).count() == 1

        # The owner sees the view, then revokes the link; it stops working at once.
        page.goto(f"/worksheets/{worksheet.pk}/share/")
        page.get_by_text("Opened 1 time").wait_for()
        page.get_by_role("button", name="Revoke").click()
        page.get_by_text("The link is revoked").wait_for()
        other.goto(address)
        other.get_by_role("heading", name="This link is no longer active").wait_for()
        assert other.get_by_text(PLAN).count() == 0
    finally:
        context.close()
    assert any("/worksheets/shared/" in url for url in requested)
    for url in requested:
        assert token not in urlsplit(url).path
        assert token not in urlsplit(url).query


def test_without_javascript_the_pasted_link_opens_the_worksheet(page, browser, live_server):
    owner = sign_in(page, "lantern")
    worksheet = Worksheet.objects.create(
        owner=owner, kind="deads", title="Sunday plan", answers={"distract": PLAN}
    )
    page.goto(f"/worksheets/{worksheet.pk}/share/")
    page.get_by_role("button", name="Make a read-only link").click()
    address = page.locator("#new-link a").get_attribute("href")

    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    requested = []
    context.on("request", lambda request: requested.append(request.url))
    other = watched_page(context)
    try:
        other.goto(address)
        other.get_by_text("paste the whole link you were sent here").wait_for()
        other.get_by_label("The link you were sent").fill(address)
        other.get_by_role("button", name="Open the worksheet").click()
        other.get_by_role("heading", name="Sunday plan").wait_for()
        assert other.get_by_text(PLAN).is_visible()
    finally:
        context.close()
    token = urlsplit(address).fragment
    assert all(token not in urlsplit(url).path + urlsplit(url).query for url in requested)
    # The page a link lands on, as a browser with JavaScript sees it without a token.
    page.goto("/worksheets/shared/")
    page.get_by_label("The link you were sent").wait_for()
    assert axe_violations(page) == []
    assert csp_violations(page) == []
    assert page.problems == []


def test_a_facilitator_signs_out_from_a_shared_worksheet(page, browser, live_server):
    owner = User.objects.create_user("anchor", password=PASSWORD)
    worksheet = Worksheet.objects.create(
        owner=owner, kind="deads", title="Monday plan", answers={"distract": PLAN}
    )
    sign_in(page, "facilitator-fern")
    _, token = ShareLink.issue(worksheet, datetime.timedelta(days=1))

    page.goto(f"/worksheets/shared/#{token}")
    page.get_by_role("heading", name="Monday plan").wait_for()
    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("button", name="Sign out").click()

    page.wait_for_url("/")
    assert not page.context.cookies() or all(
        cookie["name"] != "sessionid" for cookie in page.context.cookies()
    )
    assert page.problems == []
