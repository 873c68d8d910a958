"""Days a placement does not count: England's bank holidays (the maintained
``holidays`` package, which follows the published dates including substitute
days such as 28 Dec 2026) and any closure days the placement lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

#: A test for days that are not placement days.
Closed = Callable[[date], bool]


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    import holidays  # loaded when a date is first worked out, not at start-up

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: date) -> bool:
    return day in bank_holidays(day.year)


def closed_days(closures: Iterable[date] = ()) -> Closed:
    """Bank holidays plus the placement's own closure days."""
    extra = frozenset(closures)
    if not extra:
        return is_bank_holiday
    return lambda day: day in extra or is_bank_holiday(day)


def no_closures(_day: date) -> bool:
    return False
