"""The full-text search index (SQLite FTS5) over supervision notes,
observations, service-user/carer feedback and evidence items.

One FTS5 table, :data:`FTS_TABLE`, holds a row per record. Its rowid encodes
the source (``id * 8 + code``) so triggers can replace a record's row by rowid
without scanning. The indexed ``scope`` column holds a placement token
(``p12``) so a search within one placement intersects posting lists instead
of filtering every match. Triggers on the source tables (created in migration 0002)
keep it in step with every insert, update and delete, including cascades and
the bulk inserts of an interchange import. :func:`rebuild` refills it from the
source tables (used after repairs and by tests to prove the triggers agree).

The FTS table is a virtual table and not part of ``Base.metadata``, so the
generic interchange never exports it; :func:`is_fts_table` lets Alembic's
autogenerate ignore it and its shadow tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

FTS_TABLE = "search_index"


@dataclass(frozen=True)
class FtsSource:
    code: int
    kind: str
    table: str
    title_sql: str  # an SQL expression over the source row (prefix "{r}.")
    body_columns: tuple[str, ...]


SOURCES: tuple[FtsSource, ...] = (
    FtsSource(1, "supervision", "supervision_sessions", "'Supervision ' || strftime('%d/%m/%Y', {r}.held_on)",
              ("attendees", "agenda", "discussion", "reflections", "wellbeing")),
    FtsSource(2, "observation", "observations", "'Observation ' || strftime('%d/%m/%Y', {r}.observed_on)",
              ("observer_name", "setting", "observer_account", "feedback",
               "student_reflection", "consent_notes")),
    FtsSource(3, "feedback", "service_feedback", "'Feedback ' || strftime('%d/%m/%Y', {r}.received_on)",
              ("how_gathered", "content")),
    FtsSource(4, "item", "evidence_items", "{r}.title", ("description",)),
)
BY_CODE = {s.code: s for s in SOURCES}
BY_KIND = {s.kind: s for s in SOURCES}


def is_fts_table(name: str) -> bool:
    """True for the FTS table and its shadow tables (``search_index_data`` ...)."""
    return name == FTS_TABLE or name.startswith(FTS_TABLE + "_")


def _body(src: FtsSource, r: str) -> str:
    return " || ' ' || ".join(f"coalesce({r}.{c}, '')" for c in src.body_columns)


def _values(src: FtsSource, r: str) -> str:
    return (f"{r}.id * 8 + {src.code}, '{src.kind}', {r}.placement_id, "
            f"'p' || {r}.placement_id, {src.title_sql.format(r=r)}, {_body(src, r)}")


def scope_token(placement_id: int) -> str:
    """The token in the indexed ``scope`` column naming a placement."""
    return f"p{int(placement_id)}"


def create_sql() -> list[str]:
    """Statements creating the FTS table and its triggers (frozen copy in 0002)."""
    stmts = [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
        "kind UNINDEXED, placement_id UNINDEXED, scope, title, body, "
        "tokenize = 'unicode61 remove_diacritics 2')"
    ]
    cols = f"{FTS_TABLE}(rowid, kind, placement_id, scope, title, body)"
    for s in SOURCES:
        stmts += [
            f"CREATE TRIGGER {s.table}_fts_ai AFTER INSERT ON {s.table} BEGIN "
            f"INSERT INTO {cols} VALUES ({_values(s, 'new')}); END",
            f"CREATE TRIGGER {s.table}_fts_ad AFTER DELETE ON {s.table} BEGIN "
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 8 + {s.code}; END",
            f"CREATE TRIGGER {s.table}_fts_au AFTER UPDATE ON {s.table} BEGIN "
            f"DELETE FROM {FTS_TABLE} WHERE rowid = old.id * 8 + {s.code}; "
            f"INSERT INTO {cols} VALUES ({_values(s, 'new')}); END",
        ]
    return stmts


def drop_sql() -> list[str]:
    stmts = []
    for s in SOURCES:
        for suffix in ("ai", "ad", "au"):
            stmts.append(f"DROP TRIGGER IF EXISTS {s.table}_fts_{suffix}")
    stmts.append(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    return stmts


def rebuild(conn: Connection) -> int:
    """Refill the index from the source tables; returns the number of rows."""
    conn.execute(text(f"DELETE FROM {FTS_TABLE}"))
    cols = f"{FTS_TABLE}(rowid, kind, placement_id, scope, title, body)"
    for s in SOURCES:
        conn.execute(text(f"INSERT INTO {cols} SELECT {_values(s, 'r')} FROM {s.table} AS r"))
    return int(conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one())


def decode_rowid(rowid: int) -> tuple[str, int]:
    """(kind, record id) for an index rowid."""
    return BY_CODE[rowid % 8].kind, rowid // 8
