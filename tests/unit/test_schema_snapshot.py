"""A new database gets its schema from the snapshot of what the migrations build, and
that snapshot is kept equal to the migrations."""

from __future__ import annotations

import stat

import pytest
from clocks import make_clock
from keys import TEST_KEY

from pe_desktop.paths import DataPaths, migrations_dir
from pe_desktop.storage import crypto
from pe_desktop.storage import migrate as migrate_module
from pe_desktop.storage.database import open_database
from pe_desktop.storage.migrate import versions_dir
from pe_desktop.storage.schema import schema_state
from pe_desktop.storage.schema_snapshot import (
    SNAPSHOT_NAME,
    canonical,
    create_from_snapshot,
    migrated_snapshot,
    read,
    read_text,
    render,
    same_schema,
    snapshot_path,
)


@pytest.fixture(scope="module")
def migrated() -> str:
    return migrated_snapshot()


def test_the_snapshot_is_what_the_migrations_build_now(migrated):
    shipped = snapshot_path(migrations_dir()).read_text(encoding="utf-8")
    assert same_schema(shipped, migrated), "run scripts/gen-schema-snapshot"
    # ...and the comparison can fail: a column less, or another revision, is noticed
    revision, stmts = read_text(shipped)
    fewer = [s.replace("\temail VARCHAR(200) NOT NULL, \n", "", 1) for s in stmts]
    assert canonical(fewer) != canonical(stmts)
    assert not same_schema(shipped.replace(revision, "other_1", 1), migrated)


def test_a_new_folder_gets_exactly_the_migrations_schema(tmp_path, migrated, monkeypatch):
    def no_alembic(*_a, **_k):
        raise AssertionError("the migrations ran for a new database")

    monkeypatch.setattr(migrate_module, "upgrade", no_alembic)
    paths = DataPaths(tmp_path / "new")
    open_database(paths, clock=make_clock(), key=TEST_KEY).dispose()
    db = paths.database
    assert stat.S_IMODE(db.stat().st_mode) == 0o600
    assert not crypto.is_plain_sqlite(db)
    state = schema_state(db, versions_dir(), TEST_KEY)
    assert state.up_to_date
    con = crypto.connect(db, TEST_KEY)
    try:
        assert same_schema(render(con, state.current), migrated)
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
        assert con.execute("SELECT v FROM search_index_config WHERE k = 'version'").fetchone()
    finally:
        con.close()


def test_a_snapshot_not_at_the_head_is_ignored(tmp_path):
    db = tmp_path / "d" / "pe-desktop.sqlite"
    assert create_from_snapshot(db, TEST_KEY, "some_later_head_2", migrations_dir()) is False
    assert not db.exists()
    assert read(tmp_path / "missing.sql") is None


def test_a_snapshot_that_fails_leaves_the_file_empty(tmp_path):
    shipped = read(snapshot_path(migrations_dir()))
    assert shipped is not None
    head, stmts = shipped
    broken = tmp_path / "migrations"
    broken.mkdir()
    text = snapshot_path(migrations_dir()).read_text(encoding="utf-8")
    (broken / SNAPSHOT_NAME).write_text(text + "-- next\nCREATE TABLE profile (x)\n",
                                        encoding="utf-8")
    db = tmp_path / "d" / "pe-desktop.sqlite"
    with pytest.raises(crypto.dbapi().OperationalError):
        create_from_snapshot(db, TEST_KEY, head, broken)
    assert crypto.is_empty_file(db) or schema_state(db, versions_dir(), TEST_KEY).is_empty
    # and the folder still opens (the migrations or the good snapshot make it)
    open_database(DataPaths(db.parent), clock=make_clock(), key=TEST_KEY).dispose()
    assert schema_state(db, versions_dir(), TEST_KEY).up_to_date


def test_check_names_a_table_column_or_index_the_schema_lacks(tmp_path, template_db):
    import shutil

    from pe_desktop.storage.schema_snapshot import schema_problem

    def problem_after(damage: str | None) -> str | None:
        db = tmp_path / "copy.sqlite"
        shutil.copy2(template_db, db)
        con = crypto.connect(db, TEST_KEY)
        try:
            if damage:
                con.execute(damage)
                con.commit()
            return schema_problem(con, migrations_dir())
        finally:
            con.close()
            db.unlink()

    assert problem_after(None) is None
    assert problem_after("DROP TABLE meetings") == "table meetings is missing"
    assert problem_after("ALTER TABLE placements DROP COLUMN notes") == \
        "column notes of table placements is missing"
    assert problem_after("DROP INDEX ix_meetings_placement_id") == \
        "index ix_meetings_placement_id is missing"


def test_a_database_upgraded_from_the_first_schema_passes_the_schema_check(tmp_path):
    import shutil
    from pathlib import Path

    from pe_desktop.storage.schema_snapshot import schema_problem

    old = Path(__file__).parents[1] / "data" / "schema-0001.sqlite"
    paths = DataPaths(tmp_path / "old")
    paths.ensure()
    shutil.copy2(old, paths.database)
    open_database(paths, clock=make_clock(), key=None).dispose()
    con = crypto.connect(paths.database, None)
    try:
        assert schema_problem(con, migrations_dir()) is None
    finally:
        con.close()
