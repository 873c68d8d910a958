"""The application context handed to services, the GUI and the CLI."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pe_desktop.clock import Clock, default_clock, local_date, local_instant
from pe_desktop.domain.frameworks import FrameworkRegistry, default_registry
from pe_desktop.paths import DataPaths, resolve_data_dir
from pe_desktop.services.protection.viewer_files import ViewerFiles
from pe_desktop.storage.database import Database, open_database

if TYPE_CHECKING:  # SQLAlchemy is loaded when a session is first asked for
    from sqlalchemy.orm import Session

    from pe_desktop.services.protection.keys import DataKeys
    from pe_desktop.services.secret_store import PassphraseProvider, SecretStore
    from pe_desktop.storage.attachments import AttachmentStore
    from pe_desktop.storage.crypto import ProgressFn
    from pe_desktop.storage.file_crypto import FileCipher


@dataclass
class AppContext:
    """Database, clock, frameworks and keys for one data directory.

    ``clock`` is the only source of time for everything built on this
    context; tests hand in a :class:`~pe_desktop.clock.FixedClock`.
    """

    db: Database
    clock: Clock = field(default_factory=default_clock)
    frameworks: FrameworkRegistry = field(default_factory=default_registry)
    keys: DataKeys | None = None
    store: SecretStore | None = None
    keys_created: bool = False
    viewer: ViewerFiles = field(default_factory=ViewerFiles)
    _cipher: FileCipher | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.db.when_sessions(_install_flush_checks)

    def today(self) -> date:
        """The user's local date."""
        return self.clock.today()

    def now(self) -> datetime:
        """The current instant (aware, UTC)."""
        return self.clock.now()

    def local_date(self, instant: datetime) -> date:
        """The user's calendar date of a stored (UTC) timestamp."""
        return local_date(instant, getattr(self.clock, "tz", None))

    def at_local(self, on: date, at: time) -> datetime:
        """The UTC instant of the user's local time ``at`` on ``on``."""
        return local_instant(on, at, getattr(self.clock, "tz", None))

    @property
    def paths(self) -> DataPaths:
        return self.db.paths

    @property
    def file_cipher(self) -> FileCipher | None:
        """Encrypts attachment files with the data key (None for a keyless context)."""
        if self._cipher is None and self.keys is not None:
            from pe_desktop.storage.file_crypto import FileCipher

            self._cipher = FileCipher.from_data_keys(self.keys.all())
        return self._cipher

    def set_keys(self, keys: DataKeys) -> None:
        self.keys = keys
        self._cipher = None

    def attachments(self, sub: str = "") -> AttachmentStore:
        """The (encrypted) attachment store, or one of its sub-stores (``"currency"``)."""
        from pe_desktop.storage.attachments import AttachmentStore

        root = self.paths.attachments / sub if sub else self.paths.attachments
        return AttachmentStore(root, cipher=self.file_cipher)

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
    def plain_read(self) -> Iterator[Any]:
        """A DB-API connection for :mod:`pe_desktop.storage.plain_sql` reads, in a read
        transaction: what the first window shows is read this way, without SQLAlchemy."""
        with self.db.plain_read() as con:
            yield con

    @contextmanager
    def one_transaction(self) -> Iterator[AppContext]:
        """A context on which every ``session()`` and ``read_session()`` is part of
        one transaction: commits once at the end, or (error, kill -9, full disk)
        leaves the database exactly as it was. Services need no change: each of
        their sessions becomes a savepoint in the shared one."""
        with self.db.sessions() as s, s.begin():
            yield SharedTransactionContext(db=self.db, clock=self.clock,
                                           frameworks=self.frameworks, keys=self.keys,
                                           store=self.store, viewer=self.viewer,
                                           _cipher=self._cipher, shared=s)

    def close(self) -> None:
        self.viewer.cleanup()
        self.db.dispose()


def _install_flush_checks(sessions: Any) -> None:
    from pe_desktop.services.field_rules import install_flush_checks

    install_flush_checks(sessions)


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

    @contextmanager
    def plain_read(self) -> Iterator[Any]:
        """The shared transaction's own connection: plain reads see its changes."""
        assert self.shared is not None
        yield self.shared.connection().connection.driver_connection

    def close(self) -> None:  # the outer context owns the database
        pass


def open_context(data_dir: str | Path | None = None, clock: Clock | None = None, *,
                 store: SecretStore | None = None,
                 passphrase: PassphraseProvider | None = None,
                 progress: ProgressFn | None = None,
                 keys: DataKeys | None = None) -> AppContext:
    """Unlock and open the data folder (encrypting a plain one first, with ``progress``).

    Raises :class:`~pe_desktop.storage.crypto.DataLockedError` when the key is
    wrong or missing, and the SecretStore's errors when it cannot be opened.
    """
    from pe_desktop.services.protection.files import encrypt_attachments_if_needed
    from pe_desktop.services.protection.unlock import unlock

    paths = DataPaths(resolve_data_dir(data_dir))
    clock = clock or default_clock()
    opened = unlock(paths, store, passphrase, keys)
    if opened.db_key != opened.keys.current:  # a key rotation was interrupted: finish it
        from pe_desktop.storage.crypto import rekey

        rekey(paths.database, opened.db_key, opened.keys.current)

    def before_upgrade(label: str) -> Path | None:
        from pe_desktop.services.backup.automatic import backup_before

        return backup_before(paths, opened.keys.current, clock, label)

    db = open_database(paths, clock, key=opened.keys.current, progress=progress,
                       before_upgrade=before_upgrade)
    ctx = AppContext(db=db, clock=clock, keys=opened.keys, store=opened.store,
                     keys_created=opened.created)
    encrypt_attachments_if_needed(ctx)
    return ctx
