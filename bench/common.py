"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence


def timings_ms(action: Callable[[], object], repeat: int, warmup: int = 5) -> list[float]:
    """Run ``action`` ``warmup`` times unmeasured, then ``repeat`` times; milliseconds each."""
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def summary(name: str, samples: Sequence[float]) -> list[str]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return [name, str(len(samples)), f"{statistics.median(ordered):.2f}", f"{p95:.2f}"]


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    line = "  ".join(cell.ljust(width) for cell, width in zip(header, widths, strict=True))
    print(line)
    print("-" * len(line))
    for row in rows:
        print("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)))
