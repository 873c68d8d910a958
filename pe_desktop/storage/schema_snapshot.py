"""A new database's schema from a snapshot of what the migrations create.

A brand-new data folder (first start, an import into a new folder, a restore
target) used to get its schema by running every Alembic migration in turn: importing
Alembic and replaying twelve migrations (tables rebuilt by batch operations, the search
index made and remade) is ~0.4 s of work whose result is always the same.
``migrations/schema-head.sql`` holds that result — every ``CREATE`` statement the
migrations leave in ``sqlite_master``, in order, and the head revision — and
:func:`create_from_snapshot` replays it in one transaction.

The migrations stay the source of truth: the snapshot is generated from a database they
built (``scripts/gen-schema-snapshot``), a test fails when it differs from what they
build now, and a snapshot whose revision is not the head is ignored (Alembic runs).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from pe_desktop.storage import crypto

log = logging.getLogger(__name__)

SNAPSHOT_NAME = "schema-head.sql"
_HEADER = "-- PE Desktop schema at revision "
_SEPARATOR = "\n-- next\n"
#: Tables SQLite makes itself: the FTS5 index's shadow tables come with its
#: ``CREATE VIRTUAL TABLE``, ``sqlite_sequence`` with the first AUTOINCREMENT table.
_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
_KIND_ORDER = {"table": 0, "index": 1, "trigger": 2, "view": 3}


def snapshot_path(migrations: Path) -> Path:
    return migrations / SNAPSHOT_NAME


def statements(con: Any) -> list[str]:
    """The statements that rebuild ``con``'s schema, tables first (creation order)."""
    rows = con.execute("SELECT type, name, sql, rowid FROM sqlite_master").fetchall()
    virtual = {name for kind, name, sql, _ in rows
               if kind == "table" and sql and sql.upper().startswith("CREATE VIRTUAL TABLE")}
    shadow = {v + s for v in virtual for s in _SHADOW_SUFFIXES}
    kept = [(_KIND_ORDER.get(kind, 9), rowid, sql) for kind, name, sql, rowid in rows
            if sql and not name.startswith("sqlite_") and name not in shadow]
    return [sql for _, _, sql in sorted(kept)]


def canonical(stmts: list[str]) -> list[tuple[str, ...]]:
    """Statements compared for meaning: a table's constraint lines and the order of
    statements do not matter (a batch migration emits constraints in set order, so two
    runs of the migrations differ there); column order does."""
    out = []
    for stmt in stmts:
        lines = [ln.strip().rstrip(",").strip() for ln in stmt.strip().splitlines()]
        constraints = sorted(ln for ln in lines if ln.startswith("CONSTRAINT "))
        rest = [ln for ln in lines if not ln.startswith("CONSTRAINT ")]
        out.append(tuple(rest + constraints))
    return sorted(out)


def same_schema(a: str, b: str) -> bool:
    """Whether two snapshot texts describe the same revision and schema."""
    ra, rb = read_text(a), read_text(b)
    return ra is not None and rb is not None and ra[0] == rb[0] \
        and canonical(ra[1]) == canonical(rb[1])


def render(con: Any, revision: str) -> str:
    """The snapshot file's text for the database ``con`` at ``revision``."""
    body = _SEPARATOR.join(statements(con))
    return f"{_HEADER}{revision}\n{body}\n"


def read(path: Path) -> tuple[str, list[str]] | None:
    """(revision, statements) of a snapshot file, or None if there is none or it is
    not one."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return read_text(text)


def read_text(text: str) -> tuple[str, list[str]] | None:
    first, _, body = text.partition("\n")
    if not first.startswith(_HEADER) or not body.strip():
        return None
    return first[len(_HEADER):].strip(), [s.strip() for s in body.split(_SEPARATOR.strip())
                                          if s.strip()]


def create_from_snapshot(db_path: Path, key: bytes | None, head: str,
                         migrations: Path) -> bool:
    """Create the schema of a new (missing or empty) database from the snapshot.

    Returns False, changing nothing, when the file is not new or the snapshot is
    missing or not at ``head`` (the caller runs the migrations); raises when the
    snapshot cannot be applied (the transaction is rolled back: the file stays empty).
    """
    if not crypto.is_empty_file(db_path):
        return False
    snap = read(snapshot_path(migrations))
    if snap is None or snap[0] != head:
        log.info("no schema snapshot at the head revision: running the migrations")
        return False
    revision, stmts = snap
    from pe_desktop.paths import touch_private_file

    db_path.parent.mkdir(parents=True, exist_ok=True)
    touch_private_file(db_path)
    con = crypto.connect(db_path, key)
    try:
        con.isolation_level = None
        con.execute("PRAGMA journal_mode = WAL")
        con.execute("BEGIN")
        try:
            for stmt in stmts:
                con.execute(stmt)
            con.execute("INSERT INTO alembic_version (version_num) VALUES (?)", (revision,))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    finally:
        con.close()
    return True


def migrated_snapshot() -> str:
    """The snapshot text of a plain database built now by running every migration
    (what ``scripts/gen-schema-snapshot`` writes and a test compares)."""
    import tempfile

    from pe_desktop.clock import default_clock
    from pe_desktop.storage.engine import create_engine_for
    from pe_desktop.storage.migrate import upgrade, versions_dir
    from pe_desktop.storage.schema import schema_state

    with tempfile.TemporaryDirectory(prefix="pe-schema-") as tmp:
        db = Path(tmp) / "migrated.sqlite"
        engine = create_engine_for(db, default_clock())
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        head = schema_state(db, versions_dir()).head
        con = crypto.connect(db, None)
        try:
            return render(con, head)
        finally:
            con.close()


def schema_problem(con: Any, migrations: Path) -> str | None:
    """The first table, column, index or trigger of this version's schema that the
    database ``con`` lacks (damage a page-level integrity check cannot see: a dropped
    table is a consistent database), or None. Compared by name, so a database upgraded
    by the migrations (whose ``CREATE`` texts may differ) passes."""
    snap = read(snapshot_path(migrations))
    if snap is None:
        return None
    ref = crypto.dbapi().connect(":memory:")
    try:
        for stmt in snap[1]:
            ref.execute(stmt)
        expected = statements_by_kind(ref)
        have = statements_by_kind(con)
        for table in sorted(expected["table"]):
            if table not in have["table"]:
                return f"table {table} is missing"
            cols = {r[1] for r in con.execute(f'PRAGMA table_info("{table}")')}
            for (col,) in ref.execute(f'SELECT name FROM pragma_table_info("{table}")'):
                if col not in cols:
                    return f"column {col} of table {table} is missing"
        for kind in ("index", "trigger"):
            for name in sorted(expected[kind] - have[kind]):
                return f"{kind} {name} is missing"
    finally:
        ref.close()
    return None


def statements_by_kind(con: Any) -> dict[str, set[str]]:
    """Names of the tables (without SQLite's own and FTS shadow tables), indexes and
    triggers the schema statements of ``con`` create."""
    rows = con.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    virtual = {name for kind, name, sql in rows
               if kind == "table" and sql and sql.upper().startswith("CREATE VIRTUAL TABLE")}
    shadow = {v + s for v in virtual for s in _SHADOW_SUFFIXES}
    out: dict[str, set[str]] = {"table": set(), "index": set(), "trigger": set()}
    for kind, name, sql in rows:
        if sql and kind in out and not name.startswith("sqlite_") and name not in shadow:
            out[kind].add(name)
    return out
