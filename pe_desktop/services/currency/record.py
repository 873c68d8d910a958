"""The PE's currency record read from the database: placements supported, the record the rules judge, its status.

Read-only helpers working inside a caller's session; :mod:`.service` holds the
editing use cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from pe_desktop.domain.currency import (
    CheckIn,
    CpdItem,
    CurrencyRecord,
    CurrencyStatus,
    MentoringItem,
    OpenPlacement,
    QualificationItem,
    StudentOutcome,
    SupportedStudent,
    evaluate,
    initials,
)
from pe_desktop.domain.enums import OPEN_STATUSES, PlacementKind, PlacementStatus, label
from pe_desktop.services.currency.policy import (
    POLICY_SETTING,
    policy_in,
)
from pe_desktop.storage.models import (
    CpdEntry,
    ManagerCheckIn,
    MentoringRecord,
    PastStudent,
    Placement,
    PlacementStatusChange,
    Qualification,
    RegistrationPeriod,
    Setting,
    Student,
    University,
)


@dataclass(frozen=True)
class PlacementFacts:
    """What the currency rules need from a placement (one row, no ORM object)."""

    id: int
    kind: PlacementKind
    status: PlacementStatus
    start_date: date
    planned_end_date: date
    archived: bool
    organisation: str
    student_name: str
    university: str
    status_changed_on: date | None  # when it entered its current status

    @property
    def label(self) -> str:
        return f"{initials(self.student_name)} — {label(self.kind)}, {self.organisation}"

    @property
    def ended_on(self) -> date | None:
        """When the PE stopped supporting the student; None if still running."""
        if self.status in (PlacementStatus.COMPLETED, PlacementStatus.TERMINATED):
            return self.status_changed_on or self.planned_end_date
        return None


def placement_facts(s: Session) -> list[PlacementFacts]:
    """Every placement, oldest first, in one query (the status is computed on
    each dashboard load, so no ORM objects are built)."""
    changes = (
        select(PlacementStatusChange.placement_id, PlacementStatusChange.to_status,
               func.max(PlacementStatusChange.changed_on).label("changed_on"))
        .group_by(PlacementStatusChange.placement_id, PlacementStatusChange.to_status)
        .subquery()
    )
    rows = s.execute(
        select(Placement.id, Placement.kind, Placement.status, Placement.start_date,
               Placement.planned_end_date, Placement.archived, Placement.organisation,
               Student.full_name, University.name, changes.c.changed_on)
        .join(Student, Placement.student_id == Student.id)
        .join(University, Student.university_id == University.id)
        .outerjoin(changes, and_(changes.c.placement_id == Placement.id,
                                 changes.c.to_status == Placement.status))
        .order_by(Placement.start_date, Placement.id)
    ).all()
    return [PlacementFacts(*r) for r in rows]


def _students_from_placements(placements: list[PlacementFacts]) -> list[SupportedStudent]:
    out = []
    for p in placements:
        if p.status == PlacementStatus.PLANNED:
            continue
        outcome = {
            PlacementStatus.COMPLETED: "completed",
            PlacementStatus.TERMINATED: StudentOutcome.TERMINATED.value,
        }.get(p.status, StudentOutcome.ONGOING.value)
        out.append(SupportedStudent(
            initials=initials(p.student_name), start=p.start_date, end=p.ended_on,
            kind=p.kind.value, university=p.university, outcome=outcome,
            source="placement", ref_id=p.id,
        ))
    return out


def _open_placements(placements: list[PlacementFacts]) -> list[OpenPlacement]:
    return [
        OpenPlacement(p.id, p.label, p.start_date, p.kind.value)
        for p in placements
        if p.status in OPEN_STATUSES and not p.archived
    ]


def registration_until(s: Session) -> date | None:
    return s.scalar(select(RegistrationPeriod.valid_until)
                    .order_by(RegistrationPeriod.valid_until.desc()).limit(1))


def record_in(s: Session, placements: list[PlacementFacts] | None = None) -> CurrencyRecord:
    """The rules' input, read with plain column queries (no ORM objects)."""
    placements = placement_facts(s) if placements is None else placements
    past = s.execute(select(PastStudent.initials, PastStudent.start_date, PastStudent.end_date,
                            PastStudent.kind, PastStudent.university, PastStudent.outcome,
                            PastStudent.id))
    students = _students_from_placements(placements) + [
        SupportedStudent(ini, start, end, kind.value, uni, outcome.value, "manual", rid)
        for ini, start, end, kind, uni, outcome, rid in past
    ]
    return CurrencyRecord(
        registration_until=registration_until(s),
        students=tuple(students),
        cpd=tuple(CpdItem(*r) for r in s.execute(
            select(CpdEntry.on_date, CpdEntry.hours, CpdEntry.title))),
        checkins=tuple(CheckIn(*r) for r in s.execute(
            select(ManagerCheckIn.held_on, ManagerCheckIn.caseload_ok,
                   ManagerCheckIn.placement_id, ManagerCheckIn.manager))),
        open_placements=tuple(_open_placements(placements)),
        qualifications=tuple(QualificationItem(*r) for r in s.execute(
            select(Qualification.kind, Qualification.completed_on))),
        mentoring=tuple(MentoringItem(*r) for r in s.execute(
            select(MentoringRecord.placement_id, MentoringRecord.mentor,
                   MentoringRecord.ratified_on))),
    )


CURRENCY_MODELS = (Qualification, RegistrationPeriod, PastStudent, CpdEntry, ManagerCheckIn,
                   MentoringRecord)


def record_started(s: Session) -> bool:
    """Has the PE entered anything on their currency record (or chosen a policy)?

    Until then the dashboard and the placement dialog do not judge currency:
    a new user is not greeted with "lapsed"; the Currency page still shows it.
    """
    if s.get(Setting, POLICY_SETTING) is not None:
        return True
    return any(s.scalar(select(m.id).limit(1)) is not None for m in CURRENCY_MODELS)


def status_in(s: Session, today: date) -> CurrencyStatus:
    policy, _ = policy_in(s)
    return evaluate(record_in(s), policy, today)
