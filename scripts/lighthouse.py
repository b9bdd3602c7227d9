"""Lighthouse (pinned in tools/lighthouse/package.json) on its phone profile against a running
server: the home page, the finder near Austin, the online schedule, a meeting page and a
worksheet. Prints a Markdown table of the four scores, the largest contentful paint and the
bytes transferred, for docs/performance.md.

    (cd tools/lighthouse && npm ci)
    .venv/bin/python scripts/lighthouse.py http://127.0.0.1:8000

Measure a production-like server (DEBUG=0, gunicorn, WhiteNoise's compressed and hashed static
files), not runserver, which neither compresses nor caches: see docs/performance.md.
Chromium comes from CHROME_PATH, else /usr/bin/chromium. Reports are kept in build/lighthouse/.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "build" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Enough rounds for every gunicorn worker to have served each page once.
WARM_UP_ROUNDS = 4


def pages(base: str) -> dict[str, str]:
    finder = f"{base}/meetings/?near=Austin%2C+TX"
    with urllib.request.urlopen(finder) as response:
        html = response.read().decode()
    meeting = re.search(r'class="meeting-title[^"]*"><a href="(/meetings/[^"/]+/)"', html)
    if meeting is None:
        raise SystemExit("No meeting near Austin on the finder: load the demo data (make db).")
    return {
        "home": f"{base}/",
        "finder near Austin": finder,
        "online schedule": f"{base}/meetings/online/",
        "meeting page": f"{base}{meeting.group(1)}",
        "worksheet": f"{base}/worksheets/new/cba/",
    }


def audit(name: str, url: str) -> dict:
    REPORTS.mkdir(parents=True, exist_ok=True)
    report = REPORTS / f"{name.replace(' ', '-')}.json"
    environment = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
        ],
        check=True,
        env=environment,
    )
    data = json.loads(report.read_text())
    audits = data["audits"]
    return {
        **{key: round(data["categories"][key]["score"] * 100) for key in CATEGORIES},
        "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
        "kb": audits["total-byte-weight"]["numericValue"] / 1024,
        "version": data["lighthouseVersion"],
    }


def warm_up(urls: list[str], rounds: int = WARM_UP_ROUNDS) -> None:
    """Ask for each page a few times first: a worker's first request of a kind loads what it
    imports lazily (hundreds of ms), which a running site has long since paid."""
    for _ in range(rounds):
        for url in urls:
            with urllib.request.urlopen(url) as response:
                response.read()


def main(base: str) -> None:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: (cd tools/lighthouse && npm ci)")
    urls = pages(base.rstrip("/"))
    warm_up(list(urls.values()))
    rows = {name: audit(name, url) for name, url in urls.items()}
    version = next(iter(rows.values()))["version"]
    print(f"Lighthouse {version}, phone profile (simulated slow 4G, 4x CPU slowdown)\n")
    print("| page | performance | accessibility | best practices | SEO | LCP | transferred |")
    print("|---|---|---|---|---|---|---|")
    for name, row in rows.items():
        print(
            f"| {name} | {row['performance']} | {row['accessibility']} | "
            f"{row['best-practices']} | {row['seo']} | {row['lcp']:.1f} s | {row['kb']:.0f} KB |"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
