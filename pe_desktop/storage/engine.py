"""The one place that opens database connections.

Every engine in the app comes from :func:`create_engine_for`, so a later
change (encryption at rest with SQLCipher, a ``creator=`` issuing
``PRAGMA key``) happens here only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.clock import Clock
from pe_desktop.paths import touch_private_file

#: How long a write waits for another program's lock before giving up (ms);
#: tests shorten it through this variable.
ENV_BUSY_TIMEOUT = "PE_DESKTOP_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(ENV_BUSY_TIMEOUT, DEFAULT_BUSY_TIMEOUT_MS)))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


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


def create_engine_for(db_path: Path, clock: Clock, *, echo: bool = False) -> Engine:
    """Engine for the SQLite file at ``db_path``, created owner-only if new.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's mode, so
    creating the file 0600 first keeps all three private.
    """
    db_path.parent.mkdir(parents=True, exist_ok=True)
    touch_private_file(db_path)
    # hide_parameters: an error must never carry record contents (names,
    # emails) into a message, a traceback or a log.
    engine = create_engine(f"sqlite:///{db_path}", echo=echo, hide_parameters=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)

    def _with_clock(_dbapi_conn: Any, record: Any) -> None:
        record.info["clock"] = clock  # read by storage.stamps.clock_now

    event.listen(engine, "connect", _with_clock)
    return engine


def session_factory(engine: Engine, clock: Clock) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, info={"clock": clock})
