"""Screenshots of the pages the design issue touched, at 390 and 1366 px, for a person to look at.

    .venv/bin/python scripts/shoot_pages.py http://127.0.0.1:8000 docs/screenshots/after

Signs in as USERNAME/PASSWORD from the environment (SHOOT_USER, SHOOT_PASSWORD) for the private
pages, and starts a worksheet if the account has none. Uses the system's Chromium.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

WIDTHS = {"phone": (390, 844), "desktop": (1366, 900)}
PUBLIC = {
    "home": "/",
    "finder-austin": "/meetings/?near=Austin%2C+TX",
    "online": "/meetings/online/",
    "meeting-in-person": "/meetings/{in_person}/",
    "meeting-online": "/meetings/{online}/",
    "worksheets-anonymous": "/worksheets/",
    "toolbox": "/toolbox/",
    "login": "/accounts/login/",
}
PRIVATE = {
    "worksheets-list": "/worksheets/",
    "worksheet": "{worksheet}",
    "worksheet-share": "{worksheet}share/",
    "account": "/accounts/",
}


def shoot(page, path: Path) -> None:
    """The whole page, cut at 4,000 px (a day of online meetings is 20,000)."""
    height = min(page.evaluate("document.documentElement.scrollHeight"), 4000)
    width = page.viewport_size["width"]
    page.screenshot(
        path=str(path), full_page=True, clip={"x": 0, "y": 0, "width": width, "height": height}
    )


def main(base: str, out: Path, in_person: str, online: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    executable = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    user = os.environ.get("SHOOT_USER", "design-shots")
    password = os.environ.get("SHOOT_PASSWORD", "design-shots-pass")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        for label, (width, height) in WIDTHS.items():
            context = browser.new_context(
                base_url=base,
                viewport={"width": width, "height": height},
                timezone_id="America/Chicago",
            )
            context.set_default_timeout(90_000)
            page = context.new_page()
            for name, path in PUBLIC.items():
                page.goto(path.format(in_person=in_person, online=online))
                page.wait_for_load_state("networkidle")
                shoot(page, out / f"{name}-{label}.png")
            page.goto("/accounts/login/")
            page.fill("input[name=username]", user)
            page.fill("input[name=password]", password)
            page.locator("main form [type=submit]").first.click()
            page.wait_for_load_state()
            page.goto("/worksheets/")
            link = page.locator("main a[href^='/worksheets/']")
            worksheet = ""
            for href in link.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
                parts = href.strip("/").split("/")
                if len(parts) == 2 and len(parts[1]) == 36:
                    worksheet = href
                    break
            if not worksheet:
                page.goto("/worksheets/new/cba/")
                answer = "Less money spent, more mornings with the kids."
                page.locator("main textarea").first.fill(answer)
                page.locator("main form button[type=submit]").first.click()
                page.wait_for_load_state()
                worksheet = "/" + page.url.split("/", 3)[3].split("?")[0]
            for name, path in PRIVATE.items():
                page.goto(path.format(worksheet=worksheet))
                page.wait_for_load_state("networkidle")
                shoot(page, out / f"{name}-{label}.png")
            context.close()
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4])
