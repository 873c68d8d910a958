"""What needs doing next, across all open placements.

Other features add their own attention items (overdue supervision, currency,
...) by appending a provider to :data:`ATTENTION_PROVIDERS`; each provider
gets the open session and today's date and returns items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.enums import OPEN_STATUSES, label
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.concerns.attention import concern_items
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.attention import currency_items
from pe_desktop.services.evidence.attention import observation_items, supervision_items
from pe_desktop.services.placements.attention import attendance_items, start_items
from pe_desktop.services.placements.service import (
    PlacementRow,
    days_completed_by_placement,
    placement_row,
)
from pe_desktop.services.qa.attention import qa_items
from pe_desktop.services.reports.attention import report_items
from pe_desktop.storage.models import Meeting, Placement, Student

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


Provider = Callable[[Session, date], list[AttentionItem]]


def _open_placements(s: Session) -> list[Placement]:
    """Open placements of current students (read once per session)."""
    if "open_placements" not in s.info:
        s.info["open_placements"] = list(
            s.scalars(
                select(Placement)
                .options(selectinload(Placement.student).selectinload(Student.university))
                .join(Placement.student)
                .where(Placement.archived.is_(False), Student.archived.is_(False),
                       Placement.status.in_(list(OPEN_STATUSES)))
                .order_by(Placement.planned_end_date)
            )
        )
    return list(s.info["open_placements"])


def meeting_items(s: Session, today: date) -> list[AttentionItem]:
    horizon = today + timedelta(days=UPCOMING_DAYS)
    rows = s.execute(
        select(Meeting, Placement, Student)
        .join(Placement, Meeting.placement_id == Placement.id)
        .join(Student, Placement.student_id == Student.id)
        .where(
            Meeting.held_on.is_(None),
            Meeting.due_date <= horizon,
            Placement.archived.is_(False),
            Student.archived.is_(False),
            Placement.status.in_(list(OPEN_STATUSES)),
        )
        .order_by(Meeting.due_date)
    ).all()
    items = []
    for m, p, st in rows:
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
                title=f"{label(m.kind)} — {st.full_name}",
                detail=f"{p.organisation}: {when}",
                placement_id=p.id,
                category="meeting",
            )
        )
    return items


def next_meetings(s: Session, ids: list[int]) -> dict[int, tuple[str, date]]:
    """Each placement's earliest review meeting not yet held (one query)."""
    out: dict[int, tuple[str, date]] = {}
    if not ids:
        return out
    for pid, kind, due in s.execute(
        select(Meeting.placement_id, Meeting.kind, Meeting.due_date)
        .where(Meeting.placement_id.in_(ids), Meeting.held_on.is_(None))
        .order_by(Meeting.due_date)
    ):
        out.setdefault(pid, (label(kind), due))
    return out


def ending_items(s: Session, today: date) -> list[AttentionItem]:
    horizon = today + timedelta(days=ENDING_DAYS)
    items = []
    placements = _open_placements(s)
    days = days_completed_by_placement(s, [p.id for p in placements])
    for p in placements:
        if today <= p.planned_end_date <= horizon:
            left = (p.planned_end_date - today).days
            done = days.get(p.id, 0)
            items.append(
                AttentionItem(
                    severity=Severity.DUE,
                    when=p.planned_end_date,
                    title=f"Placement ending — {p.student.full_name}",
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
                    title=f"Past planned end — {p.student.full_name}",
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
        with self.ctx.read_session() as s:
            placements = _open_placements(s)
            days = days_completed_by_placement(s, [p.id for p in placements])
            rows = [placement_row(p, days.get(p.id, 0)) for p in placements]
            items: list[AttentionItem] = []
            for provider in ATTENTION_PROVIDERS:
                items.extend(provider(s, today))
            upcoming = next_meetings(s, [p.id for p in placements])
        items.sort(key=lambda i: (-i.severity, i.when or date.max, i.title))
        return DashboardData(today=today, placements=rows, items=items, next_meetings=upcoming)
