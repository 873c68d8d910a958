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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.clock import Clock
from pe_desktop.paths import DataPaths
from pe_desktop.storage import crypto
from pe_desktop.storage.backups import backup_database, backup_name, list_backups
from pe_desktop.storage.engine import create_engine_for, session_factory
from pe_desktop.storage.schema import schema_state

log = logging.getLogger(__name__)

#: Called with a label before a migration changes the database; returns the
#: backup made (the services layer rotates and copies it off-site).
BeforeUpgrade = Callable[[str], Path | None]


@dataclass
class Database:
    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session]
    key: bytes | None = None
    backup_made: Path | None = None
    converted: bool = False

    def dispose(self) -> None:
        self.engine.dispose()


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
    - a new file: Alembic creates the schema (encrypted from the first page).
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
    engine = create_engine_for(db_path, clock, key=key)
    if state.needs_upgrade:
        from pe_desktop.storage.migrate import upgrade

        try:
            upgrade(engine)
        except Exception as exc:
            engine.dispose()
            from pe_desktop.domain.errors import PEDesktopError
            from pe_desktop.storage.errors import explain_storage_error

            why = explain_storage_error(exc, db_path.parent) or type(exc).__name__
            kept = f"; the copy taken before it is {backup}" if backup else ""
            raise PEDesktopError(f"upgrading the database failed ({why}){kept}") from exc
    return Database(paths=paths, engine=engine, sessions=session_factory(engine, clock),
                    key=key, backup_made=backup, converted=converted)


__all__ = ["Database", "open_database", "needs_encryption", "encrypt_existing", "backup_name"]
