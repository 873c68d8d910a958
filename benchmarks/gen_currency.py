"""Benchmark dataset: the PE's currency record over the dataset's years."""

from __future__ import annotations

import random
from typing import Any


def extend(ctx: Any, rng: random.Random, scale: float) -> dict[str, int]:
    from pe_desktop.services.currency.demo import add_demo_currency

    return add_demo_currency(ctx, rng, years=max(1, round(15 * scale)))
