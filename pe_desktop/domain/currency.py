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
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import date, timedelta
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

    name: str = "Seed defaults (two years, annual CPD)"
    student_within_months: int = 24
    cpd_window_months: int = 12
    cpd_min_hours: float = 6.0
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
            if key not in known and key not in ("schema", "description"):
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


# -- the rules ---------------------------------------------------------------
def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _hours(h: float) -> str:
    return f"{h:g} hour{'' if h == 1 else 's'}"


def _judge(until: date, today: date, policy: CurrencyPolicy) -> State:
    """State of something current up to and including ``until``."""
    if today > until:
        return State.LAPSED
    if (until + timedelta(days=1) - today).days <= policy.at_risk_days:
        return State.AT_RISK
    return State.CURRENT


def _when(lapses_on: date, today: date) -> str:
    days = (lapses_on - today).days
    if days <= 0:
        return f"lapsed on {fmt(lapses_on)}"
    if days == 1:
        return f"lapses tomorrow, {fmt(lapses_on)}"
    return f"lapses on {fmt(lapses_on)} (in {days} days)"


def student_reason(
    students: Iterable[SupportedStudent], today: date, policy: CurrencyPolicy
) -> Reason:
    started = [s for s in students if s.start <= today]
    if not started:
        return Reason(Rule.STUDENT, State.LAPSED,
                      "No student supported yet: add placements or past students")
    months = policy.student_within_months
    best = max(started, key=lambda s: s.covered_until(today, months))
    until = best.covered_until(today, months)
    lapses_on = until + timedelta(days=1)
    state = _judge(until, today, policy)
    if best.end is None or best.end >= today:
        what = f"Supporting {best.initials or 'a student'} now"
    else:
        what = f"Last supported a student ({best.initials or 'no initials'}) until {fmt(best.end)}"
    limit = f"within {_plural(months, 'month')}"
    if state == State.CURRENT:
        return Reason(Rule.STUDENT, state, f"{what}; current until {fmt(until)}", lapses_on)
    return Reason(Rule.STUDENT, state, f"{what}; {limit} {_when(lapses_on, today)}", lapses_on)


def cpd_hours_on(items: Iterable[CpdItem], day: date, months: int) -> float:
    """Hours counting on ``day``: dated on or before it, not yet expired."""
    return sum(i.hours for i in items if i.on <= day <= add_months(i.on, months))


def cpd_covered_until(items: Iterable[CpdItem], today: date, policy: CurrencyPolicy) -> date | None:
    """Last day (at or after today, or the last one before it) on which the
    CPD counting reaches the minimum; None if it never did.

    The count only changes when an entry starts or expires, so checking the
    expiry days (and today) is enough.
    """
    items = [i for i in items if i.on <= today and i.hours >= 0]
    months = policy.cpd_window_months
    minimum = policy.cpd_min_hours

    def meets(day: date) -> bool:
        hours = cpd_hours_on(items, day, months)
        return hours >= minimum and (minimum > 0 or any(
            i.on <= day <= add_months(i.on, months) for i in items))

    candidates = sorted({add_months(i.on, months) for i in items}, reverse=True)
    for day in candidates:
        if meets(day):
            return day
    return None


def cpd_reason(items: Iterable[CpdItem], today: date, policy: CurrencyPolicy) -> Reason:
    items = list(items)
    months, minimum = policy.cpd_window_months, policy.cpd_min_hours
    hours = cpd_hours_on([i for i in items if i.on <= today], today, months)
    need = f"at least {_hours(minimum)}" if minimum > 0 else "at least one entry"
    window = f"in the last {_plural(months, 'month')}"
    until = cpd_covered_until(items, today, policy)
    if until is None:
        text = (f"No CPD recorded; {need} needed {window}" if not items
                else f"{_hours(hours)} of CPD {window}; {need} needed")
        return Reason(Rule.CPD, State.LAPSED, text)
    lapses_on = until + timedelta(days=1)
    state = _judge(until, today, policy)
    if state == State.CURRENT:
        text = f"{_hours(hours)} of CPD {window} ({need}); current until {fmt(until)}"
    elif state == State.AT_RISK:
        text = f"{_hours(hours)} of CPD {window} ({need}); {_when(lapses_on, today)}"
    else:
        text = f"{_hours(hours)} of CPD {window}, {need} needed; {_when(lapses_on, today)}"
    return Reason(Rule.CPD, state, text, lapses_on)


def _checkin_for(p: OpenPlacement, checkins: list[CheckIn], policy: CurrencyPolicy) -> CheckIn | None:
    """The check-in covering placement ``p``: one linked to it, or an unlinked
    one held in the weeks before it started (latest first)."""
    linked = [c for c in checkins if c.placement_id == p.id]
    if linked:
        return max(linked, key=lambda c: c.on)
    earliest = p.start - timedelta(days=policy.checkin_days_before_start)
    loose = [c for c in checkins if c.placement_id is None and earliest <= c.on <= p.start]
    return max(loose, key=lambda c: c.on) if loose else None


def checkin_reasons(
    placements: Iterable[OpenPlacement], checkins: Iterable[CheckIn], today: date,
    policy: CurrencyPolicy,
) -> list[Reason]:
    placements = sorted(placements, key=lambda p: (p.start, p.id))
    if not policy.checkin_each_new_placement:
        return []
    checkins = list(checkins)
    if not placements:
        return [Reason(Rule.CHECKIN, State.CURRENT,
                       "No planned or running placement needs a check-in")]
    out: list[Reason] = []
    for p in placements:
        c = _checkin_for(p, checkins, policy)
        if c is not None and c.caseload_ok:
            continue
        lapses_on = p.start + timedelta(days=1)  # due by the start date
        if c is not None:
            out.append(Reason(
                Rule.CHECKIN, State.LAPSED,
                f"{p.label}: manager judged the caseload not appropriate on {fmt(c.on)}",
                c.on, p.id))
            continue
        state = _judge(p.start, today, policy)
        due = "started" if p.start <= today else "starts"
        out.append(Reason(
            Rule.CHECKIN, state,
            f"{p.label} {due} {fmt(p.start)} with no manager check-in; "
            + (_when(lapses_on, today) if state != State.CURRENT
               else f"due by {fmt(p.start)}"),
            lapses_on, p.id))
    if not out:
        out.append(Reason(
            Rule.CHECKIN, State.CURRENT,
            f"Manager check-in held for each of {_plural(len(placements), 'new placement')}"))
    return out


def registration_reason(until: date | None, today: date, policy: CurrencyPolicy) -> Reason | None:
    if not policy.registration_required:
        return None
    if until is None:
        return Reason(Rule.REGISTRATION, State.AT_RISK,
                      "No renewal date recorded: add it on the Registration tab")
    lapses_on = until + timedelta(days=1)
    state = _judge(until, today, policy)
    if state == State.CURRENT:
        return Reason(Rule.REGISTRATION, state, f"Registered until {fmt(until)}", lapses_on)
    return Reason(Rule.REGISTRATION, state,
                  f"Registration renewal date {fmt(until)}; {_when(lapses_on, today)}", lapses_on)


def peps_stage(qualifications: Iterable[QualificationItem], today: date) -> int:
    """Highest PEPS stage completed by ``today`` (0 if none)."""
    done = {q.kind for q in qualifications if q.completed_on and q.completed_on <= today}
    if QualificationKind.PEPS2 in done:
        return 2
    return 1 if QualificationKind.PEPS1 in done else 0


def sole_final_warnings(record: CurrencyRecord, today: date) -> list[CurrencyWarning]:
    """A PE without PEPS stage 2 cannot take sole responsibility for a final
    placement: each open final placement needs a mentor / ratifier recorded."""
    stage = peps_stage(record.qualifications, today)
    if stage >= 2:
        return []
    mentored = {m.placement_id for m in record.mentoring if m.placement_id is not None
                and m.mentor.strip()}
    who = "a stage 1 PE" if stage == 1 else "no PEPS stage 2 recorded"
    return [
        CurrencyWarning(f"{p.label}: you are the sole PE on a final placement ({who}); record the "
                f"stage 2 mentor who ratifies the decisions", p.id)
        for p in sorted(record.open_placements, key=lambda p: p.start)
        if p.kind == "final" and p.id not in mentored
    ]


def evaluate(record: CurrencyRecord, policy: CurrencyPolicy, today: date) -> CurrencyStatus:
    """All rules for ``today``; the overall state is the worst reason's."""
    reasons: list[Reason] = []
    reg = registration_reason(record.registration_until, today, policy)
    if reg is not None:
        reasons.append(reg)
    reasons.append(student_reason(record.students, today, policy))
    reasons.append(cpd_reason(record.cpd, today, policy))
    reasons.extend(checkin_reasons(record.open_placements, record.checkins, today, policy))
    state = max((r.state for r in reasons), default=State.CURRENT)
    return CurrencyStatus(
        today=today,
        state=state,
        reasons=tuple(reasons),
        warnings=tuple(sole_final_warnings(record, today)),
        peps_stage=peps_stage(record.qualifications, today),
        cpd_hours_in_window=cpd_hours_on(
            [i for i in record.cpd if i.on <= today], today, policy.cpd_window_months),
        policy=policy,
    )
