"""The report-section migration keeps imported OSS records: from the previous head."""

from __future__ import annotations

from contextlib import closing

from clocks import make_clock
from keys import connect as db_connect

from pe_desktop.paths import DataPaths
from pe_desktop.storage.database import open_database
from pe_desktop.storage.migrate import versions_dir
from pe_desktop.storage.schema import revision_chain


def _dummy_row(con, table: str) -> None:
    """Row id 1 with a placeholder in every required column (foreign keys point at 1)."""
    values = {"INTEGER": 1, "BOOLEAN": 0, "DATE": "2026-11-20", "FLOAT": 0,
              "DATETIME": "2026-11-20 10:00:00"}
    cols, args = [], []
    for _cid, name, type_, notnull, default, _pk in con.execute(f"PRAGMA table_info({table})"):
        if notnull and default is None:
            cols.append(name)
            args.append(values.get(type_.split("(")[0].upper(), "x"))
    marks = ", ".join("?" for _ in cols)
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({marks})", args)


def test_upgrade_from_the_previous_head_keeps_imported_records(tmp_path):
    from pe_desktop.storage.engine import create_engine_for
    from pe_desktop.storage.migrate import upgrade

    chain = revision_chain(versions_dir())
    previous = chain[chain.index("oss_reports_1") - 1]
    root = tmp_path / "prev"
    engine = create_engine_for(DataPaths(root).ensure().database, make_clock())
    upgrade(engine, previous)
    engine.dispose()
    with closing(db_connect(root / "pe-desktop.sqlite")) as con:
        for table in ("universities", "students", "placements", "observations"):
            _dummy_row(con, table)
        con.execute(
            "INSERT INTO oss_imports (uid, package_id, placement_id, kind, observation_id, "
            "oss_name, fingerprint, manifest, signature, record_json, package_sha256, source, "
            "imported_at, annotation) VALUES ('u1', 'p1', 1, 'observation', 1, 'Sam', 'AB', "
            "'{}', '', '{}', '00', '', '2026-11-20 10:00:00', 'kept')")
        con.commit()
    db = open_database(DataPaths(root), clock=make_clock())
    db.dispose()
    with closing(db_connect(root / "pe-desktop.sqlite")) as con:
        assert con.execute("SELECT annotation, report_version_id FROM oss_imports").fetchall() \
            == [("kept", None)]
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"oss_report_requests", "oss_report_asks"} <= tables
        assert con.execute("SELECT version_num FROM alembic_version").fetchone()[0] == chain[-1]
