"""Benchmark dataset: the PE's currency record over the dataset's years."""

from __future__ import annotations

import random
from typing import Any


def extend(ctx: Any, rng: random.Random, scale: float) -> dict[str, int]:
    from pe_desktop.services.currency.demo import add_demo_currency

    # One career: at ten times the placements the record does not span 150 years
    # (dates before 1900 are refused by the field rules), at most 45.
    return add_demo_currency(ctx, rng, years=max(1, min(45, round(15 * scale))))
