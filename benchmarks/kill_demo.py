"""kill -9 during ``demo --force``: the old data or the whole new demo, never a mix.

    python -m benchmarks.kill_demo [--runs 100]

Each run copies a data folder holding a small non-demo dataset, starts
``pe-desktop demo --force`` and kills it with SIGKILL after a random delay
within its usual run time, then checks the database: integrity_check "ok",
and either every table exactly as before or the complete demo (every table
holding as many rows as a demo made from scratch). The audit log is left out
of both comparisons: the backup taken before replacing is logged on its own,
as it should be.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.fuzz_cli import _digest, connect, data_key, table_counts

CLOCK = "2026-11-23T12:00"
#: Written outside the demo's transaction on purpose (the backup before it).
LOGGED_APART = ("audit_events",)


def _seed(data: Path) -> None:
    os.environ["PE_DESKTOP_CLOCK"] = CLOCK
    data_key()
    from pe_desktop.clock import default_clock
    from pe_desktop.services.context import open_context
    from pe_desktop.services.placements.students import StudentInput, StudentService
    from pe_desktop.services.profile import ProfileData, ProfileService

    ctx = open_context(data, clock=default_clock())
    try:
        ProfileService(ctx).save(ProfileData("Old Profile Keepme", "SW111111", "Keep"))
        StudentService(ctx).create(StudentInput("Łukasz Nowak", "Northfield", "NF9"))
    finally:
        ctx.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="pe-kill-"))
    base = work / "base"
    _seed(base)
    before = _digest(base / "pe-desktop.sqlite", LOGGED_APART)
    env = dict(os.environ, PE_DESKTOP_CLOCK=CLOCK)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pe_desktop", "--data-dir", str(work / "timing"),
                    "demo"], env=env, check=True, capture_output=True)
    full = time.perf_counter() - t0
    complete = table_counts(work / "timing" / "pe-desktop.sqlite", LOGGED_APART)
    counts = {"old": 0, "new": 0, "mixed": 0, "corrupt": 0, "finished": 0}
    try:
        for i in range(args.runs):
            data = work / f"run{i}"
            shutil.copytree(base, data)
            proc = subprocess.Popen([sys.executable, "-m", "pe_desktop", "--data-dir",
                                     str(data), "demo", "--force"], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.2, full * 1.1))
            if proc.poll() is None:
                os.kill(proc.pid, signal.SIGKILL)
            else:
                counts["finished"] += 1
            proc.wait()
            db = data / "pe-desktop.sqlite"
            try:
                con = connect(db)
                ok = con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                n = con.execute("SELECT count(*) FROM placements").fetchone()[0]
                con.close()
            except Exception:  # noqa: BLE001 - not openable counts as corrupt
                ok, n = False, -1
            if not ok:
                counts["corrupt"] += 1
            elif _digest(db, LOGGED_APART) == before:
                counts["old"] += 1
            elif n == complete["placements"] and table_counts(db, LOGGED_APART) == complete:
                counts["new"] += 1
            else:
                counts["mixed"] += 1
                got = table_counts(db, LOGGED_APART)
                diff = {k: (got.get(k), v) for k, v in complete.items() if got.get(k) != v}
                print(f"run {i}: neither old nor complete (rows, complete): {diff}",
                      file=sys.stderr)
            shutil.rmtree(data)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"{args.runs} kills (demo takes {full:.1f} s here): " +
          ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 1 if counts["mixed"] or counts["corrupt"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
