"""Writing the hash-chained audit trail, inside the transaction that makes the change.

Every ORM flush appends one event per created, updated or deleted record
(:func:`install` hooks the session factory), so a change and its audit event
commit or roll back together. Explicit acts (sign, export, share, import,
restore) call :func:`append`.

Each event's ``hash`` is SHA-256 over the previous event's hash and the
event's own fields, so editing, removing or reordering any event breaks every
hash after it (:func:`verify_rows`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.storage.stamps import connection_clock

GENESIS = "0" * 64
CREATE, UPDATE, DELETE = "create", "update", "delete"
SIGN, EXPORT, SHARE, IMPORT, RESTORE, RETENTION = (
    "sign", "export", "share", "import", "restore", "retention")
#: Tables whose rows are not audited: autosaved drafts (every few seconds of
#: typing) and the audit table itself.
NOT_AUDITED = frozenset({"drafts", "audit_events"})


@dataclass(frozen=True)
class PendingEvent:
    action: str
    record_type: str
    record_uid: str
    state_hash: str = ""


def _canon(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return value.hex()
    return value


def state_hash(values: dict[str, Any]) -> str:
    """SHA-256 of a record's column values (canonical JSON)."""
    blob = json.dumps({k: _canon(v) for k, v in sorted(values.items())}, sort_keys=True,
                      ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def event_hash(prev: str, seq: int, at: datetime, action: str, record_type: str,
               record_uid: str, state: str) -> str:
    fields = [prev, str(seq), _canon(at), action, record_type, record_uid, state]
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def _identity(obj: Any) -> tuple[str, str, dict[str, Any]]:
    st = inspect(obj)
    mapper = st.mapper
    values = {a.key: st.dict.get(a.key) for a in mapper.column_attrs}
    uid = values.get("uid")
    if not uid:
        ident = st.identity or tuple(values.get(c.key) for c in mapper.primary_key)
        uid = "pk:" + "/".join(str(v) for v in ident)
    return mapper.local_table.name, str(uid), values


def _flush_events(session: Session) -> list[PendingEvent]:
    events: list[PendingEvent] = []
    for action, objs in ((CREATE, session.new), (UPDATE, session.dirty),
                         (DELETE, session.deleted)):
        for obj in objs:
            table = inspect(obj).mapper.local_table.name
            if table in NOT_AUDITED:
                continue
            if action == UPDATE and not session.is_modified(obj, include_collections=False):
                continue
            rtype, uid, values = _identity(obj)
            events.append(PendingEvent(action, rtype, uid,
                                       "" if action == DELETE else state_hash(values)))
    return events


def _table() -> Any:
    """The audit table (imported here: the models load after the first window is shown,
    and this module is part of opening the database)."""
    from pe_desktop.storage.models.audit import AuditEvent

    return AuditEvent.__table__


def head(session: Session) -> tuple[int, str]:
    """(seq, hash) of the last event, or (0, GENESIS)."""
    t = _table()  # Core columns: no ORM mapper configuration for one read
    row = session.execute(select(t.c.seq, t.c.hash).order_by(t.c.seq.desc()).limit(1)).first()
    return (row[0], row[1]) if row else (0, GENESIS)


def append(session: Session, events: Sequence[PendingEvent], at: datetime | None = None) -> str:
    """Append ``events`` (in order) to the chain in ``session``'s transaction; returns the head."""
    if not events:
        return head(session)[1]
    conn = session.connection()
    when = at or connection_clock(conn.info).now()
    seq, prev = head(session)
    rows = []
    for ev in events:
        seq += 1
        h = event_hash(prev, seq, when, ev.action, ev.record_type, ev.record_uid, ev.state_hash)
        rows.append({"seq": seq, "at": when, "action": ev.action, "record_type": ev.record_type,
                     "record_uid": ev.record_uid, "state_hash": ev.state_hash,
                     "prev_hash": prev, "hash": h})
        prev = h
    conn.execute(_table().insert(), rows)
    return prev


def _after_flush(session: Session, _ctx: Any) -> None:
    events = _flush_events(session)
    if events:
        append(session, events)


def install(factory: sessionmaker[Session]) -> None:
    """Audit every flush of sessions made by ``factory``."""
    from sqlalchemy import event

    event.listen(factory, "after_flush", _after_flush)


@dataclass(frozen=True)
class ChainProblem:
    seq: int
    message: str


def verify_rows(rows: Iterable[Any]) -> ChainProblem | None:
    """The first break in a chain of rows (ordered by seq), or None if intact."""
    prev, expected_seq = GENESIS, 1
    for r in rows:
        if r.seq != expected_seq:
            return ChainProblem(expected_seq, f"event {expected_seq} is missing "
                                f"(the next one is {r.seq}): events were removed")
        if r.prev_hash != prev:
            return ChainProblem(r.seq, f"event {r.seq} does not follow event {r.seq - 1}: "
                                "events were removed, replaced or reordered")
        h = event_hash(r.prev_hash, r.seq, r.at, r.action, r.record_type, r.record_uid,
                       r.state_hash)
        if h != r.hash:
            return ChainProblem(r.seq, f"event {r.seq} was altered after it was recorded")
        prev, expected_seq = r.hash, expected_seq + 1
    return None
