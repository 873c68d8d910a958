"""The currency rules: how a record and a policy become a status with reasons."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pe_desktop.domain.currency.model import (
    CheckIn,
    CpdItem,
    CurrencyPolicy,
    CurrencyRecord,
    CurrencyStatus,
    CurrencyWarning,
    OpenPlacement,
    QualificationItem,
    QualificationKind,
    Reason,
    Rule,
    State,
    SupportedStudent,
    add_months,
    fmt,
)


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
        deadline = p.start + timedelta(days=policy.checkin_grace_days)
        lapses_on = deadline + timedelta(days=1)
        if c is not None:
            out.append(Reason(
                Rule.CHECKIN, State.LAPSED,
                f"{p.label}: manager judged the caseload not appropriate on {fmt(c.on)}",
                c.on, p.id))
            continue
        # Outstanding but within its window: due (amber), never lapsed (red).
        state = State.LAPSED if today > deadline else State.AT_RISK
        due = "started" if p.start <= today else "starts"
        out.append(Reason(
            Rule.CHECKIN, state,
            f"{p.label} {due} {fmt(p.start)} with no manager check-in; "
            + (_when(lapses_on, today) if state == State.LAPSED
               else f"due by {fmt(deadline)}"),
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
                      "No registration renewal date recorded")
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
