"""Build the large synthetic dataset used by every benchmark.

    python -m benchmarks.generate --data-dir /tmp/pe-bench [--placements 150] [--years 15]

Default: fifteen years of a busy practice educator, about 150 placements with
attendance and meetings. Features add their records by appending a function
``(ctx, rng, scale) -> dict[str, int]`` to :data:`EXTENDERS` (in its own
``benchmarks/gen_*.py`` module); ``scale`` is placements / 150.
"""

from __future__ import annotations

import argparse
import importlib
import random
import shutil
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

#: Modules whose ``extend(ctx, rng, scale)`` add records after the placements.
EXTENDERS: list[str] = [
    "benchmarks.gen_currency",
    "benchmarks.gen_evidence",
    "benchmarks.gen_reports",
    "benchmarks.gen_qa",
]

Extender = Callable[[Any, random.Random, float], dict[str, int]]


def build(data_dir: Path, placements: int = 150, years: int = 15, seed: int = 2026,
          today: date | None = None) -> dict[str, int]:
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import populate
    from pe_desktop.services.profile import ProfileData, ProfileService

    if data_dir.exists():
        shutil.rmtree(data_dir)
    from pe_desktop.clock import FixedClock

    ctx = open_context(data_dir, clock=FixedClock(today) if today else None)
    try:
        ProfileService(ctx).save(ProfileData("Benchmark Practice Educator", "SW900001",
                                             "Benchmark Borough Council"))
        counts = populate(ctx, placements=placements, seed=seed, years=years)
        rng = random.Random(seed)
        for name in EXTENDERS:
            fn: Extender = importlib.import_module(name).extend
            for key, n in fn(ctx, rng, placements / 150).items():
                counts[key] = counts.get(key, 0) + n  # extenders may add to the same tables
    finally:
        ctx.close()
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--placements", type=int, default=150)
    ap.add_argument("--years", type=int, default=15)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    counts = build(args.data_dir, args.placements, args.years, args.seed)
    dt = time.perf_counter() - t0
    print(f"built {args.data_dir} in {dt:.1f} s:",
          ", ".join(f"{k}={v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
