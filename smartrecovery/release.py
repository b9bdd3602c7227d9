"""Which release of the code, templates and translations a process runs, as a short hash.

Kept markup and kept search results are made by the code and templates of the release that
kept them: on a shared cache (Redis), app servers of the next release must not be served them.
Their cache keys start with this fingerprint, so a release starts with keys of its own, and
app servers of one release (same files) share theirs.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

# Folders under the project that hold no code the site runs.
SKIPPED = {".git", ".venv", ".data", "build", "node_modules", "tests", "bench", "tools", "docs"}
SOURCES = (".py", ".html", ".txt", ".svg", ".po")


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
