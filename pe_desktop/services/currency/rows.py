"""Plain rows and inputs for the currency record (what the GUI, CLI and PDF see)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from pe_desktop.domain.currency import (
    CpdKind,
    CurrencyPolicy,
    CurrencyStatus,
    QualificationKind,
    StudentOutcome,
    SupportedStudent,
    currency_label,
)
from pe_desktop.domain.enums import PlacementKind


# -- rows handed to the GUI, CLI and PDF --------------------------------------
@dataclass(frozen=True)
class AttachmentRow:
    id: int
    filename: str
    sha256: str
    size: int


@dataclass(frozen=True)
class QualificationInput:
    kind: QualificationKind
    completed_on: date | None = None
    title: str = ""
    provider: str = ""
    credits: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class QualificationRow(QualificationInput):
    id: int = 0
    attachments: tuple[AttachmentRow, ...] = ()

    @property
    def display_title(self) -> str:
        return self.title or currency_label(self.kind)


@dataclass(frozen=True)
class RegistrationInput:
    valid_until: date
    renewed_on: date | None = None
    notes: str = ""


@dataclass(frozen=True)
class RegistrationRow(RegistrationInput):
    id: int = 0


@dataclass(frozen=True)
class PastStudentInput:
    initials: str
    start_date: date
    end_date: date | None
    kind: PlacementKind = PlacementKind.FIRST
    university: str = ""
    outcome: StudentOutcome = StudentOutcome.PASSED
    notes: str = ""


@dataclass(frozen=True)
class PastStudentRow(PastStudentInput):
    id: int = 0


@dataclass(frozen=True)
class CpdInput:
    on_date: date
    title: str
    hours: float
    kind: CpdKind = CpdKind.COURSE
    provider: str = ""
    reflection: str = ""
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class CpdRow(CpdInput):
    id: int = 0
    attachments: tuple[AttachmentRow, ...] = ()


@dataclass(frozen=True)
class CheckInInput:
    held_on: date
    manager: str
    caseload_ok: bool
    placement_id: int | None = None
    notes: str = ""


@dataclass(frozen=True)
class CheckInRow(CheckInInput):
    id: int = 0
    placement_label: str = ""


@dataclass(frozen=True)
class MentoringInput:
    mentor: str
    placement_id: int | None = None
    mentor_role: str = ""
    ratified_on: date | None = None
    decision: str = ""


@dataclass(frozen=True)
class MentoringRow(MentoringInput):
    id: int = 0
    placement_label: str = ""


@dataclass(frozen=True)
class PlacementChoice:
    """A placement offered in check-in / mentoring pickers."""

    id: int
    label: str
    open: bool


@dataclass(frozen=True)
class CurrencyOverview:
    status: CurrencyStatus
    policy: CurrencyPolicy
    policy_is_custom: bool
    pe_name: str
    registration_number: str
    registrations: list[RegistrationRow] = field(default_factory=list)
    qualifications: list[QualificationRow] = field(default_factory=list)
    students: list[SupportedStudent] = field(default_factory=list)
    past_students: list[PastStudentRow] = field(default_factory=list)
    cpd: list[CpdRow] = field(default_factory=list)
    checkins: list[CheckInRow] = field(default_factory=list)
    mentoring: list[MentoringRow] = field(default_factory=list)
    placements: list[PlacementChoice] = field(default_factory=list)

    def cpd_hours_by_year(self) -> dict[int, float]:
        out: dict[int, float] = {}
        for c in self.cpd:
            out[c.on_date.year] = out.get(c.on_date.year, 0.0) + c.hours
        return dict(sorted(out.items(), reverse=True))

    def students_by_year(self) -> dict[int, list[SupportedStudent]]:
        out: dict[int, list[SupportedStudent]] = {}
        for st in self.students:
            out.setdefault(st.start.year, []).append(st)
        return dict(sorted(out.items(), reverse=True))
