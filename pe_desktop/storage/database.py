"""Opening the app's database: unlock, encrypt if plain, schema checks, upgrade.

Order on open (each step leaves the file usable if the process dies there):

1. leftovers of an interrupted conversion are cleaned up;
2. a plain (pre-encryption) database is converted to SQLCipher, an encrypted
   copy kept in ``backups/``, and plain backups are encrypted too;
3. the key is checked (:class:`~pe_desktop.storage.crypto.DataLockedError`
   on a wrong or missing key: nothing is written, nothing is created);
4. a newer schema is refused; an older one is backed up, then upgraded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pe_desktop.clock import Clock
from pe_desktop.paths import DataPaths
from pe_desktop.storage import crypto
from pe_desktop.storage.backups import backup_database, backup_name, list_backups
from pe_desktop.storage.schema import schema_state

if TYPE_CHECKING:  # SQLAlchemy is imported when the engine is first needed
    from collections.abc import Iterator

    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

#: Called with a label before a migration changes the database; returns the
#: backup made (the services layer rotates and copies it off-site).
BeforeUpgrade = Callable[[str], Path | None]


class Database:
    """The opened database: its file and key, and the SQLAlchemy engine and session
    factory, created on first use.

    The engine is made lazily so the GUI can show its first window from plain SQL
    reads (:meth:`plain_read`) before SQLAlchemy is imported at all; everything that
    uses ``engine`` or ``sessions`` gets the one engine, whichever thread asks first.
    """

    def __init__(self, paths: DataPaths, engine: Engine | None = None,
                 sessions: sessionmaker[Session] | None = None, key: bytes | None = None,
                 backup_made: Path | None = None, converted: bool = False, *,
                 clock: Clock | None = None) -> None:
        self.paths = paths
        self.key = key
        self.backup_made = backup_made
        self.converted = converted
        self._clock = clock
        self._engine = engine
        self._sessions = sessions
        self._lock = threading.RLock()
        self._on_sessions: list[Callable[[sessionmaker[Session]], None]] = []
        if engine is None and clock is None:
            raise ValueError("a Database needs an engine or the clock to make one")

    def _make(self) -> None:
        with self._lock:
            if self._engine is None:
                from pe_desktop.storage.engine import create_engine_for

                assert self._clock is not None
                self._engine = create_engine_for(self.paths.database, self._clock, key=self.key)
            if self._sessions is None:
                from pe_desktop.storage.engine import session_factory

                if self._clock is None:
                    raise ValueError("a Database given an engine without sessions needs the clock")
                factory = session_factory(self._engine, self._clock)
                for hook in self._on_sessions:  # before any thread can use the factory
                    hook(factory)
                self._on_sessions = []
                self._sessions = factory

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._make()
        assert self._engine is not None
        return self._engine

    @property
    def sessions(self) -> sessionmaker[Session]:
        if self._sessions is None:
            self._make()
        assert self._sessions is not None
        return self._sessions

    @property
    def engine_made(self) -> bool:
        return self._engine is not None

    def when_sessions(self, hook: Callable[[sessionmaker[Session]], None]) -> None:
        """Call ``hook`` with the session factory when it exists (now, if it does)."""
        with self._lock:
            if self._sessions is None:
                self._on_sessions.append(hook)
                return
        hook(self._sessions)

    @contextmanager
    def plain_read(self) -> Iterator[Any]:
        """A DB-API connection in a read transaction (:mod:`pe_desktop.storage.plain_sql`).

        Its own connection, so any thread may use it; closed afterwards.
        """
        con = crypto.connect(self.paths.database, self.key)
        try:
            con.isolation_level = None
            con.execute(f"PRAGMA busy_timeout = {crypto.busy_timeout_ms()}")
            con.execute("BEGIN")
            yield con
        finally:
            con.close()

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def needs_encryption(paths: DataPaths) -> bool:
    """True when the database (or a backup) is a plain SQLite file to convert."""
    db = paths.database
    if not crypto.is_empty_file(db) and crypto.is_plain_sqlite(db):
        return True
    return any(crypto.is_plain_sqlite(b.path) for b in list_backups(paths.backups))


def encrypt_existing(paths: DataPaths, key: bytes, clock: Clock,
                     progress: crypto.ProgressFn | None = None) -> bool:
    """Convert a plain database and plain backups to SQLCipher; True if anything changed."""
    db = paths.database
    changed = False
    if not crypto.is_empty_file(db) and crypto.is_plain_sqlite(db):
        crypto.encrypt_plain_database(db, key, progress)
        changed = True
        log.info("database encrypted")
        # a copy of the freshly converted file: the first encrypted backup (best effort:
        # the conversion itself is complete and verified; a full disk must not undo it)
        try:
            backup_database(db, paths.backups, clock.now(), label="after-encryption", key=key)
        except Exception as exc:  # noqa: BLE001 - only a full disk is expected here
            from pe_desktop.domain.errors import storage_problem

            if storage_problem(exc) is None and not isinstance(exc, OSError):
                raise
            log.warning("no backup after encryption: %s", type(exc).__name__)
    for b in list_backups(paths.backups):
        if crypto.is_plain_sqlite(b.path):
            crypto.encrypt_plain_database(b.path, key)
            changed = True
    return changed


def open_database(paths: DataPaths, clock: Clock, *, key: bytes | None = None,
                  progress: crypto.ProgressFn | None = None,
                  before_upgrade: BeforeUpgrade | None = None) -> Database:
    """Open (creating, converting or upgrading as needed) the database under ``paths``.

    ``key`` is the raw SQLCipher key; None opens a plain file (only used by
    tools and tests that read pre-encryption files).

    - a wrong key: :class:`DataLockedError`, nothing written;
    - a newer schema than this app knows: :class:`DatabaseVersionError`, file untouched;
    - an older schema: an (encrypted) backup is written, then Alembic upgrades;
    - a new file: the schema snapshot of the migrations' result is replayed
      (:mod:`pe_desktop.storage.schema_snapshot`; Alembic when it is not at the head),
      encrypted from the first page.
    """
    from pe_desktop.storage.migrate import versions_dir

    paths.ensure()
    db_path = paths.database
    crypto.cleanup_interrupted(db_path)
    converted = False
    if key is not None:
        converted = encrypt_existing(paths, key, clock, progress)
    state = schema_state(db_path, versions_dir(), key)  # raises before anything is written
    backup: Path | None = None
    if state.needs_upgrade and not state.is_empty:
        label = f"before-upgrade-from-{state.current}"
        if before_upgrade is not None:
            backup = before_upgrade(label)
        else:
            backup = backup_database(db_path, paths.backups, clock.now(), label=label, key=key)
        log.info("database backed up before upgrade from %s", state.current)
    engine = None
    if state.is_empty:  # a new file: the migrations' result, replayed (or Alembic, below)
        from pe_desktop.storage.migrate import migrations_dir
        from pe_desktop.storage.schema_snapshot import create_from_snapshot

        if create_from_snapshot(db_path, key, state.head, migrations_dir()):
            state = schema_state(db_path, versions_dir(), key)
    if state.needs_upgrade:
        from pe_desktop.storage.engine import create_engine_for
        from pe_desktop.storage.migrate import upgrade

        engine = create_engine_for(db_path, clock, key=key)

        try:
            upgrade(engine)
        except Exception as exc:
            engine.dispose()
            from pe_desktop.domain.errors import PEDesktopError
            from pe_desktop.storage.errors import explain_storage_error

            why = explain_storage_error(exc, db_path.parent) or type(exc).__name__
            kept = f"; the copy taken before it is {backup}" if backup else ""
            raise PEDesktopError(f"upgrading the database failed ({why}){kept}") from exc
    return Database(paths=paths, engine=engine, key=key, backup_made=backup,
                    converted=converted, clock=clock)


__all__ = ["Database", "open_database", "needs_encryption", "encrypt_existing", "backup_name"]
