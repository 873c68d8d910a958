"""Database and disk failures told as what they are, in one line.

SQLite reports a full disk, another program's lock and a damaged file through
different result codes; the user needs a different action for each, so they
must not all read as "not a readable database". Messages never include SQL
parameters (record contents).
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

#: Free space below which an I/O error is most likely the disk being full.
NEARLY_FULL_BYTES = 4 * 1024 * 1024

DISK_FULL = ("the disk holding your PE Desktop data is full: nothing was changed. Free some "
             "space and try again")
LOCKED = ("the database is in use by another program: another copy of PE Desktop, or a "
          "backup or sync tool, holds it. Close that program and try again; nothing was changed")
READ_ONLY = ("the data folder cannot be written to (read-only disk or folder): nothing was "
             "changed")


#: The DB-API modules whose errors are SQLite's: the standard library's (plain
#: files, tests) and SQLCipher's (the app's encrypted database).
_SQLITE_MODULES = ("sqlite3", "sqlcipher3")


def _is_sqlite_error(exc: object) -> bool:
    if isinstance(exc, sqlite3.Error):
        return True
    return any(cls.__name__ == "Error" and cls.__module__.split(".")[0] in _SQLITE_MODULES
               for cls in type(exc).__mro__)


def _sqlite_error(exc: BaseException) -> BaseException | None:
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if _is_sqlite_error(cur):
            return cur
        orig = getattr(cur, "orig", None)
        if orig is not None and _is_sqlite_error(orig):
            return orig
        cur = cur.__cause__ or cur.__context__
    return None


def is_not_a_database(exc: BaseException) -> bool:
    """SQLite's "file is not a database": with SQLCipher, a wrong key (or a page
    that fails its authentication check) reads this way."""
    err = _sqlite_error(exc)
    if err is None:
        return False
    name = getattr(err, "sqlite_errorname", "") or ""
    return name == "SQLITE_NOTADB" or "not a database" in str(err).lower()


def _os_error(exc: BaseException) -> OSError | None:
    cur: BaseException | None = exc
    for _ in range(10):
        if cur is None:
            return None
        if isinstance(cur, OSError):
            return cur
        cur = cur.__cause__ or cur.__context__
    return None


def disk_nearly_full(path: Path | None) -> bool:
    if path is None:
        return False
    p = Path(path)
    while not p.exists() and p != p.parent:
        p = p.parent
    try:
        return shutil.disk_usage(p).free < NEARLY_FULL_BYTES
    except OSError:
        return False


def explain_storage_error(exc: BaseException, where: Path | None = None) -> str | None:
    """A one-line explanation of a database or disk failure, or None if ``exc``
    is not one. ``where`` is a path on the data disk (for the free-space check)."""
    err = _sqlite_error(exc)
    if err is None:
        os_err = _os_error(exc)
        if os_err is not None and os_err.errno in (errno.ENOSPC, errno.EDQUOT):
            return DISK_FULL
        if os_err is not None and os_err.errno == errno.EROFS:
            return READ_ONLY
        return None
    name = getattr(err, "sqlite_errorname", "") or ""
    text = str(err.args[0]) if err.args else ""
    lower = text.lower()
    if name == "SQLITE_FULL" or "database or disk is full" in lower:
        return DISK_FULL
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "database is locked" in lower:
        return LOCKED
    if name == "SQLITE_NOTADB" or "not a database" in lower:
        return ("the database file is not a readable SQLite database (damaged, or another "
                "kind of file): it has not been changed. Restore a copy from the backups folder "
                "or an exported file")
    if name.startswith("SQLITE_CORRUPT") or "malformed" in lower:
        return ("the database file is damaged (SQLite: "
                f"{text or name}): it has not been changed. Restore a copy from the backups "
                "folder or an exported file")
    if name.startswith("SQLITE_IOERR") or "disk i/o error" in lower:
        if disk_nearly_full(where):
            return DISK_FULL
        return ("the disk reported an input/output error while reading or writing your data "
                "(is it removed, failing or full?); nothing was changed")
    if name.startswith("SQLITE_READONLY") or "readonly database" in lower:
        return READ_ONLY
    if name.startswith("SQLITE_CANTOPEN") or "unable to open database" in lower:
        return "the database file cannot be opened (missing folder or permissions)"
    if name == "SQLITE_TOOBIG" or "too big" in lower:
        return "a value is too large for the database to store; nothing was changed"
    return None


def constraint_name(exc: BaseException) -> str:
    """Which constraint an IntegrityError broke (no values, only names)."""
    err = _sqlite_error(exc)
    text = str(err.args[0]) if err is not None and err.args else "unknown constraint"
    return text.split("\n", 1)[0][:200]
