"""Exact dates become placement day numbers or month and year in QA samples."""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.working_days import is_bank_holiday

MAX_DAYS = 1000


def placement_day(start: date, on: date, days_per_week: int = 5) -> int:
    """The placement day (1-based, working days) on or after which ``on`` falls;
    0 for a date before the first day.

    Counts the placement days from ``start`` to ``on`` in one walk, by the rules of
    ``schedule.calendar_date_of_day`` (its inverse; at most ``MAX_DAYS``).
    """
    if not 1 <= days_per_week <= 5:
        raise ValueError("days_per_week must be between 1 and 5")
    counted = 0
    day = start
    one = timedelta(days=1)
    while day <= on and counted < MAX_DAYS:
        if day.weekday() < days_per_week and not is_bank_holiday(day):
            counted += 1
        day += one
    return counted


def day_label(start: date, on: date | None, days_per_week: int = 5) -> str | None:
    if on is None:
        return None
    n = placement_day(start, on, days_per_week)
    return f"day {n}" if n else "before the first day"


def month_year(on: date | None) -> str | None:
    return None if on is None else f"{on:%B %Y}"
