"""Run every benchmark: ``python -m bench`` (``make bench`` sets up the database first)."""

from __future__ import annotations

import os

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "smartrecovery.settings")
    django.setup()
    from bench import feed, finder, page_weight, pages, seed

    for benchmark in (pages, seed, finder, feed, page_weight):
        benchmark.run()


if __name__ == "__main__":
    main()
