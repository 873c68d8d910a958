"""The dashboard's data as canonical JSON at many dates: to check a rewrite changes nothing.

    python -m benchmarks.dashboard_equivalence --data-dir DIR --out before.json
    python -m benchmarks.dashboard_equivalence --data-dir DIR --out after.json
    cmp before.json after.json

The data folder is copied to a temporary folder first (opening a folder may
migrate or back it up; the original is never touched). The dates run every
``--step`` days from a year before the earliest start of an open placement (or
``--from``) to a year after the latest planned end (or ``--to``), capped at
two years on either side of their middle. Prints the number of dates and items.
"""

from __future__ import annotations

import argparse
import dataclasses
import enum
import json
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return [type(value).__name__, value.value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return [[_plain(k), _plain(v)] for k, v in value.items()]  # keeps the order
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"cannot make {type(value).__name__} plain")


def _span(ctx) -> tuple[date, date]:
    from sqlalchemy import text

    with ctx.read_session() as s:
        lo, hi = s.execute(text(
            "SELECT min(start_date), max(planned_end_date) FROM placements"
            " WHERE NOT archived AND status IN ('planned', 'active', 'suspended', 'extended')"
        )).one()
    if lo is None:
        today = ctx.today()
        return today - timedelta(days=365), today + timedelta(days=365)
    lo, hi = date.fromisoformat(str(lo)), date.fromisoformat(str(hi))
    mid = lo + (hi - lo) / 2
    return max(lo - timedelta(days=365), mid - timedelta(days=730)), \
        min(hi + timedelta(days=365), mid + timedelta(days=730))


def dump(data_dir: Path, out: Path, step: int = 5, start: date | None = None,
         end: date | None = None) -> tuple[int, int]:
    from pe_desktop.clock import FixedClock
    from pe_desktop.services.context import open_context
    from pe_desktop.services.dashboard import DashboardService

    with tempfile.TemporaryDirectory(prefix="pe-dash-eq-") as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        clock = FixedClock(date(2026, 11, 23))
        ctx = open_context(copy, clock=clock)
        try:
            lo, hi = _span(ctx)
            lo, hi = start or lo, end or hi
            service = DashboardService(ctx)
            days, items = [], 0
            on = lo
            while on <= hi:
                clock.set(on)
                data = service.load()
                items += len(data.items)
                days.append([on.isoformat(), _plain(data)])
                on += timedelta(days=step)
        finally:
            ctx.close()
    out.write_text(json.dumps(days, sort_keys=True, ensure_ascii=False, indent=0) + "\n",
                   encoding="utf-8")
    return len(days), items


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--step", type=int, default=5)
    ap.add_argument("--from", dest="start", type=date.fromisoformat)
    ap.add_argument("--to", dest="end", type=date.fromisoformat)
    args = ap.parse_args(argv)
    n, items = dump(args.data_dir, args.out, args.step, args.start, args.end)
    print(f"{args.out}: {n} dates, {items} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
