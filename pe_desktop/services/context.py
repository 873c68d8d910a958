"""The application context handed to services, the GUI and the CLI."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from pe_desktop.domain.frameworks import FrameworkRegistry, default_registry
from pe_desktop.paths import DataPaths, resolve_data_dir
from pe_desktop.storage.database import Database, open_database


@dataclass
class AppContext:
    """Database, clock and frameworks for one data directory.

    ``today`` is injectable so rules can be tested with a fixed clock.
    """

    db: Database
    today: Callable[[], date] = date.today
    frameworks: FrameworkRegistry = field(default_factory=default_registry)

    @property
    def paths(self) -> DataPaths:
        return self.db.paths

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on error."""
        with self.db.sessions() as s, s.begin():
            yield s

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        with self.db.sessions() as s:
            yield s

    def close(self) -> None:
        self.db.dispose()


def open_context(
    data_dir: str | Path | None = None, today: Callable[[], date] | None = None
) -> AppContext:
    paths = DataPaths(resolve_data_dir(data_dir))
    ctx = AppContext(db=open_database(paths))
    if today is not None:
        ctx.today = today
    return ctx
