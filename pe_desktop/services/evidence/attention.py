"""Dashboard items from supervision and observations (listed in
``services.dashboard.ATTENTION_PROVIDERS``)."""

from __future__ import annotations

from datetime import date

from pe_desktop.domain.coverage import observation_shortfall_severity
from pe_desktop.domain.supervision_rules import supervision_status
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.evidence.requirements import progress_for, requirements_for
from pe_desktop.services.placements.rows import days_completed_by_placement
from pe_desktop.services.placements.running import running_placements
from pe_desktop.storage.plain_rows import DATE, Reads, reader, typed_sql

_HELD = ("FROM supervision_sessions WHERE supervision_sessions.placement_id IN :ids"
         " AND supervision_sessions.held_on <= :today GROUP BY supervision_sessions.placement_id")
_LAST_HELD = typed_sql(
    "SELECT supervision_sessions.placement_id, max(supervision_sessions.held_on) AS max_1 "
    + _HELD, [("placement_id", None), ("max_1", DATE)], lists=("ids",), dates=("today",))
_HELD_COUNT = typed_sql(
    "SELECT supervision_sessions.placement_id, count(*) AS count_1 " + _HELD,
    [("placement_id", None), ("count_1", None)], lists=("ids",), dates=("today",))


def supervision_items(s: Reads, today: date) -> list[AttentionItem]:
    """Overdue supervision on running placements."""

    placements = running_placements(s)
    if not placements:
        return []
    params = {"ids": [p.id for p in placements], "today": today}
    last = dict(reader(s).execute(_LAST_HELD, params).all())
    counts = dict(reader(s).execute(_HELD_COUNT, params).all())
    reqs = requirements_for(s, placements)
    items = []
    for p in placements:
        req = reqs[p.id]
        held = [last[p.id]] * counts.get(p.id, 0) if p.id in last else []
        st = supervision_status(p.start_date, p.planned_end_date, today,
                                req.supervision_interval_days, held)
        behind = st.expected - st.held
        if not st.overdue and behind < 2:
            continue  # one session short is normal week to week
        items.append(AttentionItem(
            severity=Severity.OVERDUE if st.overdue else Severity.DUE, when=st.next_due,
            title=(f"Supervision overdue — {p.student_name}" if st.overdue
                   else f"Supervision behind — {p.student_name}"),
            detail=(f"{p.organisation}: last session "
                    + (f"{st.last_held:%d/%m/%Y}" if st.last_held else "never")
                    + f"; {st.held} held of {st.expected} expected"),
            placement_id=p.id, category="supervision",
        ))
    return items


def observation_items(s: Reads, today: date) -> list[AttentionItem]:
    """Observation shortfalls from midway onwards (overdue in the last fifth)."""
    placements = running_placements(s)
    if not placements:
        return []
    days = days_completed_by_placement(s, [p.id for p in placements])
    progress = progress_for(s, placements)
    items = []
    for p in placements:
        fraction = days.get(p.id, 0) / p.required_days if p.required_days else 0.0
        span = (p.planned_end_date - p.start_date).days or 1
        fraction = max(fraction, min(1.0, (today - p.start_date).days / span))
        prog = progress[p.id]
        sev = observation_shortfall_severity(prog, fraction)
        if sev is None:
            continue
        items.append(AttentionItem(
            severity=Severity.OVERDUE if sev == "overdue" else Severity.DUE,
            when=p.planned_end_date,
            title=f"Observations short — {p.student_name}",
            detail=f"{p.organisation}: " + "; ".join(prog.problems()),
            placement_id=p.id, category="observations",
        ))
    return items
