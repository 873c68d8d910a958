"""The seed-processes migration carries existing data forward: from the released
schema-0001 database and from a database at the previous head holding sessions and
observations (their new "how" column stays empty, full-text search still works)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from clocks import make_clock

from pe_desktop.paths import DataPaths
from pe_desktop.storage.database import open_database
from pe_desktop.storage.migrate import versions_dir
from pe_desktop.storage.schema import revision_chain

DATA = Path(__file__).parents[2] / "data"
NEW_TABLES = {"concerns", "concern_actions", "concern_domains", "concern_meetings",
              "qamp_reviews", "qamp_review_attendees", "qamp_review_checks", "time_entries",
              "time_allocations", "checkin_time_summaries"}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def test_upgrade_from_schema_0001(tmp_path):
    root = tmp_path / "old"
    root.mkdir()
    shutil.copy2(DATA / "schema-0001.sqlite", root / "pe-desktop.sqlite")
    with sqlite3.connect(root / "pe-desktop.sqlite") as con:
        before = con.execute("SELECT id, organisation FROM placements ORDER BY id").fetchall()
    db = open_database(DataPaths(root), clock=make_clock())
    db.dispose()
    assert _tables(root / "pe-desktop.sqlite") >= NEW_TABLES
    with sqlite3.connect(root / "pe-desktop.sqlite") as con:
        assert con.execute("SELECT id, organisation FROM placements ORDER BY id").fetchall() \
            == before


def test_upgrade_from_the_previous_head_keeps_sessions_and_search(tmp_path):
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.search import SearchService
    from pe_desktop.storage.engine import create_engine_for
    from pe_desktop.storage.migrate import upgrade

    chain = revision_chain(versions_dir())
    previous = chain[chain.index("seed_processes_1") - 1]
    root = tmp_path / "prev"
    engine = create_engine_for(DataPaths(root).ensure().database, make_clock())
    upgrade(engine, previous)
    engine.dispose()
    assert "concerns" not in _tables(root / "pe-desktop.sqlite")
    # Rows written at the previous head: the demo built on a fresh database, copied across
    # column by column through SQL (today's models already know the new columns).
    fresh = tmp_path / "fresh"
    ctx = open_context(fresh, clock=make_clock())
    create_demo_data(ctx, currency=False, reports=False)
    ctx.close()
    with sqlite3.connect(root / "pe-desktop.sqlite") as dst:
        dst.execute(f"ATTACH DATABASE '{fresh / 'pe-desktop.sqlite'}' AS src")
        for table in ("universities", "programmes", "students", "placements", "meetings",
                      "attendance_days", "supervision_sessions", "supervision_domains",
                      "observations", "observation_judgements"):
            cols = [r[1] for r in dst.execute(f"PRAGMA main.table_info({table})")]
            names = ", ".join(cols)
            dst.execute(f"INSERT INTO main.{table} ({names}) SELECT {names} FROM src.{table}")
        dst.commit()
        sessions = dst.execute("SELECT id, held_on, duration_minutes FROM supervision_sessions "
                               "ORDER BY id").fetchall()
        observations = dst.execute("SELECT count(*) FROM observations").fetchone()[0]
        dst.execute("DETACH DATABASE src")
    assert sessions and observations
    ctx = open_context(root, clock=make_clock())
    try:
        assert ctx.db.backup_made is not None
        with sqlite3.connect(root / "pe-desktop.sqlite") as con:
            assert con.execute("SELECT id, held_on, duration_minutes FROM supervision_sessions "
                               "ORDER BY id").fetchall() == sessions
            assert con.execute("SELECT count(*) FROM supervision_sessions WHERE mode IS NOT "
                               "NULL").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM observations").fetchone()[0] == observations
        assert _tables(root / "pe-desktop.sqlite") >= NEW_TABLES
        from pe_desktop.services.placements.service import PlacementService
        from pe_desktop.services.supervision import SupervisionService

        pid = next(p.id for p in PlacementService(ctx).list()
                   if SupervisionService(ctx).list_sessions(p.id))
        rows = SupervisionService(ctx).list_sessions(pid)
        assert rows and all(r.mode is None for r in rows)  # "not recorded", not guessed
        word = next(w for r in rows for w in r.discussion.split() if len(w) > 5).strip(".,;:")
        assert SearchService(ctx).search(word)  # the FTS triggers survived the new column
    finally:
        ctx.close()
