"""Dashboard items for causes for concern (listed in ``services.dashboard.ATTENTION_PROVIDERS``):
action-plan reviews due within a week or overdue, and concerns meetings not yet held."""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.concerns import ConcernOutcome, review_state
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.placements.running import running_placements
from pe_desktop.storage.plain_rows import DATE, Reads, reader, typed_sql

MEETING_HORIZON = timedelta(days=14)

_ACTIONS = typed_sql(
    "SELECT concern_actions.description, concern_actions.owner, concern_actions.review_on,"
    " concern_actions.done_on, concerns.placement_id"
    " FROM concern_actions JOIN concerns ON concern_actions.concern_id = concerns.id"
    " WHERE concerns.placement_id IN :ids AND concerns.outcome = :open"
    " AND concern_actions.done_on IS NULL AND concern_actions.review_on IS NOT NULL"
    " ORDER BY concern_actions.review_on",
    [("description", None), ("owner", None), ("review_on", DATE), ("done_on", DATE),
     ("placement_id", None)], lists=("ids",))
_MEETINGS = typed_sql(
    "SELECT concern_meetings.planned_on, concerns.placement_id"
    " FROM concern_meetings JOIN concerns ON concern_meetings.concern_id = concerns.id"
    " WHERE concerns.placement_id IN :ids AND concern_meetings.held_on IS NULL"
    " AND concern_meetings.planned_on <= :horizon",
    [("planned_on", DATE), ("placement_id", None)], lists=("ids",), dates=("horizon",))


def concern_items(s: Reads, today: date) -> list[AttentionItem]:
    placements = {p.id: p for p in running_placements(s)}
    if not placements:
        return []
    items: list[AttentionItem] = []
    rows = reader(s).execute(_ACTIONS, {"ids": list(placements),
                                "open": ConcernOutcome.OPEN.value}).all()
    for a in rows:
        state = review_state(a.review_on, a.done_on, today)
        if state is None:
            continue
        p = placements[a.placement_id]
        what = a.description.strip().splitlines()[0][:80]
        items.append(AttentionItem(
            severity=Severity.OVERDUE if state.overdue else Severity.DUE,
            when=a.review_on,
            title=f"Concern action review — {p.student_name}",
            detail=f"{what}{' (' + a.owner + ')' if a.owner else ''}: {state.words()}",
            placement_id=p.id,
            category="concern",
        ))
    meetings = reader(s).execute(_MEETINGS, {"ids": list(placements),
                                     "horizon": today + MEETING_HORIZON}).all()
    for m in meetings:
        p = placements[m.placement_id]
        overdue = m.planned_on < today
        items.append(AttentionItem(
            severity=Severity.OVERDUE if overdue else Severity.DUE,
            when=m.planned_on,
            title=f"Concerns meeting — {p.student_name}",
            detail=(f"planned for {m.planned_on:%d %b %Y}; "
                    + ("not yet marked held" if overdue else "coming up")),
            placement_id=p.id,
            category="concern",
        ))
    return items
