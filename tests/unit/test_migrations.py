"""Schema creation, upgrade from every released schema, refusal of newer ones."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from clocks import make_clock
from keys import TEST_KEY, connect

from pe_desktop.domain.errors import DatabaseVersionError, PEDesktopError
from pe_desktop.paths import DataPaths
from pe_desktop.storage.database import open_database
from pe_desktop.storage.migrate import versions_dir
from pe_desktop.storage.schema import revision_chain

DATA = Path(__file__).parent.parent / "data"
RELEASED = sorted(DATA.glob("schema-*.sqlite"))


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _version(db: Path) -> str:
    con = connect(db)
    try:
        return con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        con.close()


def test_chain_is_linear_and_starts_at_the_foundation():
    chain = revision_chain(versions_dir())
    assert chain[0] == "0001"
    assert len(set(chain)) == len(chain)


def test_empty_directory_gets_the_head_schema(tmp_path):
    db = open_database(DataPaths(tmp_path / "new"), clock=make_clock(), key=TEST_KEY)
    try:
        assert _version(db.paths.database) == revision_chain(versions_dir())[-1]
        assert db.backup_made is None  # nothing to back up
    finally:
        db.dispose()
    mode = (tmp_path / "new" / "pe-desktop.sqlite").stat().st_mode & 0o777
    assert mode == 0o600
    assert (tmp_path / "new").stat().st_mode & 0o777 == 0o700


def test_migrated_schema_matches_the_models(tmp_path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from pe_desktop.storage.base import Base

    db = open_database(DataPaths(tmp_path / "d"), clock=make_clock(), key=TEST_KEY)
    try:
        with db.engine.connect() as conn:
            from sqlalchemy import text

            virtual = [r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'"))]

            def not_virtual(name, type_, _parent):  # FTS tables and their shadow tables
                return not (type_ == "table" and any(
                    name == v or name.startswith(f"{v}_") for v in virtual))

            mc = MigrationContext.configure(conn, opts={"include_name": not_virtual})
            diffs = compare_metadata(mc, Base.metadata)
    finally:
        db.dispose()
    assert diffs == []


@pytest.mark.parametrize("released", RELEASED, ids=[p.stem for p in RELEASED])
def test_released_schema_upgrades_after_a_backup(tmp_path, released):
    root = tmp_path / "old"
    root.mkdir()
    shutil.copy2(released, root / "pe-desktop.sqlite")
    before = _version(root / "pe-desktop.sqlite")
    con = connect(root / "pe-desktop.sqlite")
    placements_before = con.execute("SELECT count(*) FROM placements").fetchone()[0]
    con.close()
    db = open_database(DataPaths(root), clock=make_clock(), key=TEST_KEY)
    try:
        head = revision_chain(versions_dir())[-1]
        assert _version(db.paths.database) == head
        with db.engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("SELECT count(*) FROM placements")).scalar() == placements_before
        if before != head:
            assert db.backup_made is not None and db.backup_made.exists()
            assert _version(db.backup_made) == before
            assert db.backup_made.stat().st_mode & 0o777 == 0o600
        else:
            assert db.backup_made is None
    finally:
        db.dispose()


def test_a_database_from_an_older_revision_in_the_chain_is_upgraded(tmp_path):
    """Stamp a head database back to the first revision and reopen it."""
    chain = revision_chain(versions_dir())
    if len(chain) < 2:
        pytest.skip("only one revision so far: covered by the released-schema test")
    from pe_desktop.storage.engine import create_engine_for
    from pe_desktop.storage.migrate import upgrade

    root = tmp_path / "old"
    engine = create_engine_for(DataPaths(root).ensure().database, make_clock(), key=TEST_KEY)
    upgrade(engine, chain[0])
    engine.dispose()
    db = open_database(DataPaths(root), clock=make_clock(), key=TEST_KEY)
    try:
        assert _version(db.paths.database) == chain[-1]
        assert db.backup_made is not None
    finally:
        db.dispose()


def test_newer_database_is_refused_and_left_untouched(tmp_path, template_db):
    root = tmp_path / "future"
    root.mkdir()
    target = root / "pe-desktop.sqlite"
    shutil.copy2(template_db, target)
    con = connect(target)
    con.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    con.commit()
    con.close()
    digest = _sha(target)
    with pytest.raises(DatabaseVersionError, match="newer version"):
        open_database(DataPaths(root), clock=make_clock(), key=TEST_KEY)
    assert _sha(target) == digest
    assert not (root / "backups").exists()


def test_a_file_that_is_not_a_database_is_refused(tmp_path):
    root = tmp_path / "junk"
    root.mkdir()
    (root / "pe-desktop.sqlite").write_bytes(b"this is not sqlite" * 100)
    digest = _sha(root / "pe-desktop.sqlite")
    # to a key, junk and a database under another key look alike: both refused, untouched
    with pytest.raises(PEDesktopError, match="cannot unlock your data"):
        open_database(DataPaths(root), clock=make_clock(), key=TEST_KEY)
    with pytest.raises(PEDesktopError, match="not a readable SQLite database"):
        open_database(DataPaths(root), clock=make_clock())
    assert _sha(root / "pe-desktop.sqlite") == digest


def test_alembic_is_not_imported_to_open_an_up_to_date_database(data_dir):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from pe_desktop.paths import DataPaths\n"
        "from pe_desktop.storage.database import open_database\n"
        f"from pe_desktop.clock import SYSTEM_CLOCK\n"
        f"db = open_database(DataPaths(__import__('pathlib').Path({str(data_dir)!r})), "
        f"clock=SYSTEM_CLOCK, key=bytes.fromhex({TEST_KEY.hex()!r}))\n"
        "print('alembic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
