"""Currency rules: is the practice educator still current?

Pure functions over plain dataclasses with an injected ``today``; no database.

Partnerships check that a PE "has supported a student within two years, is
engaged in annual CPD; and checking-in with the PE's manager to check
appropriateness of the placement" (seed 001:598), and that the PE's Social
Work England registration is in date. The numbers live in a
:class:`CurrencyPolicy` read from data, never in code.

Date conventions (decided here, tested in ``tests/unit/test_currency_rules.py``):

* Periods are **calendar months**. ``add_months`` clamps to the end of the
  month: 29 Feb 2024 + 24 months = 28 Feb 2026; 31 Aug 2024 + 6 months =
  28 Feb 2025.
* Something dated ``d`` that counts for ``N`` months is **still current on
  ``add_months(d, N)``** (the anniversary day itself) and lapses the day after.
  So a student whose placement ended on 31 Aug 2024 keeps a PE current up to
  and including 31 Aug 2026; the PE has lapsed on 1 Sep 2026.
* A registration is current up to and including its renewal date.
* "At risk" means current today but lapsing within ``at_risk_days`` days.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date
from enum import IntEnum, StrEnum
from typing import Any

from pe_desktop.domain.errors import ValidationError


# -- calendar months ---------------------------------------------------------
def add_months(d: date, months: int) -> date:
    """``d`` moved by whole calendar months, clamped to the month's last day."""
    index = d.year * 12 + (d.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last))


def fmt(d: date) -> str:
    """A date as a PE reads it: ``1 Sep 2026``."""
    return f"{d.day} {d:%b %Y}"


def initials(name: str) -> str:
    """``"Siobhán Ní Bhriain"`` → ``"S.N.B."`` (exports never show full names)."""
    parts = [p for p in name.replace("-", " ").split() if p and p[0].isalpha()]
    return "".join(f"{p[0].upper()}." for p in parts)


# -- vocabularies ------------------------------------------------------------
class State(IntEnum):
    """Ordered so that the worst reason gives the overall state."""

    CURRENT = 0
    AT_RISK = 1
    LAPSED = 2

    @property
    def label(self) -> str:
        return {0: "Current", 1: "At risk", 2: "Lapsed"}[self.value]

    @property
    def key(self) -> str:
        return {0: "current", 1: "at_risk", 2: "lapsed"}[self.value]


class Rule(StrEnum):
    STUDENT = "student"
    CPD = "cpd"
    CHECKIN = "checkin"
    REGISTRATION = "registration"


RULE_TITLES = {
    Rule.STUDENT: "Supported a student",
    Rule.CPD: "Continuing professional development",
    Rule.CHECKIN: "Manager check-in",
    Rule.REGISTRATION: "Social Work England registration",
}


class QualificationKind(StrEnum):
    PEPS1 = "peps1"
    PEPS2 = "peps2"
    OTHER = "other"


class CpdKind(StrEnum):
    COURSE = "course"
    WORKSHOP = "workshop"
    CONFERENCE = "conference"
    READING = "reading"
    PEER_GROUP = "peer_group"
    PE_FORUM = "pe_forum"
    OTHER = "other"


class StudentOutcome(StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    ONGOING = "ongoing"
    OTHER = "other"


CURRENCY_LABELS: dict[StrEnum, str] = {
    QualificationKind.PEPS1: "PEPS stage 1",
    QualificationKind.PEPS2: "PEPS stage 2",
    QualificationKind.OTHER: "Other award",
    CpdKind.COURSE: "Course",
    CpdKind.WORKSHOP: "Workshop",
    CpdKind.CONFERENCE: "Conference",
    CpdKind.READING: "Reading",
    CpdKind.PEER_GROUP: "Peer group",
    CpdKind.PE_FORUM: "PE forum",
    CpdKind.OTHER: "Other",
    StudentOutcome.PASSED: "Passed",
    StudentOutcome.FAILED: "Failed",
    StudentOutcome.WITHDRAWN: "Withdrew",
    StudentOutcome.TERMINATED: "Placement ended early",
    StudentOutcome.ONGOING: "Ongoing",
    StudentOutcome.OTHER: "Other",
}


def currency_label(value: StrEnum) -> str:
    """Label for a currency vocabulary value (falls back to the app's labels)."""
    from pe_desktop.domain.enums import label

    return CURRENCY_LABELS.get(value) or label(value)


# -- policy ------------------------------------------------------------------
@dataclass(frozen=True)
class CurrencyPolicy:
    """The numbers a partnership sets. Defaults follow the seed (001:598)."""

    name: str = "Default policy"
    student_within_months: int = 24
    cpd_window_months: int = 12
    #: 0: "engaged in annual CPD" means at least one activity, not a number of hours.
    cpd_min_hours: float = 0.0
    checkin_each_new_placement: bool = True
    checkin_days_before_start: int = 90
    registration_required: bool = True
    at_risk_days: int = 60

    #: field → (minimum, maximum) for numeric fields.
    LIMITS = {
        "student_within_months": (1, 120),
        "cpd_window_months": (1, 60),
        "cpd_min_hours": (0, 500),
        "checkin_days_before_start": (0, 730),
        "at_risk_days": (0, 365),
    }

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], source: str = "Currency policy") -> CurrencyPolicy:
        """Validate decoded JSON; unknown keys and wrong types are refused."""
        if not isinstance(data, Mapping):
            raise ValidationError({"policy": "must be a JSON object"}, record=source)
        known = {f.name: f for f in fields(cls)}
        problems: dict[str, str] = {}
        for key in data:
            if key not in known and key not in ("schema", "description", "origins"):
                problems[str(key)] = "is not a policy setting"
        values: dict[str, Any] = {}
        defaults = cls()
        for name in known:
            if name not in data:
                continue
            value = data[name]
            want = type(getattr(defaults, name))
            if want is bool:
                ok = isinstance(value, bool)
            elif want is float:
                ok = isinstance(value, int | float) and not isinstance(value, bool)
                value = float(value) if ok else value
            elif want is int:
                ok = isinstance(value, int) and not isinstance(value, bool)
            else:
                ok = isinstance(value, str) and bool(value.strip())
            if not ok:
                problems[name] = f"must be {'a name' if want is str else want.__name__}"
                continue
            lo_hi = cls.LIMITS.get(name)
            if lo_hi and not lo_hi[0] <= value <= lo_hi[1]:
                problems[name] = f"must be between {lo_hi[0]} and {lo_hi[1]}"
                continue
            values[name] = value.strip() if isinstance(value, str) else value
        if problems:
            raise ValidationError(problems, record=source)
        return cls(**values)


GUIDANCE = "partnership guidance"
ADJUSTABLE = "adjustable default"

#: Where each policy setting comes from: the partnership guidance (seed 001:598: a student
#: supported within two years, annual CPD, a manager check-in) or PE Desktop's own choice,
#: which a partnership's policy file should set. The shipped policy file says the same.
RULE_ORIGINS: dict[str, str] = {
    "student_within_months": GUIDANCE,
    "cpd_window_months": GUIDANCE,
    "cpd_min_hours": ADJUSTABLE,
    "checkin_each_new_placement": GUIDANCE,
    "checkin_days_before_start": ADJUSTABLE,
    "registration_required": ADJUSTABLE,
    "at_risk_days": ADJUSTABLE,
}


# -- the record the rules read -----------------------------------------------
@dataclass(frozen=True)
class SupportedStudent:
    """One student the PE supported: from a placement or entered by hand."""

    initials: str
    start: date
    end: date | None  # None: still running
    kind: str = "other"  # first / final / other
    university: str = ""
    outcome: str = ""
    source: str = "placement"  # "placement" or "manual"
    ref_id: int | None = None

    def covered_until(self, today: date, months: int) -> date:
        return add_months(min(self.end or today, today), months)


@dataclass(frozen=True)
class CpdItem:
    on: date
    hours: float
    title: str = ""


@dataclass(frozen=True)
class CheckIn:
    on: date
    caseload_ok: bool
    placement_id: int | None = None
    manager: str = ""


@dataclass(frozen=True)
class OpenPlacement:
    """A placement that is planned or running (the 'new placements')."""

    id: int
    label: str  # e.g. "A.B. — Final placement" (initials only)
    start: date
    kind: str  # first / final / other


@dataclass(frozen=True)
class QualificationItem:
    kind: QualificationKind
    completed_on: date | None  # None: in progress


@dataclass(frozen=True)
class MentoringItem:
    placement_id: int | None
    mentor: str
    ratified_on: date | None = None


@dataclass(frozen=True)
class CurrencyRecord:
    registration_until: date | None = None
    students: tuple[SupportedStudent, ...] = ()
    cpd: tuple[CpdItem, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    open_placements: tuple[OpenPlacement, ...] = ()
    qualifications: tuple[QualificationItem, ...] = ()
    mentoring: tuple[MentoringItem, ...] = ()


# -- results -----------------------------------------------------------------
@dataclass(frozen=True)
class Reason:
    """One rule's verdict: what, and the date it lapses (or lapsed)."""

    rule: Rule
    state: State
    text: str
    #: First day on which this is (or was) no longer current; None if unknown.
    lapses_on: date | None = None
    placement_id: int | None = None

    @property
    def title(self) -> str:
        return RULE_TITLES[self.rule]


@dataclass(frozen=True)
class CurrencyWarning:
    text: str
    placement_id: int | None = None


@dataclass(frozen=True)
class CurrencyStatus:
    today: date
    state: State
    reasons: tuple[Reason, ...]
    warnings: tuple[CurrencyWarning, ...] = ()
    peps_stage: int = 0
    cpd_hours_in_window: float = 0.0
    policy: CurrencyPolicy = field(default_factory=CurrencyPolicy)

    @property
    def problems(self) -> tuple[Reason, ...]:
        return tuple(r for r in self.reasons if r.state != State.CURRENT)

    @property
    def next_lapse(self) -> date | None:
        dates = [r.lapses_on for r in self.reasons if r.lapses_on and r.lapses_on > self.today]
        return min(dates) if dates else None


