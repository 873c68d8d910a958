"""The test suite's one clock: a fixed local date and time, never the machine's."""

from __future__ import annotations

from datetime import date, datetime, time

from pe_desktop.clock import FixedClock

FIXED_TODAY = date(2026, 11, 23)
FIXED_TIME = time(12, 0)
#: Given to subprocesses and to contexts the CLI opens (PE_DESKTOP_CLOCK).
FIXED_ENV = datetime.combine(FIXED_TODAY, FIXED_TIME).isoformat(timespec="minutes")


def make_clock() -> FixedClock:
    return FixedClock(FIXED_TODAY, FIXED_TIME)


def fixed_now() -> datetime:
    """An instant on the fixed date (for certificates and signatures made in tests)."""
    return make_clock().now()
