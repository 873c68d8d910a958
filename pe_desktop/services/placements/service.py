"""Placements: creation, editing, status changes and review meetings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from pe_desktop.domain.attendance import COUNTED_KINDS
from pe_desktop.domain.enums import (
    DEFAULT_REQUIRED_DAYS,
    MeetingKind,
    PlacementStatus,
)
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.schedule import MEETING_ORDER, meeting_due_dates, planned_end_date
from pe_desktop.domain.working_days import closed_days
from pe_desktop.services.context import AppContext
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.placements.rows import (  # noqa: F401 - PlacementInput, PlacementRow re-exported
    PLACEMENT_FIELDS,
    PlacementInput,
    PlacementRow,
    days_completed_by_placement,
    placement_row_from,
)
from pe_desktop.services.validation import Problems, check_dates
from pe_desktop.storage.models import (
    AttendanceDay,
    Concern,
    ConcernMeeting,
    Meeting,
    Placement,
    PlacementClosure,
    PlacementStatusChange,
    Student,
    University,
)

#: Status changes that must say why.
REASON_REQUIRED = frozenset(
    {PlacementStatus.SUSPENDED, PlacementStatus.EXTENDED, PlacementStatus.TERMINATED}
)


@dataclass(frozen=True)
class MeetingRow:
    id: int
    kind: MeetingKind
    due_date: date
    due_overridden: bool
    held_on: date | None
    notes: str
    #: Set for a concerns meeting: it is kept (and edited) with its concern.
    concern_id: int | None = None


@dataclass(frozen=True)
class StatusChangeRow:
    from_status: PlacementStatus | None
    to_status: PlacementStatus
    changed_on: date
    reason: str


@dataclass(frozen=True)
class PlacementDetail:
    placement: PlacementRow
    meetings: list[MeetingRow] = field(default_factory=list)
    status_history: list[StatusChangeRow] = field(default_factory=list)
    absences: int = 0
    study_days: int = 0


def placement_row(p: Placement, days: int) -> PlacementRow:
    return placement_row_from({f: getattr(p, f) for f in PLACEMENT_FIELDS},
                              p.student.full_name, p.student.university.name, days)


def _with_concern_meetings(s: Session, placement_id: int, rows: list[MeetingRow]
                           ) -> list[MeetingRow]:
    """The review meetings with any concerns meetings placed among them by date."""
    found = s.execute(
        select(ConcernMeeting).join(Concern, ConcernMeeting.concern_id == Concern.id)
        .where(Concern.placement_id == placement_id)
    ).scalars().all()
    if not found:
        return rows
    extra = [MeetingRow(m.id, MeetingKind.CONCERNS, m.planned_on, False, m.held_on, m.notes,
                        m.concern_id) for m in found]
    return sorted(rows + extra, key=lambda m: m.due_date)


class PlacementService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- queries ---------------------------------------------------------
    def list(
        self, include_archived: bool = False, student_id: int | None = None
    ) -> list[PlacementRow]:
        """Placements, newest first, from plain column queries (no ORM objects)."""
        cols = [getattr(Placement, f) for f in PLACEMENT_FIELDS]
        with self.ctx.read_session() as s:
            q = (
                select(*cols, Student.full_name, University.name)
                .join(Student, Placement.student_id == Student.id)
                .join(University, Student.university_id == University.id)
                .order_by(Placement.start_date.desc())
            )
            if not include_archived:
                q = q.where(Placement.archived.is_(False))
            if student_id is not None:
                q = q.where(Placement.student_id == student_id)
            rows = s.execute(q).all()
            days = days_completed_by_placement(
                s, [r[0] for r in rows] if student_id is not None else None)
        out = []
        for r in rows:
            values = dict(zip(PLACEMENT_FIELDS, r, strict=False))
            out.append(placement_row_from(values, r[-2], r[-1], days.get(r[0], 0)))
        return out

    def get(self, placement_id: int) -> PlacementRow:
        return self.detail(placement_id).placement

    def detail(self, placement_id: int) -> PlacementDetail:
        with self.ctx.read_session() as s:
            p = get_or_404(s, Placement, placement_id, "placement")
            counts = dict(
                s.execute(
                    select(AttendanceDay.kind, func.count())
                    .where(AttendanceDay.placement_id == p.id)
                    .group_by(AttendanceDay.kind)
                ).all()
            )
            days = sum(n for k, n in counts.items() if k in COUNTED_KINDS)
            order = {k: i for i, k in enumerate(MEETING_ORDER)}
            meetings = sorted(p.meetings, key=lambda m: order.get(m.kind, 99))
            rows = [MeetingRow(m.id, m.kind, m.due_date, m.due_overridden, m.held_on, m.notes)
                    for m in meetings]
            return PlacementDetail(
                placement=placement_row(p, days),
                meetings=_with_concern_meetings(s, p.id, rows),
                status_history=[
                    StatusChangeRow(c.from_status, c.to_status, c.changed_on, c.reason)
                    for c in p.status_changes
                ],
                absences=counts.get("absent", 0),
                study_days=counts.get("study", 0),
            )

    # -- validation ------------------------------------------------------
    def _resolve(self, data: PlacementInput, closures: tuple[date, ...] = ()
                 ) -> tuple[int, date, str, str]:
        required = data.required_days or DEFAULT_REQUIRED_DAYS[data.kind]
        ref = data.framework_ref or self.ctx.frameworks.DEFAULT_REF
        p = Problems()
        if not 1 <= required <= 400:
            p["required_days"] = "Required days must be between 1 and 400"
        if not 1 <= data.days_per_week <= 5:
            p["days_per_week"] = "Days per week must be between 1 and 5"
        p.require("organisation", data.organisation, "Organisation")
        if data.start_date is None:
            p["start_date"] = "Start date is required"
        level = data.framework_level
        if ref not in self.ctx.frameworks:
            p["framework_ref"] = f"Unknown framework {ref}"
        else:
            fw = self.ctx.frameworks.get(ref)
            if level is None:
                level = fw.default_level_for(data.kind.value).key
            elif level not in {lv.key for lv in fw.levels}:
                p["framework_level"] = f"{fw.name} has no level '{level}'"
        p.raise_if_any("Placement")
        closed = closed_days(data.closure_days if data.closure_days is not None else closures)
        end = data.planned_end_date or planned_end_date(
            data.start_date, required, data.days_per_week, closed
        )
        check_dates(p, data.start_date, end)
        p.raise_if_any("Placement")
        return required, end, ref, level or ""

    def validate(self, data: PlacementInput) -> None:
        self._resolve(data)

    def closure_days(self, placement_id: int) -> tuple[date, ...]:
        with self.ctx.read_session() as s:
            return self._closures(s, placement_id)

    @staticmethod
    def _closures(s: Session, placement_id: int | None) -> tuple[date, ...]:
        if placement_id is None:
            return ()
        return tuple(s.scalars(select(PlacementClosure.day).where(
            PlacementClosure.placement_id == placement_id).order_by(PlacementClosure.day)))

    def _set_closures(self, s: Session, p: Placement, data: PlacementInput) -> tuple[date, ...]:
        """Store ``data.closure_days`` (when given); returns the closures in force."""
        if data.closure_days is None:
            return self._closures(s, p.id)
        s.execute(delete(PlacementClosure).where(PlacementClosure.placement_id == p.id))
        days = tuple(sorted(set(data.closure_days)))
        for d in days:
            s.add(PlacementClosure(placement_id=p.id, day=d))
        return days

    # -- commands --------------------------------------------------------
    def _apply(self, p: Placement, data: PlacementInput, closures: tuple[date, ...] = ()
               ) -> None:
        required, end, ref, level = self._resolve(data, closures)
        p.student_id = data.student_id
        p.kind = data.kind
        p.required_days = required
        p.days_per_week = data.days_per_week
        p.organisation = data.organisation.strip()
        p.team = data.team.strip()
        p.service_area = data.service_area
        p.statutory = data.statutory
        p.pe_arrangement = data.pe_arrangement
        p.oss_name = data.oss_name.strip()
        p.oss_contact = data.oss_contact.strip()
        p.tutor_name = data.tutor_name.strip()
        p.tutor_contact = data.tutor_contact.strip()
        p.start_date = data.start_date
        p.planned_end_date = end
        p.framework_ref = ref
        p.framework_level = level
        p.notes = data.notes.strip()

    def create_in(self, s: Session, data: PlacementInput) -> Placement:
        if s.get(Student, data.student_id) is None:
            raise ValidationError({"student_id": "Choose a student"}, record="Placement")
        p = Placement(status=PlacementStatus.PLANNED)
        self._apply(p, data)
        s.add(p)
        s.flush()
        closed = closed_days(self._set_closures(s, p, data))
        for kind, due in meeting_due_dates(p.start_date, p.required_days, p.days_per_week,
                                           closed).items():
            s.add(Meeting(placement_id=p.id, kind=kind, due_date=due))
        s.add(
            PlacementStatusChange(
                placement_id=p.id, from_status=None, to_status=PlacementStatus.PLANNED,
                changed_on=self.ctx.today(), reason="Placement created",
            )
        )
        s.flush()
        return p

    def create(self, data: PlacementInput) -> PlacementRow:
        with self.ctx.session() as s:
            pid = self.create_in(s, data).id
        return self.get(pid)

    def update(self, placement_id: int, data: PlacementInput) -> PlacementRow:
        with self.ctx.session() as s:
            p = get_or_404(s, Placement, placement_id, "placement")
            closures = self._set_closures(s, p, data)
            self._apply(p, data, closures)
            due = meeting_due_dates(p.start_date, p.required_days, p.days_per_week,
                                    closed_days(closures))
            for m in p.meetings:
                if not m.due_overridden and m.kind in due:
                    m.due_date = due[m.kind]
        return self.get(placement_id)

    def change_status(
        self, placement_id: int, status: PlacementStatus, on: date, reason: str = ""
    ) -> PlacementRow:
        if status in REASON_REQUIRED and not reason.strip():
            raise ValidationError(
                {"reason": f"Say why the placement is {status.value}"}, record="Status change"
            )
        with self.ctx.session() as s:
            p = get_or_404(s, Placement, placement_id, "placement")
            if p.status == status:
                raise ValidationError(
                    {"status": f"The placement is already {status.value}"}, record="Status change"
                )
            s.add(
                PlacementStatusChange(
                    placement_id=p.id, from_status=p.status, to_status=status,
                    changed_on=on, reason=reason.strip(),
                )
            )
            p.status = status
        return self.get(placement_id)

    def set_archived(self, placement_id: int, archived: bool) -> None:
        with self.ctx.session() as s:
            p = get_or_404(s, Placement, placement_id, "placement")
            p.archived = archived

    def update_meeting(
        self, meeting_id: int, *, due_date: date | None = None, held_on: date | None = None,
        clear_held: bool = False, notes: str | None = None,
    ) -> MeetingRow:
        with self.ctx.session() as s:
            m = get_or_404(s, Meeting, meeting_id, "meeting")
            if due_date is not None and due_date != m.due_date:
                m.due_date = due_date
                m.due_overridden = True
            if clear_held:
                m.held_on = None
            elif held_on is not None:
                if held_on > self.ctx.today():
                    raise ValidationError(
                        {"held_on": "A meeting cannot be marked held on a future date"},
                        record="Meeting",
                    )
                m.held_on = held_on
            if notes is not None:
                m.notes = notes
            return MeetingRow(m.id, m.kind, m.due_date, m.due_overridden, m.held_on, m.notes)
