"""Run every benchmark at several scales and print one table of figures.

    python -m benchmarks.all --scale 1,10 [--data-dir-pattern /tmp/pe-bench-{scale}x]
                             [--only startup,gui_thread,...] [--quick] [--markdown FILE]

Datasets are ``benchmarks.generate`` with 150 × scale placements, built when
missing (10× takes a few minutes), encrypted with ``PE_DESKTOP_DATA_KEY``
(:data:`BENCHMARK_KEY` when unset). Each benchmark measures its floor in the
same run and returns figures (:mod:`benchmarks.figures`); this script adds the
checks that compare scales: the dashboard's SQL statement count must be the
same at every scale, and search within one placement must not grow with the
database (largest scale ≤ 1.5× the smallest, medians of runs interleaved across
the scales in one process, so the machine's load falls on all alike). The machine's load is
printed with every benchmark: on a shared machine compare ratios, not times.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from benchmarks.figures import Figure, load

#: name → (module, keyword arguments for run(); "quick" variants are lighter).
BENCHMARKS = ["dashboard", "search", "startup", "gui_thread", "pdf_sign", "interchange"]
QUICK = {"startup": {"runs": 3}, "gui_thread": {"rounds": 2}, "pdf_sign": {"repeat": 3,
         "cold_runs": 3}, "interchange": {"runs": 1}, "search": {"repeat": 20},
         "dashboard": {"repeat": 5}}
FLAT_LIMIT = 1.5
#: The data key of datasets this script builds, unless PE_DESKTOP_DATA_KEY is set.
BENCHMARK_KEY = "5e" * 32


def _options(name: str, scale: float, quick: bool) -> dict:
    opts = dict(QUICK.get(name, {})) if quick else {}
    if name == "gui_thread":
        opts["target_ms"] = 50.0 if scale <= 1 else 100.0
    return opts


def _dataset(pattern: str, scale: float) -> Path:
    label = f"{scale:g}"
    path = Path(pattern.format(scale=label))
    if not (path / "pe-desktop.sqlite").exists():
        from benchmarks.generate import build

        print(f"building {path} ({int(150 * scale)} placements) …", flush=True)
        build(path, placements=int(150 * scale))
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="1,10", help="comma-separated, e.g. 1,3,10")
    ap.add_argument("--data-dir-pattern", default="/tmp/pe-bench-{scale}x")
    ap.add_argument("--only", default=",".join(BENCHMARKS))
    ap.add_argument("--quick", action="store_true", help="fewer repeats (a rough look)")
    ap.add_argument("--markdown", type=Path, help="also write the table here")
    args = ap.parse_args(argv)
    if not os.environ.get("PE_DESKTOP_DATA_KEY"):
        # The datasets are encrypted like a user's; scripts give the key this way
        # (pdf_sign moves it into the secrets file to time a user without a keyring).
        os.environ["PE_DESKTOP_DATA_KEY"] = BENCHMARK_KEY
    scales = [float(s) for s in args.scale.split(",")]
    names = [n for n in args.only.split(",") if n]
    started = time.perf_counter()
    table: list[tuple[str, Figure, str]] = []  # (scale label, figure, load)
    for scale in scales:
        data_dir = _dataset(args.data_dir_pattern, scale)
        for name in names:
            run = importlib.import_module(f"benchmarks.{name}").run
            print(f"\n== {name} at {scale:g}× ({data_dir}; {load()})", flush=True)
            if name == "gui_thread":
                # Qt may be started once per process: the GUI benchmark runs in a child.
                figures = _gui_in_child(data_dir, _options(name, scale, args.quick))
            else:
                figures = run(data_dir, **_options(name, scale, args.quick))
            for f in figures:
                print(f.line())
                table.append((f"{scale:g}×", f, load()))
    table += _across_scales(table, scales)
    if "search" in names and len(scales) > 1:
        table.append(_scoped_search_interleaved(
            {s: _dataset(args.data_dir_pattern, s) for s in scales}))
    lines = _markdown(table)
    print(f"\nall benchmarks in {time.perf_counter() - started:.0f} s; {load()}\n")
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


def _gui_in_child(data_dir: Path, opts: dict) -> list[Figure]:
    import json
    import subprocess

    code = ("import json, sys; from pathlib import Path; from benchmarks.gui_thread import run; "
            "fs = run(Path(sys.argv[1]), **json.loads(sys.argv[2])); "
            "print('FIGURES ' + json.dumps([f.__dict__ for f in fs]))")
    proc = subprocess.run([sys.executable, "-c", code, str(data_dir), json.dumps(opts)],
                          capture_output=True, text=True, check=True)
    out = [ln for ln in proc.stdout.splitlines() if not ln.startswith("FIGURES ")]
    print("\n".join(out))
    line = next(ln for ln in proc.stdout.splitlines() if ln.startswith("FIGURES "))
    return [Figure(**d) for d in json.loads(line.removeprefix("FIGURES "))]


def _across_scales(table: list[tuple[str, Figure, str]], scales: list[float]
                   ) -> list[tuple[str, Figure, str]]:
    if len(scales) < 2:
        return []
    first, last = f"{min(scales):g}×", f"{max(scales):g}×"

    def value(scale: str, name: str) -> Figure | None:
        return next((f for s, f, _ in table if s == scale and f.name == name), None)

    out = []
    stmts = "dashboard SQL statements per load"
    a, b = value(first, stmts), value(last, stmts)
    if a and b:
        out.append((f"{first}→{last}", Figure("dashboard", "dashboard statements, largest / "
                    "smallest scale", b.value, "stmts", "equal", b.value == a.value, a.value,
                    f"at {first}"), load()))
    return out


def _scoped_search_interleaved(dirs: dict[float, Path], rounds: int = 30
                               ) -> tuple[str, Figure, str]:
    """Search within the newest placement at every scale, interleaved in one process
    (so the machine's changing load falls on every scale alike): largest / smallest."""
    import statistics

    from sqlalchemy import select

    from benchmarks.search import SCOPED
    from pe_desktop.services.context import open_context
    from pe_desktop.services.search import SearchService
    from pe_desktop.storage.models import Placement

    ctxs = {s: open_context(d) for s, d in dirs.items()}
    try:
        pids = {}
        for s, c in ctxs.items():
            with c.read_session() as ss:
                pids[s] = ss.scalar(select(Placement.id).order_by(Placement.id.desc()).limit(1))
        times: dict[float, list[float]] = {s: [] for s in ctxs}
        for _ in range(rounds):
            for s, c in ctxs.items():
                t = time.perf_counter()
                SearchService(c).search(SCOPED, placement_id=pids[s])
                times[s].append((time.perf_counter() - t) * 1000)
    finally:
        for c in ctxs.values():
            c.close()
    med = {s: statistics.median(v) for s, v in times.items()}
    lo, hi = min(med), max(med)
    print("search within one placement, interleaved medians: "
          + ", ".join(f"{s:g}× {m:.1f} ms" for s, m in med.items()))
    return (f"{lo:g}×→{hi:g}×", Figure(
        "search", "search within one placement, interleaved, largest / smallest scale",
        med[hi], "ms", f"≤ {FLAT_LIMIT}× (flat)", med[hi] <= FLAT_LIMIT * med[lo], med[lo],
        f"at {lo:g}×"), load())


def _markdown(table: list[tuple[str, Figure, str]]) -> list[str]:
    lines = ["| scale | benchmark | figure | measured | floor | ratio | target | met | load |",
             "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for scale, f, ld in table:
        floor = f"{f.floor:.4g} {f.unit} ({f.floor_name})" if f.floor else "—"
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else "—"
        met = {True: "yes", False: "**no**", None: "—"}[f.met]
        note = f" ({f.note})" if f.note else ""
        lines.append(f"| {scale} | {f.benchmark} | {f.name}{note} | {f.value:.4g} {f.unit} | "
                     f"{floor} | {ratio} | {f.target} | {met} | {ld.split(' on ')[0]} |")
    return lines


if __name__ == "__main__":
    sys.exit(main())
