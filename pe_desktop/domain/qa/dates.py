"""Exact dates become placement day numbers or month and year in QA samples."""

from __future__ import annotations

from datetime import date

from pe_desktop.domain.schedule import calendar_date_of_day

MAX_DAYS = 1000


def placement_day(start: date, on: date, days_per_week: int = 5) -> int:
    """The placement day (1-based, working days) on or after which ``on`` falls;
    0 for a date before the first day."""
    if on < calendar_date_of_day(start, 1, days_per_week):
        return 0
    lo, hi = 1, MAX_DAYS
    while lo < hi:  # the last day whose date is on or before ``on``
        mid = (lo + hi + 1) // 2
        if calendar_date_of_day(start, mid, days_per_week) <= on:
            lo = mid
        else:
            hi = mid - 1
    return lo


def day_label(start: date, on: date | None, days_per_week: int = 5) -> str | None:
    if on is None:
        return None
    n = placement_day(start, on, days_per_week)
    return f"day {n}" if n else "before the first day"


def month_year(on: date | None) -> str | None:
    return None if on is None else f"{on:%B %Y}"
