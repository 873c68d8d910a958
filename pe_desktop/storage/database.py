"""Opening the app's database: schema checks, backup-then-upgrade."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pe_desktop.clock import Clock
from pe_desktop.paths import DataPaths
from pe_desktop.storage.backups import backup_database
from pe_desktop.storage.engine import create_engine_for, session_factory
from pe_desktop.storage.schema import schema_state

log = logging.getLogger(__name__)


@dataclass
class Database:
    paths: DataPaths
    engine: Engine
    sessions: sessionmaker[Session]
    backup_made: Path | None = None

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(paths: DataPaths, clock: Clock) -> Database:
    """Open (creating or upgrading as needed) the database under ``paths``.

    - a newer schema than this app knows: :class:`DatabaseVersionError`, file untouched;
    - an older schema: a timestamped backup is written, then Alembic upgrades;
    - a new file: Alembic creates the schema.
    """
    from pe_desktop.storage.migrate import versions_dir

    paths.ensure()
    db_path = paths.database
    state = schema_state(db_path, versions_dir())  # raises before anything is written
    backup: Path | None = None
    if state.needs_upgrade and not state.is_empty:
        backup = backup_database(db_path, paths.backups, clock.now(),
                                 label=f"before-upgrade-from-{state.current}")
        log.info("database backed up before upgrade from %s", state.current)
    engine = create_engine_for(db_path, clock)
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
                    backup_made=backup)
