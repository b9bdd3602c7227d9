"""Run the benchmarks: ``python -m bench`` runs them all, ``python -m bench finder feed`` some.

``make bench`` sets up the database first.
"""

from __future__ import annotations

import os
import sys

import django

NAMES = ("pages", "seed", "imports", "finder", "feed", "page_weight", "lookups", "flood")


def main(chosen: list[str]) -> None:
    unknown = sorted(set(chosen) - set(NAMES))
    if unknown:
        sys.exit(f"Unknown benchmark(s): {', '.join(unknown)}. Choose from: {', '.join(NAMES)}.")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartrecovery.settings")
    django.setup()
    import importlib

    for name in chosen or NAMES:
        importlib.import_module(f"bench.{name}").run()


if __name__ == "__main__":
    main(sys.argv[1:])
