"""Browser tests: Playwright driving the system's Chromium against a live server.

Without Chromium they skip, saying how to install it, unless E2E_REQUIRED=1 (CI), when a
missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

AXE_SOURCE = Path(__file__).with_name("vendor").joinpath("axe.min.js")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
# Records Content-Security-Policy violations, which Chromium does not always log as errors.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder is a browser test, marked or not: `make test-fast` skips it."""
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


def chromium_path() -> str | None:
    return (
        os.environ.get("CHROMIUM_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = chromium_path()
    if executable is None:
        message = "Chromium is not installed: run `apt-get install -y chromium` for browser tests."
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# A 1x1 transparent PNG served for map tiles: the tile server is on the network tests never use.
BLANK_TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000105fe02fea70000000049454e44ae426082"
)


def serve_blank_tiles(context) -> None:
    from django.conf import settings

    origin = settings.MAP_TILE_URL.split("/{z}")[0]
    context.route(
        f"{origin}/**",
        lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE),
    )


class Problems(list):
    """Console errors, page errors and CSP violations seen while a test ran."""


def watched_page(context):
    """A new page in ``context`` that collects console errors, page errors and CSP violations
    in ``page.problems`` (and sees blank map tiles instead of the network)."""
    context.set_default_timeout(10_000)
    serve_blank_tiles(context)
    page = context.new_page()
    page.problems = Problems()
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda message: message.type == "error" and page.problems.append(message.text),
    )
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


@pytest.fixture
def page(browser, live_server) -> Iterator:
    context = browser.new_context(base_url=live_server.url, viewport=PHONE)
    yield watched_page(context)
    context.close()


@pytest.fixture(autouse=True)
def fresh_key_check():
    """Browser tests flush the database, the worksheet key canary included."""
    from worksheets import crypto

    crypto.forget_checked_keys()


def screenshot(page, name: str) -> None:
    """Keep a picture of the page when SCREENSHOT_DIR is set, for a person to look at."""
    folder = os.environ.get("SCREENSHOT_DIR")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def csp_violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def axe_violations(page, impacts: tuple[str, ...] = ("serious", "critical")) -> list[dict]:
    """Run axe-core in the page (evaluated, so the page's own CSP does not block it), once it
    has loaded: a text can be found before the stylesheets arrive, and axe would then judge
    colours the page does not have (it did on a loaded machine)."""
    page.wait_for_load_state("load")
    page.evaluate(AXE_SOURCE.read_text())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in impacts
    ]
