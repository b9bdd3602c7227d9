"""Which release of the code, templates, translations and packages a process runs, as a hash.

Kept markup and kept search results (pickled meetings) are made by the release that kept them:
on a shared cache (Redis), the app servers of the next release must not be served them. Their
cache keys start with this fingerprint, so a release starts with keys of its own, and the app
servers of one release (the same files) share theirs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# Folders under the project that hold no code the site runs.
SKIPPED = {".git", ".venv", ".data", "build", "node_modules", "tests", "bench", "tools", "docs"}
# Code, templates, translations, and the pinned packages (a new Django pickles models anew).
SOURCES = (".py", ".html", ".txt", ".svg", ".po", ".lock")


def fingerprint(root: Path) -> str:
    """A hash of every source file under ``root`` (its path and contents): the same on every
    machine with the same release, different as soon as one file differs."""
    digest = hashlib.sha256()
    for folder, folders, files in os.walk(root):
        folders[:] = sorted(name for name in folders if name not in SKIPPED)
        for name in sorted(files):
            if name.endswith(SOURCES):
                path = Path(folder, name)
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
