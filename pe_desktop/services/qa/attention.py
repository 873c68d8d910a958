"""Dashboard items for peer QA (listed in ``services.dashboard.ATTENTION_PROVIDERS``).

- a sample request due within two weeks (overdue after its date) with no bundle yet;
- a bundle queued but not yet delivered to any target;
- the panel's feedback on one of the PE's reports, received and not yet read.
"""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.reports import ReportKind
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.storage.plain_rows import DATE, UTC_DATETIME, Reads, enum_type, reader, typed_sql

LEAD = timedelta(days=14)

# No ORDER BY on requests, as ever: items follow the table's order.
_REQUESTS = typed_sql(
    "SELECT qa_requests.id, qa_requests.round_id, qa_requests.panel_name, qa_requests.due"
    " FROM qa_requests",
    [("id", None), ("round_id", None), ("panel_name", None), ("due", DATE)])
_BUNDLES = typed_sql(
    "SELECT qa_bundles.request_id, qa_bundles.sha256 FROM qa_bundles ORDER BY qa_bundles.id",
    [("request_id", None), ("sha256", None)])
_SHARED = typed_sql("SELECT qa_shares.sha256 FROM qa_shares", [("sha256", None)])
_UNREAD = typed_sql(
    "SELECT qa_feedback.return_code, qa_feedback.received_at, qa_requests.round_id,"
    " reports.kind, reports.placement_id"
    " FROM qa_feedback JOIN qa_requests ON qa_requests.id = qa_feedback.request_id"
    " LEFT OUTER JOIN reports ON reports.uid = qa_feedback.report_uid"
    " WHERE qa_feedback.read_at IS NULL ORDER BY qa_feedback.id",
    [("return_code", None), ("received_at", UTC_DATETIME), ("round_id", None),
     ("kind", enum_type(ReportKind)), ("placement_id", None)])


def _delivered_in_outbox(s: Reads) -> set[str]:
    """SHA-256 of files the outbox journal says reached a target (without creating it)."""
    db = reader(s).database
    root = db.parent / "outbox" if db else None
    if root is None or not (root / "outbox.sqlite").exists():
        return set()
    from pe_desktop.sync.outbox import Outbox

    with Outbox(root) as box:
        return {i.sha256 for i in box.items() if i.sent_to}


def qa_items(s: Reads, today: date) -> list[AttentionItem]:
    requests = reader(s).execute(_REQUESTS).all()
    if not requests:
        return []
    bundles = reader(s).execute(_BUNDLES).all()
    bundled = {b.request_id for b in bundles}
    delivered = set(reader(s).execute(_SHARED).scalars())
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


def _unread_feedback(s: Reads) -> list[AttentionItem]:
    from pe_desktop.domain.reports import short_title

    rows = reader(s).execute(_UNREAD).all()
    return [AttentionItem(
        severity=Severity.INFO, when=None,
        title=f"Panel feedback to read — {short_title(kind) if kind else 'a report'}, "
              f"round {round_id}",
        detail=f"the QA panel's ratings and comments on {code}: open Peer QA, Panel feedback",
        placement_id=pid, category="qa_feedback") for code, _at, round_id, kind, pid in rows]
