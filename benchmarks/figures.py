"""One measured figure against its floor and target, as every benchmark reports it.

Benchmarks return a list of :class:`Figure` from ``run(data_dir, ...)`` (their
``main`` prints them too); ``python -m benchmarks.all`` gathers them per scale
and prints one table. Ratios are taken within one run (the floor is measured
next to the figure), so they hold up better than absolute times on a busy
machine; :func:`load` notes how busy it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    benchmark: str
    name: str
    value: float
    unit: str  # "ms", "s", "MB", "statements", …
    target: str  # as printed, e.g. "≤ 1.2× floor", "< 50 ms"
    met: bool | None  # None: informational
    floor: float | None = None
    floor_name: str = ""
    note: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.floor if self.floor else None

    def line(self) -> str:
        ratio = f"  {self.ratio:5.2f}× {self.floor_name or 'floor'} ({self.floor:.4g} {self.unit})" \
            if self.ratio is not None else ""
        verdict = "" if self.met is None else ("  met" if self.met else "  NOT MET")
        note = f"  [{self.note}]" if self.note else ""
        return (f"  {self.name:<44} {self.value:9.4g} {self.unit:<4}{ratio}"
                f"  target {self.target}{verdict}{note}")


def load() -> str:
    """The machine's load averages (1, 5, 15 min) and core count, for the record."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} cores"


def print_figures(title: str, figures: list[Figure]) -> None:
    print(f"{title} ({load()}):")
    for f in figures:
        print(f.line())
