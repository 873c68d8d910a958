"""Small timing helpers shared by the evidence benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def measure(fn: Callable[[], Any], repeat: int) -> tuple[float, float]:
    """(median, p95) in milliseconds over ``repeat`` runs after one warm-up run."""
    fn()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return statistics.median(times), p95


def report(name: str, med: float, p95: float, base: float | None = None) -> None:
    ratio = f"  ×{med / base:6.1f} baseline" if base else ""
    print(f"  {name:<46} median {med:8.2f} ms   p95 {p95:8.2f} ms{ratio}")
