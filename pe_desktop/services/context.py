"""The application context handed to services, the GUI and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from pe_desktop.clock import Clock, default_clock, local_date
from pe_desktop.domain.frameworks import FrameworkRegistry, default_registry
from pe_desktop.paths import DataPaths, resolve_data_dir
from pe_desktop.storage.database import Database, open_database


@dataclass
class AppContext:
    """Database, clock and frameworks for one data directory.

    ``clock`` is the only source of time for everything built on this
    context; tests hand in a :class:`~pe_desktop.clock.FixedClock`.
    """

    db: Database
    clock: Clock = field(default_factory=default_clock)
    frameworks: FrameworkRegistry = field(default_factory=default_registry)

    def __post_init__(self) -> None:
        from pe_desktop.services.field_rules import install_flush_checks

        install_flush_checks(self.db.sessions)

    def today(self) -> date:
        """The user's local date."""
        return self.clock.today()

    def now(self) -> datetime:
        """The current instant (aware, UTC)."""
        return self.clock.now()

    def local_date(self, instant: datetime) -> date:
        """The user's calendar date of a stored (UTC) timestamp."""
        return local_date(instant, getattr(self.clock, "tz", None))

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

    @contextmanager
    def one_transaction(self) -> Iterator[AppContext]:
        """A context on which every ``session()`` and ``read_session()`` is part of
        one transaction: commits once at the end, or (error, kill -9, full disk)
        leaves the database exactly as it was. Services need no change: each of
        their sessions becomes a savepoint in the shared one."""
        with self.db.sessions() as s, s.begin():
            yield SharedTransactionContext(db=self.db, clock=self.clock,
                                           frameworks=self.frameworks, shared=s)

    def close(self) -> None:
        self.db.dispose()


@dataclass
class SharedTransactionContext(AppContext):
    """See :meth:`AppContext.one_transaction`."""

    shared: Session | None = None

    @contextmanager
    def session(self) -> Iterator[Session]:
        assert self.shared is not None
        with self.shared.begin_nested():
            yield self.shared

    @contextmanager
    def read_session(self) -> Iterator[Session]:
        assert self.shared is not None
        yield self.shared

    @contextmanager
    def one_transaction(self) -> Iterator[AppContext]:
        yield self

    def close(self) -> None:  # the outer context owns the database
        pass


def open_context(data_dir: str | Path | None = None, clock: Clock | None = None) -> AppContext:
    paths = DataPaths(resolve_data_dir(data_dir))
    clock = clock or default_clock()
    return AppContext(db=open_database(paths, clock=clock), clock=clock)
