"""The one place that opens database connections.

Every engine in the app comes from :func:`create_engine_for`. With a ``key``
(the normal case) connections are SQLCipher connections keyed with the raw
256-bit key (:func:`pe_desktop.storage.crypto.connect`, no passphrase
derivation per connection); without one they open a plain SQLite file (used
only to read a database from before encryption while converting it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.clock import Clock
from pe_desktop.paths import touch_private_file
from pe_desktop.storage import crypto


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute("PRAGMA busy_timeout = 5000")
    cur.close()


def create_engine_for(db_path: Path, clock: Clock, *, key: bytes | None = None,
                      echo: bool = False) -> Engine:
    """Engine for the database file at ``db_path``, created owner-only if new.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode, so
    creating the file 0600 first keeps all three private.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    touch_private_file(db_path)

    def creator() -> Any:
        return crypto.connect(db_path, key, check_same_thread=False)

    engine = create_engine(f"sqlite:///{db_path}", creator=creator, module=crypto.dbapi(),
                           echo=echo)
    event.listen(engine, "connect", _on_connect)

    def _with_clock(_dbapi_conn: Any, record: Any) -> None:
        record.info["clock"] = clock  # read by storage.stamps.clock_now

    event.listen(engine, "connect", _with_clock)
    return engine


def session_factory(engine: Engine, clock: Clock) -> sessionmaker[Session]:
    """Sessions on ``engine``; every flush appends to the audit trail."""
    from pe_desktop.storage import audit_log

    factory = sessionmaker(engine, expire_on_commit=False, info={"clock": clock})
    audit_log.install(factory)
    return factory
