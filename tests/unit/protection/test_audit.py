"""The audit trail: recorded with every change, ids not content, tampering detected."""

from __future__ import annotations

import pytest
from evidence_helpers import make_placement
from sqlalchemy import text

from pe_desktop.services import audit
from pe_desktop.storage.audit_log import GENESIS


def _rows(ctx):
    return audit.list_events(ctx)


def test_changes_are_recorded_with_ids_and_hashes_not_content(ctx):
    assert audit.chain_head(ctx) == GENESIS
    make_placement(ctx, name="Ngozi Adeyemi")
    events = _rows(ctx)
    assert {(e.action, e.record_type) for e in events} >= {
        ("create", "students"), ("create", "placements"), ("update", "placements")}
    assert all(len(e.state_hash) == 64 for e in events)
    blob = repr([e.as_json() for e in events])
    assert "Ngozi" not in blob and "Northfield" not in blob
    head = audit.chain_head(ctx)
    assert head == events[-1].hash and head != GENESIS
    n, problem = audit.verify(ctx, head)
    assert problem is None and n == len(events)


def _tamper(ctx, sql: str) -> None:
    with ctx.session() as s:
        s.execute(text("DROP TRIGGER audit_events_no_update"))
        s.execute(text("DROP TRIGGER audit_events_no_delete"))
        for stmt in sql.split(";"):
            s.execute(text(stmt))


def test_the_table_is_append_only(ctx):
    make_placement(ctx)
    with pytest.raises(Exception, match="append-only"), ctx.session() as s:
        s.execute(text("UPDATE audit_events SET action='x' WHERE seq=1"))
    with pytest.raises(Exception, match="append-only"), ctx.session() as s:
        s.execute(text("DELETE FROM audit_events WHERE seq=1"))


@pytest.mark.parametrize("sql, words", [
    ("UPDATE audit_events SET record_uid='someone-else' WHERE seq=2", "event 2 was altered"),
    ("DELETE FROM audit_events WHERE seq=2", "event 2 is missing"),
    ("UPDATE audit_events SET seq = 1000 WHERE seq = 2; UPDATE audit_events SET seq = 2 "
     "WHERE seq = 3; UPDATE audit_events SET seq = 3 WHERE seq = 1000", "does not follow"),
])
def test_verify_detects_edited_removed_and_reordered_events(ctx, sql, words):
    make_placement(ctx)
    assert audit.verify(ctx)[1] is None
    _tamper(ctx, sql)
    _n, problem = audit.verify(ctx)
    assert problem is not None and words in problem.message


def test_a_head_from_an_exported_document_must_be_in_the_chain(ctx):
    make_placement(ctx)
    head = audit.chain_head(ctx)
    assert audit.verify(ctx, head)[1] is None
    assert audit.verify(ctx, "f" * 64)[1] is not None
