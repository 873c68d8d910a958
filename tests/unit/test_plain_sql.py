"""Plain SQL reads (no SQLAlchemy) decode and bind exactly as the ORM models do."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pe_desktop.domain.enums import PlacementKind, PlacementStatus
from pe_desktop.services.demo import create_demo_data
from pe_desktop.storage.plain_rows import (
    BOOL,
    DATE,
    UTC_DATETIME,
    PlainReader,
    enum_type,
    reader,
    statement_listeners,
    typed_sql,
)
from pe_desktop.storage.plain_sql import expand, utc_text


def test_list_parameters_expand_and_values_bind_as_stored():
    sql, bound = expand("SELECT 1 WHERE a IN :ids AND d = :day AND k = :kind AND b = :flag",
                        {"ids": [3, 4], "day": date(2026, 2, 1),
                         "kind": PlacementKind.FINAL, "flag": True})
    assert sql == "SELECT 1 WHERE a IN (:ids_0, :ids_1) AND d = :day AND k = :kind AND b = :flag"
    assert bound == {"ids_0": 3, "ids_1": 4, "day": "2026-02-01",
                     "kind": PlacementKind.FINAL.value, "flag": 1}
    assert expand("x IN :ids", {"ids": []}) == ("x IN (NULL)", {})
    at = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
    assert expand("t = :at", {"at": at})[1] == {"at": "2026-03-01 12:30:00.000000"}
    with pytest.raises(ValueError):
        expand("t = :at", {"at": at.replace(tzinfo=None)})
    with pytest.raises(KeyError):
        expand("x = :missing", {"other": 1})


PLACEMENTS = typed_sql(
    "SELECT id, kind, status, start_date, archived, created_at FROM placements"
    " WHERE id IN :ids ORDER BY id",
    [("id", None), ("kind", enum_type(PlacementKind)), ("status", enum_type(PlacementStatus)),
     ("start_date", DATE), ("archived", BOOL), ("created_at", UTC_DATETIME)], lists=("ids",))


def test_rows_read_plainly_equal_the_orm_s(ctx):
    from pe_desktop.storage.models import Placement

    create_demo_data(ctx, placements=6)
    with ctx.read_session() as s:
        orm = [(p.id, p.kind, p.status, p.start_date, p.archived, p.created_at)
               for p in s.scalars(select(Placement).order_by(Placement.id))]
    ids = [r[0] for r in orm]
    assert len(ids) >= 6
    with ctx.plain_read() as con:
        plain = [tuple(r) for r in PlainReader(con).execute(PLACEMENTS, {"ids": ids})]
    assert plain == orm
    assert {type(r[3]) for r in plain} == {date} and plain[0][5].tzinfo is UTC
    # the same rows through an ORM session's own connection:
    with ctx.read_session() as s:
        assert [tuple(r) for r in reader(s).execute(PLACEMENTS, {"ids": ids})] == orm


def test_a_session_s_plain_reads_see_its_flushed_changes_and_are_counted(ctx):
    from pe_desktop.storage.models import Placement

    create_demo_data(ctx, placements=2)
    seen: list[str] = []
    statement_listeners.append(seen.append)
    try:
        with pytest.raises(LookupError), ctx.session() as s:
            p = s.scalars(select(Placement).limit(1)).one()
            pid = p.id
            p.archived = True
            s.flush()
            row = reader(s).execute(PLACEMENTS, {"ids": [pid]}).one()
            assert row._mapping["archived"] is True
            raise LookupError("roll back")
    finally:
        statement_listeners.remove(seen.append)
    assert len(seen) == 1 and seen[0].startswith("SELECT id, kind")
    with ctx.plain_read() as con:
        again = PlainReader(con).execute(PLACEMENTS, {"ids": [pid]}).one()
    assert again._mapping["archived"] is False  # rolled back: nothing was written


@given(st.datetimes(timezones=st.timezones()))
@settings(max_examples=150, deadline=None)
def test_utc_text_is_what_the_utc_column_type_binds(moment):
    from sqlalchemy.dialects import sqlite

    from pe_desktop.storage.base import UTCDateTime

    dialect = sqlite.dialect()
    bind = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    try:
        expected: object = bind(moment)
    except (OverflowError, ValueError) as exc:
        expected = type(exc)
    try:
        got: object = utc_text(moment)
    except (OverflowError, ValueError) as exc:
        got = type(exc)
    assert got == expected
