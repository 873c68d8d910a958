"""Logging the PE's time on a placement and summarising it week by week.

Supervision sessions count automatically from their recorded length (they
are never logged twice); everything else is logged by the PE. Summaries name
the student by initials only: they are made to be shown to a manager.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from pe_desktop.domain.currency.model import initials
from pe_desktop.domain.enums import label as enum_label
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.timelog import (
    DEFAULT_ALLOCATION_MINUTES,
    LOGGED,
    MAX_ENTRY_MINUTES,
    Minutes,
    TimeActivity,
    WeekRow,
    activity_columns,
    totals,
    weekly,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import check_not_future, placement_or_404
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import (
    CheckinTimeSummary,
    ManagerCheckIn,
    SupervisionSession,
    TimeAllocation,
    TimeEntry,
)


@dataclass(frozen=True)
class TimeInput:
    on: date
    activity: TimeActivity
    minutes: int
    note: str = ""


@dataclass(frozen=True)
class TimeRow:
    id: int | None  # None: counted from a supervision session
    on: date
    activity: TimeActivity
    minutes: int
    note: str

    @property
    def automatic(self) -> bool:
        return self.id is None


@dataclass(frozen=True)
class TimeSummary:
    placement_id: int
    student_initials: str
    placement: str  # "First placement, 07 Sep 2026 to 18 Dec 2026"
    allocation: int  # minutes a week
    weeks: list[WeekRow]
    as_of: date

    @property
    def by_activity(self) -> dict[TimeActivity, int]:
        return totals(self.weeks)

    @property
    def total(self) -> int:
        return sum(w.total for w in self.weeks)

    @property
    def weeks_over(self) -> int:
        return sum(1 for w in self.weeks if w.total > w.allocation)

    @property
    def average(self) -> int:
        return round(self.total / len(self.weeks)) if self.weeks else 0

    def activities(self) -> list[TimeActivity]:
        """Activities with any time, in vocabulary order."""
        used = self.by_activity
        return [a for a in TimeActivity if used.get(a)]

    def to_json(self) -> dict:
        return {
            "student": self.student_initials, "placement": self.placement,
            "allocation_minutes_per_week": self.allocation, "as_of": self.as_of.isoformat(),
            "total_minutes": self.total, "average_minutes_per_week": self.average,
            "weeks_over_allocation": self.weeks_over,
            "by_activity": {a.value: m for a, m in self.by_activity.items()},
            "weeks": [{"week_of": w.week_of.isoformat(), "total": w.total,
                       "by_activity": {a.value: m for a, m in w.by_activity.items()}}
                      for w in self.weeks],
        }


class TimeLogService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- entries -------------------------------------------------------------
    def entries(self, placement_id: int) -> list[TimeRow]:
        """Logged entries and supervision sessions, newest first."""
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            rows = [TimeRow(e.id, e.on_date, e.activity, e.minutes, e.note) for e in s.scalars(
                select(TimeEntry).where(TimeEntry.placement_id == placement_id))]
            rows += [TimeRow(None, x.held_on, TimeActivity.SUPERVISION, x.duration_minutes,
                             "Supervision session (counted automatically)")
                     for x in s.scalars(select(SupervisionSession).where(
                         SupervisionSession.placement_id == placement_id))]
        return sorted(rows, key=lambda r: (r.on, r.id or 0), reverse=True)

    def validate(self, data: TimeInput) -> None:
        p = Problems()
        if data.on is None:
            p["on"] = "The date is required"
        else:
            check_not_future(p, "on", data.on, self.ctx.today(), "Time")
        if data.activity not in LOGGED:
            p["activity"] = ("Supervision time is counted from the supervision sessions; "
                             "record the session instead")
        if not isinstance(data.minutes, int) or not 1 <= data.minutes <= MAX_ENTRY_MINUTES:
            p["minutes"] = "The time must be between 1 minute and 24 hours"
        p.max_len("note", data.note, 300, "The note")
        p.raise_if_any("Time")

    def add(self, placement_id: int, data: TimeInput) -> TimeRow:
        self.validate(data)
        with self.ctx.session() as s:
            placement_or_404(s, placement_id)
            e = TimeEntry(placement_id=placement_id, on_date=data.on, activity=data.activity,
                          minutes=data.minutes, note=data.note.strip())
            s.add(e)
            s.flush()
            return TimeRow(e.id, e.on_date, e.activity, e.minutes, e.note)

    def delete(self, entry_id: int) -> None:
        with self.ctx.session() as s:
            s.delete(get_or_404(s, TimeEntry, entry_id, "time entry"))

    # -- allocation ------------------------------------------------------------
    def allocation(self, placement_id: int) -> int:
        with self.ctx.read_session() as s:
            row = s.get(TimeAllocation, placement_id)
            return row.minutes_per_week if row else DEFAULT_ALLOCATION_MINUTES

    def set_allocation(self, placement_id: int, minutes_per_week: int) -> None:
        if not isinstance(minutes_per_week, int) or not 0 <= minutes_per_week <= 40 * 60:
            raise ValidationError({"allocation": "The allocation must be between 0 and 40 "
                                                 "hours a week"}, record="Time allocation")
        with self.ctx.session() as s:
            placement_or_404(s, placement_id)
            row = s.get(TimeAllocation, placement_id)
            if row is None:
                s.add(TimeAllocation(placement_id=placement_id,
                                     minutes_per_week=minutes_per_week))
            else:
                row.minutes_per_week = minutes_per_week

    # -- summary ------------------------------------------------------------------
    def summary(self, placement_id: int) -> TimeSummary:
        entries = self.entries(placement_id)
        allocation = self.allocation(placement_id)
        today = self.ctx.today()
        with self.ctx.read_session() as s:
            p = placement_or_404(s, placement_id)
            who = initials(p.student.full_name)
            start, end, kind = p.start_date, p.planned_end_date, p.kind
        weeks = weekly((Minutes(e.on, e.activity, e.minutes) for e in entries),
                       start, min(end, max(today, start)), allocation)
        text = f"{enum_label(kind)}, {start:%d %b %Y} to {end:%d %b %Y}"
        return TimeSummary(placement_id, who, text, allocation, weeks, today)

    # -- manager check-ins ------------------------------------------------------------
    def attach_to_checkin(self, checkin_id: int, placement_id: int) -> None:
        """Keep this placement's summary, as it stands today, with a manager check-in."""
        summary = self.summary(placement_id)
        with self.ctx.session() as s:
            get_or_404(s, ManagerCheckIn, checkin_id, "manager check-in")
            s.add(CheckinTimeSummary(checkin_id=checkin_id, placement_id=placement_id,
                                     summary=json.dumps(summary.to_json())))

    def checkin_summaries(self) -> dict[int, list[dict]]:
        """Check-in id → the summaries attached to it (JSON as stored)."""
        out: dict[int, list[dict]] = {}
        with self.ctx.read_session() as s:
            for row in s.scalars(select(CheckinTimeSummary).order_by(CheckinTimeSummary.id)):
                try:
                    out.setdefault(row.checkin_id, []).append(json.loads(row.summary))
                except ValueError:
                    continue
        return out


__all__ = ["TimeInput", "TimeLogService", "TimeRow", "TimeSummary", "activity_columns"]
