"""On a phone: the urge page stores itself for offline use (never a signed-in copy), opens with
no network, keeps a plan in this browser only until it is cleared, and signing out empties what
the worker stored."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client

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


STORED_COUNT = """caches.keys().then(async (names) => {
  let count = 0;
  for (const name of names) count += (await (await caches.open(name)).keys()).length;
  return count;
})"""


def signed_in(context, live_server) -> None:
    """A participant's session cookie in the browser, as after signing in."""
    client = Client()
    client.force_login(User.objects.create_user("harbour", password="a-long-passphrase-77"))
    cookie = client.cookies["sessionid"]
    context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_the_urge_page_works_offline_and_keeps_a_plan_on_the_phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, extra_http_headers={"Accept-Language": "en-GB"}
    )
    signed_in(context, live_server)
    page = watched_page(context)
    page.goto("/sos/")
    assert "harbour" in page.content()

    # The worker installs, stores the page and takes control of it.
    page.get_by_text("This page is now saved on this device").wait_for()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    # What the worker stored is the signed-out page: nothing of this participant.
    wait_until_stored(page, "/sos/")
    stored = page.evaluate("caches.match('/sos/').then((response) => response.text())")
    assert "An urge, right now" in stored
    assert "harbour" not in stored

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
    assert page.get_by_role("heading", name="Un impulso, ahora mismo").is_visible()

    # Nothing outside the allow-list was stored: another page needs the network.
    with pytest.raises(Exception, match="ERR_INTERNET_DISCONNECTED"):
        page.goto("/about/")

    # Signing out empties everything the worker stored.
    context.set_offline(False)
    page.goto("/about/")
    assert page.evaluate(STORED_COUNT) > 0
    # The header's sign-out form (inside the phone's closed menu), submitted as its button would.
    with page.expect_navigation():
        page.evaluate(
            "document.querySelector('form[action=\"/accounts/logout/\"]').requestSubmit()"
        )
    assert "harbour" not in page.content()
    for _ in range(100):
        if page.evaluate(STORED_COUNT) == 0:
            break
        page.wait_for_timeout(100)
    assert page.evaluate(STORED_COUNT) == 0
    context.close()
