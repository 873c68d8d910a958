"""Dashboard items for peer QA (listed in ``services.dashboard.ATTENTION_PROVIDERS``).

- a sample request due within two weeks (overdue after its date) with no bundle yet;
- a bundle queued but not yet delivered to any target;
- the panel's feedback on one of the PE's reports, received and not yet read.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.storage.models import (
    QaBundle,
    QaFeedbackReceived,
    QaRequest,
    QaShare,
    Report,
)

LEAD = timedelta(days=14)


def _delivered_in_outbox(s: Session) -> set[str]:
    """SHA-256 of files the outbox journal says reached a target (without creating it)."""
    db = s.get_bind().url.database
    root = Path(db).parent / "outbox" if db else None
    if root is None or not (root / "outbox.sqlite").exists():
        return set()
    from pe_desktop.sync.outbox import Outbox

    with Outbox(root) as box:
        return {i.sha256 for i in box.items() if i.sent_to}


def qa_items(s: Session, today: date) -> list[AttentionItem]:
    requests = s.scalars(select(QaRequest)).all()
    if not requests:
        return []
    bundles = s.scalars(select(QaBundle).order_by(QaBundle.id)).all()
    bundled = {b.request_id for b in bundles}
    delivered = set(s.scalars(select(QaShare.sha256)))
    items = []
    for r in requests:
        if r.id in bundled or today < r.due - LEAD:
            continue
        items.append(AttentionItem(
            severity=Severity.OVERDUE if today > r.due else Severity.DUE, when=r.due,
            title=f"Peer QA sample — round {r.round_id}",
            detail=f"review, approve and send your sample to {r.panel_name}; "
                   f"{'was ' if r.due < today else ''}due {r.due:%d %b %Y}",
            category="qa"))
    items += _unread_feedback(s)
    pending = [b for b in bundles if b.sha256 not in delivered]
    if pending:
        delivered |= _delivered_in_outbox(s)
    rounds = {r.id: r for r in requests}
    for b in pending:
        if b.sha256 in delivered:
            continue
        r = rounds.get(b.request_id)
        items.append(AttentionItem(
            severity=Severity.DUE, when=r.due if r else None,
            title=f"QA bundle not yet delivered — round {r.round_id if r else '?'}",
            detail="it waits in the outbox: open Peer QA and press Push now",
            category="qa"))
    return items


def _unread_feedback(s: Session) -> list[AttentionItem]:
    from pe_desktop.domain.reports import short_title

    rows = s.execute(select(QaFeedbackReceived.return_code, QaFeedbackReceived.received_at,
                            QaRequest.round_id, Report.kind, Report.placement_id)
                     .join(QaRequest, QaRequest.id == QaFeedbackReceived.request_id)
                     .outerjoin(Report, Report.uid == QaFeedbackReceived.report_uid)
                     .where(QaFeedbackReceived.read_at.is_(None))
                     .order_by(QaFeedbackReceived.id)).all()
    return [AttentionItem(
        severity=Severity.INFO, when=None,
        title=f"Panel feedback to read — {short_title(kind) if kind else 'a report'}, "
              f"round {round_id}",
        detail=f"the QA panel's ratings and comments on {code}: open Peer QA, Panel feedback",
        placement_id=pid, category="qa_feedback") for code, _at, round_id, kind, pid in rows]
