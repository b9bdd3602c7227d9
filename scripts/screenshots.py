"""Makes README's three screenshots (home, the finder on a phone, a worksheet) into
docs/screenshots/, from the browser tests' live server and demo-sized test data, so they can be
refreshed after any change to the look:

    .venv/bin/python scripts/screenshots.py        (or: make screenshots)

Needs Chromium (apt-get install -y chromium), like the browser tests.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "docs" / "screenshots"


def main() -> int:
    environment = {**os.environ, "README_SCREENSHOTS": str(FOLDER), "E2E_REQUIRED": "1"}
    command = [
        sys.executable,
        "-m",
        "pytest",
        "tests/e2e/test_design.py::test_the_readme_screenshots",
        "-q",
        "-p",
        "no:cacheprovider",
    ]
    status = subprocess.call(command, cwd=ROOT, env=environment)
    if status == 0:
        for name in ("home.png", "finder-phone.png", "worksheet.png"):
            print(FOLDER / name)
    return status


if __name__ == "__main__":
    sys.exit(main())
