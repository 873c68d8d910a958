"""SQLCipher: opening encrypted database files, converting plain ones, re-keying.

The key is a random 256-bit *raw* key (``PRAGMA key = "x'…'"``), so opening a
connection costs no passphrase derivation. Every connection the app makes goes
through :func:`connect`; :mod:`pe_desktop.storage.engine` hands it to
SQLAlchemy as the ``creator``.

Converting a plain database (:func:`encrypt_plain_database`) never leaves a
half-converted file under the real name: the encrypted copy is written and
verified beside it, then swapped in with one atomic rename; the plain bytes
are overwritten before they are unlinked.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import fsync_dir, fsync_file, touch_private_file

SQLITE_HEADER = b"SQLite format 3\x00"
KEY_BYTES = 32
#: Suffixes of the files that belong to a SQLite database besides the main file.
SIDE_FILES = ("-wal", "-shm", "-journal")
#: Left beside the database while a conversion runs.
CONVERTING_SUFFIX = ".encrypting"
OLD_PLAIN_SUFFIX = ".plain-old"
#: A restored copy staged beside the database before it is swapped in.
RESTORING_SUFFIX = ".restoring"

#: progress(done, total, message)
ProgressFn = Callable[[int, int, str], None]


class DataLockedError(PEDesktopError):
    """The database cannot be opened with the key at hand (wrong or missing key)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"PE Desktop cannot unlock your data: {reason}")
        self.reason = reason


#: How long a write waits for another program's lock before giving up (ms);
#: tests shorten it through this variable.
ENV_BUSY_TIMEOUT = "PE_DESKTOP_BUSY_TIMEOUT_MS"
DEFAULT_BUSY_TIMEOUT_MS = 5000


def busy_timeout_ms() -> int:
    try:
        return max(0, int(os.environ.get(ENV_BUSY_TIMEOUT, DEFAULT_BUSY_TIMEOUT_MS)))
    except ValueError:
        return DEFAULT_BUSY_TIMEOUT_MS


def dbapi() -> Any:
    """The DB-API module (sqlcipher3), imported on first use."""
    import sqlcipher3

    return sqlcipher3


def key_pragma(key: bytes) -> str:
    if len(key) != KEY_BYTES:
        raise ValueError("a database key is 32 bytes")
    return f"PRAGMA key = \"x'{key.hex()}'\""


def is_plain_sqlite(path: Path) -> bool:
    """True if ``path`` starts with SQLite's clear-text header (not encrypted)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def is_empty_file(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def connect(path: Path | str, key: bytes | None, *, readonly: bool = False,
            check_same_thread: bool = True) -> Any:
    """A DB-API connection to ``path``, keyed when ``key`` is given.

    The key is checked at once (a read of the schema), so a wrong key raises
    :class:`DataLockedError` here rather than at the first query.
    """
    mod = dbapi()
    target = f"file:{path}?mode=ro" if readonly else str(path)
    con = mod.connect(target, uri=readonly, check_same_thread=check_same_thread)
    try:
        con.execute("PRAGMA cipher_log_level = NONE")  # a wrong key is our message, not a log
        if key is not None:
            con.execute(key_pragma(key))
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except mod.DatabaseError as exc:
        con.close()
        from pe_desktop.storage.errors import explain_storage_error, is_not_a_database

        if readonly and _hot_journal(Path(path), exc):
            # A write was cut off (a crash, kill -9): only a read-write connection may
            # roll its journal back to the last committed state, as SQLite always does.
            return connect(path, key, readonly=False, check_same_thread=check_same_thread)

        if not is_not_a_database(exc):
            # a full disk, a lock, an I/O error: said as what it is, never as a wrong key
            why = explain_storage_error(exc, Path(path).parent)
            raise PEDesktopError(f"{Path(path).name}: {why or exc}") from exc
        if key is not None and not is_plain_sqlite(Path(path)):
            raise DataLockedError(
                "the key does not open this database (a different key, or the file is damaged)"
            ) from exc
        raise PEDesktopError(f"{Path(path).name} is not a readable SQLite database: {exc}") from exc
    return con


def _hot_journal(path: Path, exc: BaseException) -> bool:
    """A read-only open refused because a rollback journal must be played back."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and (name.startswith("SQLITE_READONLY")
                                 or "readonly database" in str(exc).lower())


def opens_with(path: Path, key: bytes) -> bool:
    """True if ``key`` opens ``path``; a failure that is not about the key
    (full disk, lock, I/O) is raised, not taken for a wrong key."""
    try:
        connect(path, key, readonly=True).close()
    except DataLockedError:
        return False
    return True


def first_key_that_opens(path: Path, keys: list[bytes]) -> bytes | None:
    for key in keys:
        if opens_with(path, key):
            return key
    return None


def shred(path: Path) -> None:
    """Overwrite ``path`` with zeros, flush, then unlink it (best effort on SSDs)."""
    if not path.exists():
        return
    size = path.stat().st_size
    chunk = b"\0" * (1024 * 1024)
    with open(path, "r+b") as fh:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            fh.write(chunk[:n])
            left -= n
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()


def _table_counts(con: Any) -> dict[str, int]:
    names = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%'")]
    return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def checkpoint_plain(path: Path) -> None:
    """Fold a plain database's WAL into the main file and leave no side files."""
    con = connect(path, None)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()


def cleanup_interrupted(db_path: Path) -> None:
    """Finish or undo what an interrupted conversion left beside ``db_path``.

    - ``*.encrypting`` / ``*.restoring`` are copies that were never swapped
      in: the real file is still the original, so the copy goes;
    - ``*.plain-old`` is the plain original after the swap: it is shredded.
    """
    for suffix in (CONVERTING_SUFFIX, RESTORING_SUFFIX):
        tmp = db_path.with_name(db_path.name + suffix)
        for p in (tmp, *(Path(str(tmp) + s) for s in SIDE_FILES)):
            p.unlink(missing_ok=True)
    old = db_path.with_name(db_path.name + OLD_PLAIN_SUFFIX)
    if old.exists():
        shred(old)


def encrypt_plain_database(db_path: Path, key: bytes,
                           progress: ProgressFn | None = None) -> dict[str, int]:
    """Replace the plain SQLite file ``db_path`` with an encrypted copy.

    Returns the table row counts (the same before and after). At every
    instant the file at ``db_path`` is either the complete plain original or
    the complete, verified encrypted copy.
    """
    cleanup_interrupted(db_path)
    checkpoint_plain(db_path)
    tmp = db_path.with_name(db_path.name + CONVERTING_SUFFIX)
    touch_private_file(tmp)
    total = max(db_path.stat().st_size, 1)
    src = connect(db_path, None)
    try:
        before = _table_counts(src)
        if progress is not None:
            def tick() -> int:
                try:
                    done = tmp.stat().st_size
                except OSError:
                    done = 0
                progress(min(done, total), total, "Encrypting your data")
                return 0

            src.set_progress_handler(tick, 20_000)
        src.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(tmp),))
        src.execute("SELECT sqlcipher_export('enc')")
        user_version = src.execute("PRAGMA main.user_version").fetchone()[0]
        src.execute(f"PRAGMA enc.user_version = {int(user_version)}")
        src.execute("DETACH DATABASE enc")
        src.set_progress_handler(None, 0)
    except BaseException:
        src.close()
        cleanup_interrupted(db_path)
        raise
    src.close()
    try:
        _verify_and_swap(db_path, tmp, key, before)
    except BaseException:
        cleanup_interrupted(db_path)
        raise
    if progress is not None:
        progress(total, total, "Encrypted")
    return before


def _verify_and_swap(db_path: Path, tmp: Path, key: bytes, before: dict[str, int]) -> None:
    """Check the encrypted copy against the original, then swap it in atomically."""
    enc = connect(tmp, key)
    try:
        after = _table_counts(enc)
        ok = enc.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        enc.close()
    if after != before or ok != "ok":
        raise PEDesktopError("the encrypted copy did not match the original; nothing was changed")
    fsync_file(tmp)
    old = db_path.with_name(db_path.name + OLD_PLAIN_SUFFIX)
    os.link(db_path, old)  # the plain bytes keep a name until they are shredded
    os.replace(tmp, db_path)  # the one atomic step
    fsync_dir(db_path.parent)
    shred(old)


def rekey(db_path: Path, old_key: bytes, new_key: bytes) -> None:
    """Re-encrypt ``db_path`` from ``old_key`` to ``new_key`` (SQLCipher ``rekey``).

    SQLCipher rewrites every page in one transaction, so a crash leaves the
    database under one key or the other; callers keep both keys until done.
    """
    con = connect(db_path, old_key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute(f"PRAGMA rekey = \"x'{new_key.hex()}'\"")
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        con.close()
