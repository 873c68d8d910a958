"""What needs doing next, across all open placements.

Other features add their own attention items (overdue supervision, currency,
...) by appending a provider to :data:`ATTENTION_PROVIDERS`; each provider
gets the open session and today's date and returns items.

The dashboard is painted before SQLAlchemy and the ORM models are imported
(they are the largest cost of starting up), so this module and every provider
read with typed SQL text on a plain connection (:mod:`pe_desktop.storage.plain_rows`;
a provider given an ORM session reads on the session's connection) and never
import ``pe_desktop.storage.models``; a test checks it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pe_desktop.domain.enums import OPEN_STATUSES, MeetingKind, label
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.concerns.attention import concern_items
from pe_desktop.services.currency.attention import currency_items
from pe_desktop.services.evidence.attention import observation_items, supervision_items
from pe_desktop.services.placements.attention import attendance_items, start_items
from pe_desktop.services.placements.rows import (
    PLACEMENT_COLUMNS,
    PlacementRow,
    days_completed_by_placement,
    placement_row_from,
)
from pe_desktop.services.qa.attention import qa_items
from pe_desktop.services.reports.attention import report_items
from pe_desktop.storage.plain_rows import (
    DATE,
    PlainReader,
    Reads,
    enum_type,
    reader,
    typed_sql,
    values,
)

if TYPE_CHECKING:
    from pe_desktop.services.context import AppContext

UPCOMING_DAYS = 14
ENDING_DAYS = 14


@dataclass(frozen=True)
class DashboardData:
    today: date
    placements: list[PlacementRow]
    items: list[AttentionItem] = field(default_factory=list)
    #: placement id → (meeting name, due date) of its next review meeting not yet held
    next_meetings: dict[int, tuple[str, date]] = field(default_factory=dict)

    @property
    def overdue(self) -> list[AttentionItem]:
        return [i for i in self.items if i.severity == Severity.OVERDUE]


Provider = Callable[[Reads, date], list[AttentionItem]]


_OPEN = typed_sql(
    "SELECT " + ", ".join(f"placements.{name}" for name, _ in PLACEMENT_COLUMNS)
    + ", students.full_name,"
    " (SELECT universities.name FROM universities"
    " WHERE universities.id = students.university_id) AS university"
    " FROM placements JOIN students ON students.id = placements.student_id"
    " WHERE placements.archived IS 0 AND students.archived IS 0"
    " AND placements.status IN :statuses ORDER BY placements.planned_end_date",
    [*PLACEMENT_COLUMNS, ("full_name", None), ("university", None)], lists=("statuses",))


def _open_placements(s: Reads) -> list[PlacementRow]:
    """Open placements of current students with their days completed (read once
    per session)."""
    if "open_placements" not in s.info:
        rows = reader(s).execute(_OPEN, {"statuses": values(OPEN_STATUSES)}).all()
        days = days_completed_by_placement(s, [r.id for r in rows])
        s.info["open_placements"] = [
            placement_row_from(r._mapping, r.full_name, r.university, days.get(r.id, 0))
            for r in rows]
    return list(s.info["open_placements"])


_MEETINGS = typed_sql(
    "SELECT meetings.kind, meetings.due_date, placements.id, placements.organisation,"
    " students.full_name"
    " FROM meetings JOIN placements ON meetings.placement_id = placements.id"
    " JOIN students ON placements.student_id = students.id"
    " WHERE meetings.held_on IS NULL AND meetings.due_date <= :horizon"
    " AND placements.archived IS 0 AND students.archived IS 0"
    " AND placements.status IN :statuses ORDER BY meetings.due_date",
    [("kind", enum_type(MeetingKind)), ("due_date", DATE), ("id", None),
     ("organisation", None), ("full_name", None)], lists=("statuses",), dates=("horizon",))


def meeting_items(s: Reads, today: date) -> list[AttentionItem]:
    horizon = today + timedelta(days=UPCOMING_DAYS)
    rows = reader(s).execute(_MEETINGS, {"horizon": horizon, "statuses": values(OPEN_STATUSES)}).all()
    items = []
    for m in rows:
        overdue = m.due_date < today
        days = (today - m.due_date).days if overdue else (m.due_date - today).days
        when = (
            f"overdue by {days} day{'s' if days != 1 else ''}" if overdue
            else ("due today" if days == 0 else f"due in {days} day{'s' if days != 1 else ''}")
        )
        items.append(
            AttentionItem(
                severity=Severity.OVERDUE if overdue else Severity.DUE,
                when=m.due_date,
                title=f"{label(m.kind)} — {m.full_name}",
                detail=f"{m.organisation}: {when}",
                placement_id=m.id,
                category="meeting",
            )
        )
    return items


_NEXT = typed_sql(
    "SELECT meetings.placement_id, meetings.kind, meetings.due_date FROM meetings"
    " WHERE meetings.placement_id IN :ids AND meetings.held_on IS NULL"
    " ORDER BY meetings.due_date",
    [("placement_id", None), ("kind", enum_type(MeetingKind)), ("due_date", DATE)],
    lists=("ids",))


def next_meetings(s: Reads, ids: list[int]) -> dict[int, tuple[str, date]]:
    """Each placement's earliest review meeting not yet held (one query)."""
    out: dict[int, tuple[str, date]] = {}
    if not ids:
        return out
    for pid, kind, due in reader(s).execute(_NEXT, {"ids": ids}):
        out.setdefault(pid, (label(kind), due))
    return out


def ending_items(s: Reads, today: date) -> list[AttentionItem]:
    horizon = today + timedelta(days=ENDING_DAYS)
    items = []
    for p in _open_placements(s):
        if today <= p.planned_end_date <= horizon:
            left = (p.planned_end_date - today).days
            done = p.days_completed
            items.append(
                AttentionItem(
                    severity=Severity.DUE,
                    when=p.planned_end_date,
                    title=f"Placement ending — {p.student_name}",
                    detail=(
                        f"ends in {left} day{'s' if left != 1 else ''}; "
                        f"{done} of {p.required_days} days completed"
                    ),
                    placement_id=p.id,
                    category="ending",
                )
            )
        elif p.planned_end_date < today:
            items.append(
                AttentionItem(
                    severity=Severity.OVERDUE,
                    when=p.planned_end_date,
                    title=f"Past planned end — {p.student_name}",
                    detail="update the status (completed, extended or terminated)",
                    placement_id=p.id,
                    category="ending",
                )
            )
    return items


ATTENTION_PROVIDERS: list[Provider] = [
    meeting_items,
    ending_items,
    currency_items,
    supervision_items,
    observation_items,
    report_items,
    qa_items,
    concern_items,
    attendance_items,
    start_items,
]


class DashboardService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def load(self) -> DashboardData:
        today = self.ctx.today()
        with self.ctx.plain_read() as con:  # no SQLAlchemy: the first window shows this
            s = PlainReader(con, self.ctx.paths.database)
            rows = _open_placements(s)
            items: list[AttentionItem] = []
            for provider in ATTENTION_PROVIDERS:
                items.extend(provider(s, today))
            upcoming = next_meetings(s, [p.id for p in rows])
        items.sort(key=lambda i: (-i.severity, i.when or date.max, i.title))
        return DashboardData(today=today, placements=rows, items=items, next_meetings=upcoming)
