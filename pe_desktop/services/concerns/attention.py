"""Dashboard items for causes for concern (listed in ``services.dashboard.ATTENTION_PROVIDERS``):
action-plan reviews due within a week or overdue, and concerns meetings not yet held."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.concerns import ConcernOutcome, review_state
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.supervision import running_placements
from pe_desktop.storage.models import Concern, ConcernAction, ConcernMeeting

MEETING_HORIZON = timedelta(days=14)


def concern_items(s: Session, today: date) -> list[AttentionItem]:
    placements = {p.id: p for p in running_placements(s)}
    if not placements:
        return []
    items: list[AttentionItem] = []
    rows = s.execute(
        select(ConcernAction, Concern)
        .join(Concern, ConcernAction.concern_id == Concern.id)
        .where(Concern.placement_id.in_(list(placements)),
               Concern.outcome == ConcernOutcome.OPEN,
               ConcernAction.done_on.is_(None), ConcernAction.review_on.is_not(None))
        .order_by(ConcernAction.review_on)
    ).all()
    for a, c in rows:
        state = review_state(a.review_on, a.done_on, today)
        if state is None:
            continue
        p = placements[c.placement_id]
        what = a.description.strip().splitlines()[0][:80]
        items.append(AttentionItem(
            severity=Severity.OVERDUE if state.overdue else Severity.DUE,
            when=a.review_on,
            title=f"Concern action review — {p.student.full_name}",
            detail=f"{what}{' (' + a.owner + ')' if a.owner else ''}: {state.words()}",
            placement_id=p.id,
            category="concern",
        ))
    meetings = s.execute(
        select(ConcernMeeting, Concern)
        .join(Concern, ConcernMeeting.concern_id == Concern.id)
        .where(Concern.placement_id.in_(list(placements)), ConcernMeeting.held_on.is_(None),
               ConcernMeeting.planned_on <= today + MEETING_HORIZON)
    ).all()
    for m, c in meetings:
        p = placements[c.placement_id]
        overdue = m.planned_on < today
        items.append(AttentionItem(
            severity=Severity.OVERDUE if overdue else Severity.DUE,
            when=m.planned_on,
            title=f"Concerns meeting — {p.student.full_name}",
            detail=(f"planned for {m.planned_on:%d %b %Y}; "
                    + ("not yet marked held" if overdue else "coming up")),
            placement_id=p.id,
            category="concern",
        ))
    return items
