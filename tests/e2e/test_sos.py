"""On a phone: the urge page stores itself for offline use, opens with no network, and keeps
a plan in this browser only until it is cleared."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import axe_violations, csp_violations, screenshot, watched_page

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
PLAN = "Call Sam. Walk round the block. Tea, then bed."


def wait_until_stored(page, path: str) -> None:
    """Asks the page's caches until the worker has stored ``path`` (wait_for_function does not
    wait for a promise)."""
    for _ in range(100):
        if page.evaluate("(path) => caches.match(path).then(Boolean)", path):
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was never stored")


def test_the_urge_page_works_offline_and_keeps_a_plan_on_the_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, extra_http_headers={"Accept-Language": "en-GB"}
    )
    page = watched_page(context)
    page.goto("/sos/")

    # The worker installs, stores the page and takes control of it.
    page.get_by_text("This page is now saved on this device").wait_for()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    page.get_by_label("My plan", exact=True).fill(PLAN)
    page.get_by_role("button", name="Keep it on this phone").click()
    page.get_by_text("Kept on this phone, in this browser only").wait_for()

    context.set_offline(True)
    page.reload()

    assert page.get_by_role("heading", name="An urge, right now").is_visible()
    assert page.get_by_role("link", name="116 123").first.is_visible()
    assert page.get_by_label("My plan", exact=True).input_value() == PLAN
    # The timer runs offline, from the keyboard.
    page.get_by_role("button", name="Start the timer").focus()
    page.keyboard.press("Enter")
    page.get_by_text("Timer started: 15 minutes.").wait_for()
    assert page.get_by_role("button", name="Pause").is_visible()
    screenshot(page, "sos-offline-phone")

    page.get_by_role("button", name="Clear it from this phone").click()
    page.get_by_text("Cleared. Nothing of your plan is left on this phone.").wait_for()
    assert page.evaluate("Object.keys(localStorage)") == []
    assert csp_violations(page) == []
    assert page.problems == []

    # The crisis numbers were stored with it.
    page.goto("/sos/numbers/")
    assert page.get_by_role("heading", name="Crisis numbers").is_visible()
    assert axe_violations(page) == []

    # The page in another language is stored when it is opened, and then works offline too.
    context.set_offline(False)
    page.goto("/es/sos/")
    wait_until_stored(page, "/es/sos/")
    context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", name="An urge, right now").is_visible()

    # Nothing outside the allow-list was stored: another page needs the network.
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto("/about/")
    context.close()
