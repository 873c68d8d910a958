"""Listing, verifying and extending the audit chain."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from pe_desktop.services.context import AppContext
from pe_desktop.storage import audit_log
from pe_desktop.storage.audit_log import ChainProblem
from pe_desktop.storage.models import AuditEvent


@dataclass(frozen=True)
class AuditRow:
    seq: int
    at: datetime
    action: str
    record_type: str
    record_uid: str
    state_hash: str
    hash: str

    def as_json(self) -> dict[str, object]:
        return {"seq": self.seq, "at": self.at.isoformat(), "action": self.action,
                "record_type": self.record_type, "record_uid": self.record_uid,
                "state_hash": self.state_hash, "hash": self.hash}


@dataclass(frozen=True)
class ChainHead:
    seq: int
    hash: str
    events: int


def chain_head(ctx: AppContext) -> str:
    """The hash of the newest audit event (64 hex digits; all zeros before any)."""
    with ctx.read_session() as s:
        return audit_log.head(s)[1]


def head_info(ctx: AppContext) -> ChainHead:
    with ctx.read_session() as s:
        seq, h = audit_log.head(s)
        n = s.scalar(select(func.count()).select_from(AuditEvent)) or 0
    return ChainHead(seq, h, n)


def list_events(ctx: AppContext, limit: int | None = None) -> list[AuditRow]:
    """Events oldest first (the newest ``limit`` if given)."""
    with ctx.read_session() as s:
        q = select(AuditEvent).order_by(AuditEvent.seq.desc())
        if limit is not None:
            q = q.limit(limit)
        rows = list(s.scalars(q))
    return [AuditRow(r.seq, r.at, r.action, r.record_type, r.record_uid, r.state_hash, r.hash)
            for r in reversed(rows)]


def verify(ctx: AppContext, expected_head: str | None = None) -> tuple[int, ChainProblem | None]:
    """(events checked, the first problem or None).

    ``expected_head`` (from a signed PDF) must be an event in the chain, or
    the chain was rewritten after that document was made.
    """
    with ctx.read_session() as s:
        rows = s.scalars(select(AuditEvent).order_by(AuditEvent.seq)).all()
        problem = audit_log.verify_rows(rows)
        if problem is None and expected_head and expected_head != audit_log.GENESIS and not any(
                r.hash == expected_head for r in rows):
            problem = ChainProblem(0, f"the chain head {expected_head[:16]}… recorded in an "
                                   "exported document is not in this chain")
    return len(rows), problem


def record(ctx: AppContext, action: str, record_type: str, record_uid: str,
           state_hash: str = "") -> str:
    """Append one act (sign, export, share, import, retention…); returns the new head."""
    with ctx.session() as s:
        return audit_log.append(
            s, [audit_log.PendingEvent(action, record_type, record_uid, state_hash)])
