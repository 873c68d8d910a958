"""Supervision frequency rules: sessions expected against sessions held."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_INTERVAL_DAYS = 7  # weekly


def expected_sessions(start: date, end: date, today: date, interval_days: int) -> int:
    """Sessions that should have been held by ``today`` (one per full interval).

    Counting stops at the placement's end; nothing is expected before it starts.
    """
    if interval_days <= 0:
        raise ValueError("interval must be positive")
    last = min(today, end)
    if last < start:
        return 0
    return ((last - start).days + 1) // interval_days


def next_due(start: date, last_held: date | None, interval_days: int) -> date:
    """The date by which the next session should be held."""
    return (last_held if last_held and last_held >= start else start) + timedelta(days=interval_days)


@dataclass(frozen=True)
class SupervisionStatus:
    interval_days: int
    held: int
    expected: int
    last_held: date | None
    next_due: date
    overdue_days: int  # 0 when not overdue

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    def summary(self) -> str:
        every = "weekly" if self.interval_days == 7 else (
            "fortnightly" if self.interval_days == 14 else f"every {self.interval_days} days")
        text = f"{self.held} held of {self.expected} expected ({every})"
        if self.overdue:
            text += f"; overdue by {self.overdue_days} day{'s' if self.overdue_days != 1 else ''}"
        else:
            text += f"; next due by {self.next_due:%d/%m/%Y}"
        return text


def supervision_status(
    start: date, end: date, today: date, interval_days: int, held_dates: list[date],
    running: bool = True,
) -> SupervisionStatus:
    """Status of supervision on a placement; ``running`` is False once it has
    ended or while it is suspended (then nothing is overdue)."""
    held = [d for d in held_dates if d <= today]
    last = max(held) if held else None
    due = next_due(start, last, interval_days)
    overdue = (today - due).days if running and start <= today and today > due else 0
    return SupervisionStatus(
        interval_days=interval_days, held=len(held),
        expected=expected_sessions(start, end, today, interval_days),
        last_held=last, next_due=due, overdue_days=max(0, overdue),
    )
