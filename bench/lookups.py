"""Place lookups against the whole gazetteer, by kind: exact, subdivision, postcode, typo, unknown.

1,000 typed places by default (200 of each kind), from the ten country families the tests
cover, and every kind together.

DESIGN.md: p95 under 15 ms for every kind, and an unknown place costing no more than a typo.
In-process (``DEBUG`` off), on the 10,000-meeting benchmark database (any of them holds the
full gazetteer): ``geocode()`` timed with every cache emptied before each call (Django's cache
and the rows of ``GeocodeCache``), so each call reaches the gazetteer; then the same places
again from the cache. Unknown places are random letters (seeded, so every run asks the same),
which share few trigrams with any city, and random words of real-looking text; "adversarial"
text is made of the commonest trigrams, the worst case found. ``EXPLAIN (ANALYZE)`` of the
fuzzy query for one typo shows which index it reads. ``BENCH_LOOKUP_RUNS`` sets the timed
calls per kind (default 200).
"""

from __future__ import annotations

import contextlib
import os
import random
import string
import time

from django.core.cache import caches
from django.db import connection, transaction
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from bench.common import print_table, summary
from bench.database import bench_database
from meetings import places
from meetings.geocoding import GeocodingError, geocode
from meetings.models import GeocodeCache, Place

MEETINGS = 10_000
# 200 of each of the five kinds people type: 1,000 typed places.
RUNS = int(os.environ.get("BENCH_LOOKUP_RUNS", "200"))
TARGET_MS = 15.0
KINDS = {
    "exact": [
        "Austin, TX",
        "London",
        "Chicago",
        "Paris, France",
        "Toronto",
        "Sydney",
        "Marfa, TX",
        "Mullingar",
        "Hay-on-Wye",
        "NYC",
        "Bombay",
        "Ciudad de México",
        "København",
        "Köln",
        "Monterrey",
    ],
    "subdivision": [
        "Springfield, Missouri",
        "Portland, Oregon",
        "Manchester, NH",
        "London, Canada",
        "Perth, Australia",
        "Toronto, ON",
        "Brisbane, QLD",
        "Halifax, NS",
        "Brisbane QLD 4000",
        "Perth WA",
        "Cork Ireland",
        "Nürnberg, Bayern",
        "Christchurch NZ",
        "Guadalajara, Jalisco",
        "Chennai, Tamil Nadu",
        "Truro, Cornwall",
        "Texas",
    ],
    "postcode": [
        "78701",
        "10001",
        "60614-1234",
        "94103",
        "02139",
        "M5V 2T6",
        "H2X",
        "V6B 1A1",
        "SW1A 1AA",
        "EH1",
        "10 Downing St, London SW1A 2AA",
    ],
    "typo": [
        "Manchestr, UK",
        "Pittsbrugh",
        "Austn",
        "Philadelpia",
        "Sydny, Australia",
        "San Francsco",
        "Lndon",
        "Albequerque",
        "Pittsburg, PA",
        "Torontoo",
        "Edinbrugh",
        "Muenchenn",
    ],
}
# Worst cases found by hand: short or repetitive text made of the commonest trigrams, which
# every fuzzy lookup must compare with thousands of candidates.
ADVERSARIAL = ["sa", "st", "an", "la", "santa", "san san san san", ("san " * 50)[:200], "a"]
WORDS = ["lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed"]


def unknown_places(count: int) -> list[str]:
    """Junk nobody lives in, as a flood would send: random letters and random words by turns."""
    rng = random.Random(42)
    places = []
    for number in range(count):
        if number % 2:
            places.append(" ".join(rng.sample(WORDS, rng.randint(2, 4))))
        else:
            length = rng.randint(6, 14)
            places.append("".join(rng.choice(string.ascii_lowercase) for _ in range(length)))
    return places


def clear_caches() -> None:
    """Every cache, the ``geocoding`` one that remembers outcomes included."""
    for each in caches.all():
        each.clear()


def look_up(text: str) -> None:
    with contextlib.suppress(GeocodingError):
        geocode(text)


def cold_timings(texts: list[str]) -> list[float]:
    """Each lookup with every cache emptied first (the emptying not timed), in milliseconds."""
    samples = []
    for text in texts:
        clear_caches()
        GeocodeCache.objects.all().delete()
        start = time.perf_counter()
        look_up(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def warm_timings(texts: list[str]) -> list[float]:
    """The same lookups again, each once first so that it is cached."""
    for text in set(texts):
        look_up(text)
    samples = []
    for text in texts:
        start = time.perf_counter()
        look_up(text)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def fuzzy_plan(text: str) -> str:
    """EXPLAIN (ANALYZE) of the slowest query a lookup of ``text`` runs, in its transaction."""
    clear_caches()
    GeocodeCache.objects.all().delete()
    with CaptureQueriesContext(connection) as captured:
        look_up(text)
    slowest = max(captured.captured_queries, key=lambda query: float(query["time"]))
    with transaction.atomic(), connection.cursor() as cursor:
        # Replay what set the query's surroundings (a similarity threshold), then explain it.
        for query in captured.captured_queries:
            if "set_config" in query["sql"]:
                cursor.execute(query["sql"])
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {slowest['sql']}")
        return "\n".join(row[0] for row in cursor.fetchall())


def run() -> None:
    # DEBUG off, as in production: no query log.
    with bench_database(MEETINGS), override_settings(DEBUG=False):
        # A database filled before the world gazetteer (no other names) is filled again.
        if not Place.objects.filter(kind=Place.Kind.ALIAS).exists():
            print(f"Gazetteer reloaded: {places.load()}")
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM meetings_place")
            gazetteer = cursor.fetchone()[0]
        kinds = {
            **{kind: [texts[n % len(texts)] for n in range(RUNS)] for kind, texts in KINDS.items()},
            "unknown": unknown_places(RUNS),
            "adversarial": [ADVERSARIAL[n % len(ADVERSARIAL)] for n in range(RUNS)],
        }
        # One untimed pass loads the lookup tables and warms PostgreSQL's buffers.
        for texts in kinds.values():
            cold_timings(texts[:10])
        load = os.getloadavg()[0]
        cold = {kind: cold_timings(texts) for kind, texts in kinds.items()}
        warm = {kind: warm_timings(texts) for kind, texts in kinds.items()}
        print(f"\nEXPLAIN (ANALYZE, BUFFERS) of the slowest query looking up {KINDS['typo'][0]!r}:")
        print(fuzzy_plan(KINDS["typo"][0]))
    typo_p95 = float(summary("", cold["typo"])[3])
    rows = []
    for kind, samples in cold.items():
        row = summary(f"{kind}, uncached", samples)
        verdict = "met" if float(row[3]) < TARGET_MS else "MISSED"
        rows.append([*row, f"{float(row[3]) / typo_p95:.2f}", f"{verdict} (< {TARGET_MS:g})"])
    typed = [
        sample for kind, samples in cold.items() if kind != "adversarial" for sample in samples
    ]
    row = summary(f"all {len(typed):,} typed places, uncached", typed)
    verdict = "met" if float(row[3]) < TARGET_MS else "MISSED"
    rows.append([*row, f"{float(row[3]) / typo_p95:.2f}", f"{verdict} (< {TARGET_MS:g})"])
    for kind, samples in warm.items():
        rows.append([*summary(f"{kind}, cached", samples), "", ""])
    print_table(
        f"Place lookups, {gazetteer:,} gazetteer places (geocode() in-process, "
        f"load average {load:.1f}, ms)",
        ["what", "runs", "p50", "p95", "p95 / typo p95", "p95 target"],
        rows,
    )
