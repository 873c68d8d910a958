"""Time the currency status, overview and dashboard on the large dataset.

    python -m benchmarks.generate --data-dir /tmp/pe-bench
    python -m benchmarks.bench_currency --data-dir /tmp/pe-bench [--repeat 15]

Prints medians and ratios against a baseline measured in the same run (listing
all placements), so the figures compare across machines.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def median_ms(fn: Callable[[], Any], repeat: int) -> float:
    fn()  # warm caches
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--repeat", type=int, default=15)
    args = ap.parse_args(argv)

    from pe_desktop.services import dashboard
    from pe_desktop.services.context import open_context
    from pe_desktop.services.currency.attention import currency_items
    from pe_desktop.services.currency.service import CurrencyService
    from pe_desktop.services.placements.service import PlacementService

    ctx = open_context(args.data_dir)
    try:
        svc = CurrencyService(ctx)
        ov = svc.overview()
        print(f"dataset: {len(ov.placements)} placements, {len(ov.students)} students supported, "
              f"{len(ov.cpd)} CPD entries, {len(ov.checkins)} check-ins; status {ov.status.state.label}")
        base = median_ms(lambda: PlacementService(ctx).list(), args.repeat)
        status = median_ms(svc.status, args.repeat)
        overview = median_ms(svc.overview, args.repeat)
        dash_all = median_ms(lambda: dashboard.DashboardService(ctx).load(), args.repeat)
        saved = list(dashboard.ATTENTION_PROVIDERS)
        dashboard.ATTENTION_PROVIDERS[:] = [p for p in saved if p is not currency_items]
        try:
            dash_without = median_ms(lambda: dashboard.DashboardService(ctx).load(), args.repeat)
        finally:
            dashboard.ATTENTION_PROVIDERS[:] = saved
    finally:
        ctx.close()
    print(f"baseline PlacementService.list(): {base:.1f} ms")
    print(f"CurrencyService.status():         {status:.1f} ms  ({status / base:.2f}x baseline)")
    print(f"CurrencyService.overview():       {overview:.1f} ms  ({overview / base:.2f}x baseline)")
    print(f"dashboard without currency items: {dash_without:.1f} ms")
    print(f"dashboard with currency items:    {dash_all:.1f} ms  "
          f"({dash_all / dash_without:.2f}x without)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
