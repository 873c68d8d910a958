"""Dashboard items about placements themselves (listed in
``services.dashboard.ATTENTION_PROVIDERS``): weeks with no attendance recorded,
and planned placements whose start date has passed."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from pe_desktop.domain.enums import PlacementStatus
from pe_desktop.domain.working_days import closed_days
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.placements.running import RunningPlacement, running_placements
from pe_desktop.storage.plain_rows import DATE, Reads, reader, typed_sql

_DAYS = [("placement_id", None), ("day", DATE)]
_RECORDED = typed_sql(
    "SELECT attendance_days.placement_id, attendance_days.day FROM attendance_days"
    " WHERE attendance_days.placement_id IN :ids", _DAYS, lists=("ids",))
_CLOSURES = typed_sql(
    "SELECT placement_closures.placement_id, placement_closures.day FROM placement_closures"
    " WHERE placement_closures.placement_id IN :ids", _DAYS, lists=("ids",))
_STARTED = typed_sql(
    "SELECT placements.id, placements.start_date, students.full_name"
    " FROM placements JOIN students ON placements.student_id = students.id"
    " WHERE placements.status = :planned AND placements.archived IS 0"
    " AND students.archived IS 0 AND placements.start_date <= :today",
    [("id", None), ("start_date", DATE), ("full_name", None)], dates=("today",))


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def missing_weeks(p: RunningPlacement, recorded: set[date], closures: set[date],
                  today: date) -> list[date]:
    """Mondays of the finished weeks with placement days but nothing recorded."""
    closed = closed_days(closures)
    out = []
    week = _monday(p.start_date)
    last = min(_monday(today) - timedelta(days=7), _monday(p.planned_end_date))
    while week <= last:
        days = [week + timedelta(days=i) for i in range(p.days_per_week)]
        placement_days = [d for d in days if p.start_date <= d <= p.planned_end_date
                          and not closed(d)]
        if placement_days and not any(week + timedelta(days=i) in recorded for i in range(7)):
            out.append(week)
        week += timedelta(days=7)
    return out


def attendance_items(s: Reads, today: date) -> list[AttentionItem]:
    placements = [p for p in running_placements(s) if p.status == PlacementStatus.ACTIVE]
    if not placements:
        return []
    ids = [p.id for p in placements]
    recorded: dict[int, set[date]] = defaultdict(set)
    for pid, day in reader(s).execute(_RECORDED, {"ids": ids}):
        recorded[pid].add(day)
    closures: dict[int, set[date]] = defaultdict(set)
    for pid, day in reader(s).execute(_CLOSURES, {"ids": ids}):
        closures[pid].add(day)
    items = []
    for p in placements:
        weeks = missing_weeks(p, recorded[p.id], closures[p.id], today)
        if not weeks:
            continue
        shown = ", ".join(f"{w:%d %b}" for w in weeks[-3:])
        more = f" and {len(weeks) - 3} earlier" if len(weeks) > 3 else ""
        n = len(weeks)
        items.append(AttentionItem(
            severity=Severity.OVERDUE if n > 1 else Severity.DUE,
            when=weeks[0],
            title=f"Attendance not recorded — {p.student_name}",
            detail=f"{n} week{'s' if n != 1 else ''} with nothing recorded "
                   f"(weeks of {shown}{more})",
            placement_id=p.id, category="attendance",
        ))
    return items


def start_items(s: Reads, today: date) -> list[AttentionItem]:
    """A planned placement whose start date has passed: offer to make it active."""
    rows = reader(s).execute(_STARTED, {"planned": PlacementStatus.PLANNED.value, "today": today}).all()
    return [AttentionItem(
        severity=Severity.DUE, when=p.start_date,
        title=f"Placement started — {p.full_name}",
        detail=f"started {p.start_date:%d %b %Y} but is still planned: mark it active",
        placement_id=p.id, category="status",
    ) for p in rows]
