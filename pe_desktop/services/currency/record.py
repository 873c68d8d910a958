"""The PE's currency record read from the database: placements supported, the record the rules judge, its status.

Read-only helpers working inside a caller's session; :mod:`.service` holds the
editing use cases. They read with SQL text, not the ORM models: the dashboard
judges currency before the models are imported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pe_desktop.domain.currency import (
    CheckIn,
    CpdItem,
    CurrencyRecord,
    CurrencyStatus,
    MentoringItem,
    OpenPlacement,
    QualificationItem,
    QualificationKind,
    StudentOutcome,
    SupportedStudent,
    evaluate,
    initials,
)
from pe_desktop.domain.enums import OPEN_STATUSES, PlacementKind, PlacementStatus, label
from pe_desktop.services.currency.policy import policy_in, stored_policy
from pe_desktop.storage.plain_rows import BOOL, DATE, Reads, enum_type, reader, typed_sql


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


_FACTS = typed_sql(
    "SELECT placements.id, placements.kind, placements.status, placements.start_date,"
    " placements.planned_end_date, placements.archived, placements.organisation,"
    " students.full_name, universities.name, anon_1.changed_on"
    " FROM placements JOIN students ON placements.student_id = students.id"
    " JOIN universities ON students.university_id = universities.id"
    " LEFT OUTER JOIN (SELECT placement_status_changes.placement_id AS placement_id,"
    " placement_status_changes.to_status AS to_status,"
    " max(placement_status_changes.changed_on) AS changed_on FROM placement_status_changes"
    " GROUP BY placement_status_changes.placement_id, placement_status_changes.to_status)"
    " AS anon_1 ON anon_1.placement_id = placements.id AND anon_1.to_status = placements.status"
    " ORDER BY placements.start_date, placements.id",
    [("id", None), ("kind", enum_type(PlacementKind)),
     ("status", enum_type(PlacementStatus)), ("start_date", DATE),
     ("planned_end_date", DATE), ("archived", BOOL), ("organisation", None),
     ("full_name", None), ("name", None), ("changed_on", DATE)])


def placement_facts(s: Reads) -> list[PlacementFacts]:
    """Every placement, oldest first, in one query (the status is computed on
    each dashboard load, so no ORM objects are built)."""
    return [PlacementFacts(*r) for r in reader(s).execute(_FACTS)]


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


_REGISTRATION = typed_sql(
    "SELECT registration_periods.valid_until FROM registration_periods"
    " ORDER BY registration_periods.valid_until DESC LIMIT 1", [("valid_until", DATE)])
_PAST = typed_sql(
    "SELECT past_students.initials, past_students.start_date, past_students.end_date,"
    " past_students.kind, past_students.university, past_students.outcome, past_students.id"
    " FROM past_students",
    [("initials", None), ("start_date", DATE), ("end_date", DATE),
     ("kind", enum_type(PlacementKind)), ("university", None),
     ("outcome", enum_type(StudentOutcome)), ("id", None)])
_CPD = typed_sql(
    "SELECT cpd_entries.on_date, cpd_entries.hours, cpd_entries.title FROM cpd_entries",
    [("on_date", DATE), ("hours", None), ("title", None)])
_CHECKINS = typed_sql(
    "SELECT manager_checkins.held_on, manager_checkins.caseload_ok,"
    " manager_checkins.placement_id, manager_checkins.manager FROM manager_checkins",
    [("held_on", DATE), ("caseload_ok", BOOL), ("placement_id", None),
     ("manager", None)])
_QUALIFICATIONS = typed_sql(
    "SELECT qualifications.kind, qualifications.completed_on FROM qualifications",
    [("kind", enum_type(QualificationKind)), ("completed_on", DATE)])
_MENTORING = typed_sql(
    "SELECT mentoring_records.placement_id, mentoring_records.mentor,"
    " mentoring_records.ratified_on FROM mentoring_records",
    [("placement_id", None), ("mentor", None), ("ratified_on", DATE)])


def registration_until(s: Reads) -> date | None:
    return reader(s).execute(_REGISTRATION).scalar()


def record_in(s: Reads, placements: list[PlacementFacts] | None = None) -> CurrencyRecord:
    """The rules' input, read with plain column queries (no ORM objects)."""
    placements = placement_facts(s) if placements is None else placements
    past = reader(s).execute(_PAST)
    students = _students_from_placements(placements) + [
        SupportedStudent(ini, start, end, kind.value, uni, outcome.value, "manual", rid)
        for ini, start, end, kind, uni, outcome, rid in past
    ]
    return CurrencyRecord(
        registration_until=registration_until(s),
        students=tuple(students),
        cpd=tuple(CpdItem(*r) for r in reader(s).execute(_CPD)),
        checkins=tuple(CheckIn(*r) for r in reader(s).execute(_CHECKINS)),
        open_placements=tuple(_open_placements(placements)),
        qualifications=tuple(QualificationItem(*r) for r in reader(s).execute(_QUALIFICATIONS)),
        mentoring=tuple(MentoringItem(*r) for r in reader(s).execute(_MENTORING)),
    )


#: The tables of the PE's own currency record (the models in storage/models/currency.py).
CURRENCY_TABLES = ("qualifications", "registration_periods", "past_students", "cpd_entries",
                   "manager_checkins", "mentoring_records")
_ANY_ROW = {t: typed_sql(f"SELECT {t}.id FROM {t} LIMIT 1") for t in CURRENCY_TABLES}


def record_started(s: Reads) -> bool:
    """Has the PE entered anything on their currency record (or chosen a policy)?

    Until then the dashboard and the placement dialog do not judge currency:
    a new user is not greeted with "lapsed"; the Currency page still shows it.
    """
    if stored_policy(s) is not None:
        return True
    return any(reader(s).execute(_ANY_ROW[t]).scalar() is not None for t in CURRENCY_TABLES)


def status_in(s: Reads, today: date) -> CurrencyStatus:
    policy, _ = policy_in(s)
    return evaluate(record_in(s), policy, today)
