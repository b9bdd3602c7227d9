from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from tests.e2e.conftest import PHONE, axe_violations, csp_violations, screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-browser-passphrase-8"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    # Sign-ups count against a limit per client address, which every browser test shares.
    cache.clear()


def test_a_newcomer_signs_up_signs_out_and_signs_back_in(page):
    page.goto("/")
    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("link", name="Sign up").click()

    page.get_by_label("Username").fill("morning-walk")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()

    page.get_by_text("Welcome, morning-walk.").wait_for()
    assert User.objects.filter(username="morning-walk").exists()
    page.wait_for_load_state("load")

    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in", include_hidden=True).wait_for(state="attached")

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("morning-walk")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.get_by_role("link", name="Account (morning-walk)", include_hidden=True).wait_for(
        state="attached"
    )
    assert page.problems == []
    assert csp_violations(page) == []


def test_sign_up_errors_are_shown_beside_the_field(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("morning-walk")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill("something-else-entirely")
    page.get_by_role("button", name="Create account").click()

    error = page.locator("#id_password2 ~ .invalid-feedback, #error_1_id_password2")
    assert "didn’t match" in error.first.inner_text()
    assert axe_violations(page) == []


def test_a_newcomer_looks_after_their_account_on_a_phone(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("evening-swim")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_text("Welcome, evening-swim.").wait_for()
    # The menu button works once its deferred script has run (under load, after the text shows).
    page.wait_for_load_state("load")

    page.get_by_role("button", name="Show or hide the menu").click()
    page.get_by_role("link", name="Account (evening-swim)").click()
    page.get_by_role("heading", name="My account").wait_for()
    assert page.url.endswith("/accounts/")
    main = page.get_by_role("main")
    for link in ("Change password", "Download everything (JSON)", "Printable page"):
        assert main.get_by_role("link", name=link).is_visible()
    assert main.get_by_role("link", name="Delete my account").is_visible()
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []

    page.get_by_label("Email", exact=True).fill("swimmer@example.org")
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Save email address").click()
    page.get_by_text("Thank you.").wait_for()
    assert User.objects.get(username="evening-swim").email == "swimmer@example.org"
    assert "swimmer@example.org" in main.locator("dl").inner_text()
    screenshot(page, "account-page")
    assert axe_violations(page) == []

    main.get_by_role("button", name="Sign out").click()
    page.get_by_role("link", name="Sign in", include_hidden=True).wait_for(state="attached")
    assert page.url.endswith("/")
    assert page.problems == []
    assert csp_violations(page) == []
