"""Days a placement does not count: England's bank holidays (the maintained
``holidays`` package, which follows the published dates including substitute
days such as 28 Dec 2026) and any closure days the placement lists."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

#: A test for days that are not placement days.
Closed = Callable[[date], bool]


def library_bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in ``year`` as the ``holidays`` package gives them.

    Importing that package loads every country it knows (~0.1 s); the app
    keeps the answers in a cache (``services/bank_holiday_cache.py``) so a
    start-up does not pay for it.
    """
    import holidays

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


#: Where :func:`bank_holidays` gets a year's dates from (see :func:`use_source`);
#: None: the ``holidays`` package itself.
_source: Callable[[int], frozenset[date]] | None = None


def use_source(source: Callable[[int], frozenset[date]] | None) -> None:
    """Take bank holidays from ``source`` (None: the ``holidays`` package itself)."""
    global _source
    _source = source
    bank_holidays.cache_clear()


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    return (_source or library_bank_holidays)(year)


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
