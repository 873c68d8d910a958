"""The one place that opens database connections.

Every engine in the app comes from :func:`create_engine_for`: encryption at
rest (SQLCipher with a raw key, :mod:`pe_desktop.storage.crypto`), the
pragmas, explicit transactions, the clock and the audit hook are applied here
only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.clock import Clock
from pe_desktop.paths import touch_private_file
from pe_desktop.storage import crypto
from pe_desktop.storage.crypto import (  # noqa: F401  (re-exported: tests set the variable)
    DEFAULT_BUSY_TIMEOUT_MS,
    ENV_BUSY_TIMEOUT,
    busy_timeout_ms,
)


def _on_connect(dbapi_conn: Any, _record: Any) -> None:
    # The sqlite3 module's own transaction handling does not begin a
    # transaction before SAVEPOINT, so releasing the first savepoint would
    # commit. SQLAlchemy emits BEGIN itself (see ``_on_begin``): every session
    # is one real transaction and nested savepoints stay inside it.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    cur.close()


def _on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def create_engine_for(db_path: Path, clock: Clock, *, key: bytes | None = None,
                      echo: bool = False) -> Engine:
    """Engine for the database file at ``db_path``, created owner-only if new.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode, so
    creating the file 0600 first keeps all three private.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    touch_private_file(db_path)
    # hide_parameters: an error must never carry record contents (names,
    # emails) into a message, a traceback or a log.

    def creator() -> Any:
        return crypto.connect(db_path, key, check_same_thread=False)

    engine = create_engine(f"sqlite:///{db_path}", creator=creator, module=crypto.dbapi(),
                           echo=echo, hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)

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
