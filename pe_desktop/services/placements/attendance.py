"""Recording attendance a day or a week at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, select

from pe_desktop.domain.enums import AttendanceKind
from pe_desktop.domain.errors import ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.lookup import get_or_404
from pe_desktop.storage.models import AttendanceDay, Placement


@dataclass(frozen=True)
class AttendanceEntry:
    day: date
    kind: AttendanceKind
    reason: str = ""


def week_of(day: date) -> list[date]:
    """Monday to Friday of the week holding ``day``."""
    monday = day - timedelta(days=day.weekday())
    return [monday + timedelta(days=i) for i in range(5)]


class AttendanceService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def entries(
        self, placement_id: int, start: date | None = None, end: date | None = None
    ) -> list[AttendanceEntry]:
        with self.ctx.read_session() as s:
            q = select(AttendanceDay).where(AttendanceDay.placement_id == placement_id)
            if start:
                q = q.where(AttendanceDay.day >= start)
            if end:
                q = q.where(AttendanceDay.day <= end)
            return [
                AttendanceEntry(a.day, a.kind, a.reason)
                for a in s.scalars(q.order_by(AttendanceDay.day))
            ]

    def save_days(
        self, placement_id: int, entries: dict[date, AttendanceEntry | None]
    ) -> None:
        """Set or clear (``None``) each given day, all in one transaction."""
        problems: dict[str, str] = {}
        for day, entry in entries.items():
            if entry is None:
                continue
            if entry.kind == AttendanceKind.ABSENT and not entry.reason.strip():
                problems[day.isoformat()] = "Give a reason for the absence"
            if day > self.ctx.today() and entry.kind != AttendanceKind.ABSENT:
                problems[day.isoformat()] = "Attendance cannot be recorded for a future day"
        if problems:
            raise ValidationError(problems, record="Attendance")
        with self.ctx.session() as s:
            p = get_or_404(s, Placement, placement_id, "placement")
            early = [d for d, e in entries.items() if e is not None and d < p.start_date]
            if early:
                raise ValidationError(
                    {min(early).isoformat(): "This day is before the placement started"},
                    record="Attendance",
                )
            days = list(entries)
            existing = {
                a.day: a
                for a in s.scalars(
                    select(AttendanceDay).where(
                        AttendanceDay.placement_id == placement_id, AttendanceDay.day.in_(days)
                    )
                )
            }
            clear = [d for d, e in entries.items() if e is None and d in existing]
            if clear:
                s.execute(
                    delete(AttendanceDay).where(
                        AttendanceDay.placement_id == placement_id, AttendanceDay.day.in_(clear)
                    )
                )
            for day, entry in entries.items():
                if entry is None:
                    continue
                row = existing.get(day)
                if row is None:
                    s.add(
                        AttendanceDay(
                            placement_id=placement_id, day=day, kind=entry.kind,
                            reason=entry.reason.strip(),
                        )
                    )
                else:
                    row.kind = entry.kind
                    row.reason = entry.reason.strip()
