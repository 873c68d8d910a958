"""The full-text search index (SQLite FTS5) over supervision notes,
observations, service-user/carer feedback and evidence items.

One *contentless* FTS5 table, :data:`FTS_TABLE`, indexes a row per record
without storing its text a second time (the source tables hold it). Its rowid
encodes the source (``id * 8 + code``) so triggers can replace a record's row
by rowid without scanning; the indexed ``scope`` column holds a placement token
(``p12``). Triggers on the source tables (created in migration 0011
``contentless_search``) keep it in step with every insert, update and delete,
including cascades and the bulk inserts of an interchange import: a
contentless table forgets a row through FTS5's ``'delete'`` command given the
row's old values, which the triggers compute from ``old.*`` exactly as the
insert computed them from ``new.*``. :func:`rebuild` refills it from the
source tables.

Highlighting and snippets need the text: :func:`documents` reads it from the
source tables for a few rowids (or one placement, by its indexed
``placement_id``) and :func:`scratch_index` indexes those documents in a
private in-memory FTS5 table with the same columns and tokenizer, where
``highlight()``/``snippet()`` give exactly what they gave on the full table.

The FTS table is a virtual table and not part of ``Base.metadata``, so the
generic interchange never exports it; :func:`is_fts_table` lets Alembic's
autogenerate ignore it and its shadow tables. A migration that rebuilds a
source table (Alembic batch mode) drops its triggers: re-create them with
:func:`create_sql` and :func:`rebuild` the index.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, text

FTS_TABLE = "search_index"
TOKENIZE = "unicode61 remove_diacritics 2"
#: The indexed columns, in order (``highlight``/``snippet`` take their positions).
COLUMNS = ("kind", "placement_id", "scope", "title", "body")
TITLE_COLUMN = COLUMNS.index("title")
BODY_COLUMN = COLUMNS.index("body")


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


def _table_sql(name: str, contentless: bool) -> str:
    cols = ", ".join(f"{c} UNINDEXED" if c in ("kind", "placement_id") else c for c in COLUMNS)
    content = ", content=''" if contentless else ""
    return f"CREATE VIRTUAL TABLE {name} USING fts5({cols}{content}, tokenize = '{TOKENIZE}')"


def create_sql() -> list[str]:
    """Statements creating the FTS table and its triggers (frozen copy in 0011)."""
    stmts = [_table_sql(FTS_TABLE, contentless=True)]
    cols = f"{FTS_TABLE}(rowid, {', '.join(COLUMNS)})"
    delete = f"{FTS_TABLE}({FTS_TABLE}, rowid, {', '.join(COLUMNS)})"
    for s in SOURCES:
        insert_new = f"INSERT INTO {cols} VALUES ({_values(s, 'new')});"
        delete_old = f"INSERT INTO {delete} VALUES ('delete', {_values(s, 'old')});"
        stmts += [
            f"CREATE TRIGGER {s.table}_fts_ai AFTER INSERT ON {s.table} BEGIN {insert_new} END",
            f"CREATE TRIGGER {s.table}_fts_ad AFTER DELETE ON {s.table} BEGIN {delete_old} END",
            f"CREATE TRIGGER {s.table}_fts_au AFTER UPDATE ON {s.table} BEGIN "
            f"{delete_old} {insert_new} END",
        ]
    return stmts


def trigger_names() -> list[str]:
    return [f"{s.table}_fts_{suffix}" for s in SOURCES for suffix in ("ai", "ad", "au")]


def suspend(conn: Connection) -> list[str]:
    """Drop the triggers and empty the index, for a bulk load that ends with
    :func:`resume` (in the same transaction: a rollback brings both back).
    Returns the triggers' statements for :func:`resume`."""
    sql = dict(conn.execute(text(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all())
    kept = [sql[name] for name in trigger_names() if name in sql]
    for name in trigger_names():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    return kept


def resume(conn: Connection, triggers: list[str]) -> None:
    """Index every source row in one pass each (much faster than row by row)
    and put the triggers back."""
    for stmt in fill_sql():
        conn.execute(text(stmt))
    for stmt in triggers:
        conn.execute(text(stmt))


def drop_sql() -> list[str]:
    stmts = []
    for s in SOURCES:
        for suffix in ("ai", "ad", "au"):
            stmts.append(f"DROP TRIGGER IF EXISTS {s.table}_fts_{suffix}")
    stmts.append(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    return stmts


def fill_sql() -> list[str]:
    """Statements indexing every source row (into an empty index)."""
    cols = f"{FTS_TABLE}(rowid, {', '.join(COLUMNS)})"
    return [f"INSERT INTO {cols} SELECT {_values(s, 'r')} FROM {s.table} AS r" for s in SOURCES]


def rebuild(conn: Connection) -> int:
    """Refill the index from the source tables; returns the number of rows."""
    conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
    for stmt in fill_sql():
        conn.execute(text(stmt))
    return int(conn.execute(text(f"SELECT count(*) FROM {FTS_TABLE}_docsize")).scalar_one())


def compare_with_sources(conn: Connection) -> tuple[int, int, int, int]:
    """(records, missing, stale, extra): how the index differs from what the source
    tables would give now. A contentless index keeps no text to compare, so the
    sources are indexed again into a temporary contentless table and the two
    compared row by row (token counts per column) and term by term."""
    docsize = f"{FTS_TABLE}_docsize"
    total = missing = 0
    for src in SOURCES:
        total += conn.execute(text(f"SELECT count(*) FROM {src.table}")).scalar() or 0
        missing += conn.execute(text(
            f"SELECT count(*) FROM {src.table} AS r LEFT JOIN {docsize} AS d "
            f"ON d.id = r.id * 8 + {src.code} WHERE d.id IS NULL")).scalar() or 0
    extra = (conn.execute(text(f"SELECT count(*) FROM {docsize}")).scalar() or 0) \
        - (total - missing)
    conn.execute(text(_table_sql("temp.fts_check", contentless=True)))
    try:
        for stmt in fill_sql():
            conn.execute(text(stmt.replace(f"INSERT INTO {FTS_TABLE}(",
                                           "INSERT INTO temp.fts_check(", 1)))
        stale = conn.execute(text(
            f"SELECT count(*) FROM temp.fts_check_docsize AS t JOIN {docsize} AS d "
            "ON d.id = t.id WHERE d.sz IS NOT t.sz")).scalar() or 0
        conn.execute(text(f"CREATE VIRTUAL TABLE temp.fts_vocab_main "
                          f"USING fts5vocab(main, {FTS_TABLE}, col)"))
        conn.execute(text("CREATE VIRTUAL TABLE temp.fts_vocab_check "
                          "USING fts5vocab(temp, fts_check, col)"))
        if not stale:  # same sizes everywhere: do the words differ?
            stale = conn.execute(text(
                "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM temp.fts_vocab_main "
                "EXCEPT SELECT * FROM temp.fts_vocab_check) UNION ALL SELECT * FROM ("
                "SELECT * FROM temp.fts_vocab_check EXCEPT SELECT * FROM temp.fts_vocab_main))"
            )).scalar() or 0
    finally:
        for name in ("fts_vocab_main", "fts_vocab_check", "fts_check"):
            conn.execute(text(f"DROP TABLE IF EXISTS temp.{name}"))
    return total, missing, stale, extra


def decode_rowid(rowid: int) -> tuple[str, int]:
    """(kind, record id) for an index rowid."""
    return BY_CODE[rowid % 8].kind, rowid // 8


@dataclass(frozen=True)
class Document:
    """One record's indexed text, read from its source table."""

    rowid: int
    kind: str
    placement_id: int
    scope: str
    title: str
    body: str


def documents(conn: Connection, *, rowids: Iterable[int] = (),
              placement_id: int | None = None) -> list[Document]:
    """The indexed text of the given rowids, or of every record of one placement
    (each through its source table's primary key or ``placement_id`` index)."""
    parts, params = [], {}
    if placement_id is not None:
        params["pid"] = placement_id
        for s in SOURCES:
            parts.append(f"SELECT {_values(s, 'r')} FROM {s.table} AS r "
                         "WHERE r.placement_id = :pid")
    else:
        by_code: dict[int, list[int]] = {}
        for rowid in rowids:
            by_code.setdefault(rowid % 8, []).append(rowid // 8)
        for code, ids in by_code.items():
            s = BY_CODE[code]
            names = [f"i{code}_{n}" for n in range(len(ids))]
            params.update(zip(names, ids, strict=True))
            parts.append(f"SELECT {_values(s, 'r')} FROM {s.table} AS r "
                         f"WHERE r.id IN ({', '.join(':' + n for n in names)})")
    if not parts:
        return []
    rows = conn.execute(text(" UNION ALL ".join(parts)), params).all()
    return [Document(int(r[0]), r[1], int(r[2]), r[3], r[4] or "", r[5] or "") for r in rows]


class ScratchIndex:
    """A private in-memory FTS5 table holding a few documents, with the same
    columns and tokenizer as :data:`FTS_TABLE` (and stored text, so
    ``highlight()`` and ``snippet()`` work)."""

    def __init__(self, docs: Sequence[Document]) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute(_table_sql("scratch", contentless=False))
        self.db.executemany(
            f"INSERT INTO scratch(rowid, {', '.join(COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
            [(d.rowid, d.kind, d.placement_id, d.scope, d.title, d.body) for d in docs])

    def query(self, sql: str, params: dict) -> list[tuple]:
        """Run ``sql`` (naming the table ``scratch``) over the documents."""
        return self.db.execute(sql, params).fetchall()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> ScratchIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
