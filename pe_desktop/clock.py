"""The one clock: the only module that reads the wall clock.

Everything else asks the :class:`Clock` held by the app context (services,
rules, storage timestamps, demo generators, PDF headers, widgets). ``now()`` is
an aware UTC datetime, the form timestamps are stored in; ``today()`` is the
user's *local* date, which is what a PE means by "today". A timestamp becomes
a calendar date through :func:`local_date`, so a signature at 23:30 local
time on the 5th is "signed on the 5th" whatever the UTC offset.

Tests use :class:`FixedClock`, which stands on a chosen local date and time
and advances by a millisecond on every reading so that timestamps taken one
after another stay strictly ordered, as they would on a real clock.
"""

from __future__ import annotations

import time as _time
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""

    def today(self) -> date:
        """The user's local calendar date."""


def local_date(instant: datetime, tz: tzinfo | None = None) -> date:
    """The calendar date of ``instant`` in ``tz`` (default: the machine's zone)."""
    if instant.tzinfo is None:
        raise ValueError("local_date needs an aware datetime")
    return instant.astimezone(tz).date()


def local_instant(on: date, at: time, tz: tzinfo | None = None) -> datetime:
    """The UTC instant of local time ``at`` on ``on`` in ``tz`` (default: the
    machine's zone): a backdated event keeps its local date at any UTC offset."""
    local = datetime.combine(on, at)
    aware = local.replace(tzinfo=tz) if tz else local.astimezone()
    return aware.astimezone(UTC)


class SystemClock:
    """The machine's clock; ``tz`` overrides the local zone (None = the system's)."""

    def __init__(self, tz: tzinfo | None = None) -> None:
        self.tz = tz

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return local_date(self.now(), self.tz)

    def monotonic(self) -> float:
        return _time.monotonic()


class FixedClock:
    """A clock standing at ``on`` (a local date) and ``at`` (a local time).

    Each :meth:`now` moves it on by ``step``; :meth:`advance` and :meth:`set`
    move it explicitly. ``today()`` is always the local date of the current
    instant, so it stays ``on`` unless a test moves the clock across midnight.
    """

    def __init__(self, on: date, at: time = time(12, 0), tz: tzinfo | None = None,
                 step: timedelta = timedelta(milliseconds=1)) -> None:
        self.tz = tz
        self.step = step
        self._instant = self._to_utc(on, at)

    def _to_utc(self, on: date, at: time) -> datetime:
        return local_instant(on, at, self.tz)

    def now(self) -> datetime:
        current = self._instant
        self._instant = current + self.step
        return current

    def today(self) -> date:
        return local_date(self._instant, self.tz)

    def advance(self, delta: timedelta) -> None:
        self._instant += delta

    def set(self, on: date, at: time = time(12, 0)) -> None:
        self._instant = self._to_utc(on, at)


SYSTEM_CLOCK = SystemClock()


#: Environment variable holding a local date and time (ISO, e.g.
#: ``2026-11-23T12:00``) at which a :class:`FixedClock` stands instead of the
#: system clock: for scripted demos and for the test suite's subprocesses.
CLOCK_ENV = "PE_DESKTOP_CLOCK"


def default_clock() -> Clock:
    """The clock a new app context gets: the system's, unless ``PE_DESKTOP_CLOCK`` is set."""
    import os

    fixed = os.environ.get(CLOCK_ENV, "").strip()
    if not fixed:
        return SYSTEM_CLOCK
    try:
        at = datetime.fromisoformat(fixed)
    except ValueError as exc:
        raise ValueError(f"{CLOCK_ENV} must be a local date and time like 2026-11-23T12:00") \
            from exc
    return FixedClock(at.date(), at.time())
