"""The dashboard's first (cold) and second (warm) load in a fresh process.

    python -m benchmarks.dashboard_first_load --data-dir /tmp/pe-bench-1x [--runs 5]

Each run is a new Python process that opens a copy of the data folder, then
times ``import pe_desktop.services.dashboard``, the first
``DashboardService(ctx).load()`` (statement compilation included) and a second
one. Prints the medians, and whether the ORM models had been imported by then.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHILD = r"""
import json, sys, time
from pe_desktop.services.context import open_context
ctx = open_context(sys.argv[1])
models_after_open = "pe_desktop.storage.models" in sys.modules
t0 = time.perf_counter()
from pe_desktop.services.dashboard import DashboardService
t1 = time.perf_counter()
service = DashboardService(ctx)
data = service.load()
t2 = time.perf_counter()
service.load()
t3 = time.perf_counter()
print(json.dumps({"import": (t1 - t0) * 1e3, "first": (t2 - t1) * 1e3,
                  "second": (t3 - t2) * 1e3, "items": len(data.items),
                  "models_after_open": models_after_open,
                  "models_after_load": "pe_desktop.storage.models" in sys.modules}))
ctx.close()
"""


def run(data_dir: Path, runs: int) -> dict[str, float]:
    results = []
    with tempfile.TemporaryDirectory(prefix="pe-dash-cold-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        for _ in range(runs):
            out = subprocess.run([sys.executable, "-c", CHILD, str(copy)], check=True,
                                 capture_output=True, text=True, env=os.environ.copy())
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    summary = {k: statistics.median(r[k] for r in results) for k in ("import", "first", "second")}
    print(f"{data_dir}: {runs} runs, {results[0]['items']} items; median import "
          f"{summary['import']:.1f} ms, first load {summary['first']:.1f} ms, second load "
          f"{summary['second']:.1f} ms; models imported after open_context: "
          f"{results[0]['models_after_open']}, after load: {results[0]['models_after_load']}")
    return summary


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench-1x"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    run(args.data_dir, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
