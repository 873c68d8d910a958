"""Schema version checks without importing Alembic.

The migration chain is read from the revision files' ``revision`` and
``down_revision`` lines, so start-up can tell whether a migration is needed
without paying for ``import alembic``.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pe_desktop.domain.errors import DatabaseVersionError, PEDesktopError
from pe_desktop.storage import crypto

_REV = re.compile(r'^revision\s*(?::\s*str)?\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision\s*(?::[^=]+)?=\s*(None|["\']([^"\']+)["\'])', re.M)
_CREATES = re.compile(
    r'create_table\(\s*["\'](\w+)["\']|CREATE\s+(?:VIRTUAL\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?'
    r'["\']?(\w+)', re.I)
#: Tables a migration drops (it may then create them again: a rebuild, not a new table).
_DROPS = re.compile(r'drop_table\(\s*["\'](\w+)["\']|DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?'
                    r'["\']?(\w+)', re.I)
RESTORE_HINT = ("It has not been changed; restore a copy from the backups folder or import an "
                "exported file into a new data folder")


@cache
def revision_chain(versions_dir: Path) -> tuple[str, ...]:
    """Revisions from base to head, in order."""
    parents: dict[str, str | None] = {}
    for path in versions_dir.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev, down = _REV.search(text), _DOWN.search(text)
        if rev and down:
            parents[rev.group(1)] = down.group(2)
    children = {p: r for r, p in parents.items()}
    if len(children) != len(parents):
        raise PEDesktopError("migrations have more than one head")
    chain: list[str] = []
    cur = children.get(None)
    while cur is not None:
        chain.append(cur)
        cur = children.get(cur)
    if len(chain) != len(parents):
        raise PEDesktopError("migration chain is broken")
    return tuple(chain)


@cache
def tables_created(versions_dir: Path) -> dict[str, frozenset[str]]:
    """Revision → the tables its upgrade creates (read from the files, like the chain);
    a table it drops and creates again (a rebuild, e.g. of the search index) is not new."""
    out: dict[str, frozenset[str]] = {}
    for path in versions_dir.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        rev = _REV.search(text)
        if rev:
            before_downgrade = text.split("def downgrade", 1)[0]
            rebuilt = {a or b for a, b in _DROPS.findall(before_downgrade)}
            out[rev.group(1)] = frozenset(a or b for a, b in _CREATES.findall(text)) - rebuilt
    return out


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: empty database
    head: str
    chain: tuple[str, ...]

    @property
    def is_empty(self) -> bool:
        return self.current is None

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head

    @property
    def needs_upgrade(self) -> bool:
        return not self.up_to_date


def read_current_revision(db_path: Path, key: bytes | None = None) -> str | None:
    """The Alembic revision stamped in the database, or None if it has none.

    ``key`` opens an encrypted file; a wrong key raises
    :class:`~pe_desktop.storage.crypto.DataLockedError`.
    """
    if crypto.is_empty_file(db_path):
        return None
    return _read_revision_and_tables(db_path, key)[0]


def _storage_error(db_path: Path, exc: Exception) -> PEDesktopError:
    from pe_desktop.storage.errors import explain_storage_error

    why = explain_storage_error(exc, db_path.parent)
    return PEDesktopError(f"{db_path.name}: {why}" if why else
                          f"{db_path.name} is not a readable SQLite database ({exc})")


def _read_revision_and_tables(db_path: Path, key: bytes | None = None
                              ) -> tuple[str | None, set[str]]:
    if crypto.is_empty_file(db_path):
        return None, set()
    mod = crypto.dbapi()
    try:
        con = crypto.connect(db_path, None if crypto.is_plain_sqlite(db_path) else key,
                             readonly=True)
    except (sqlite3.Error, mod.Error) as exc:
        raise _storage_error(db_path, exc) from None
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        user_tables = {t for t in tables if not t.startswith(("sqlite_", "search_index"))}
        if "alembic_version" not in tables:
            if user_tables:
                raise PEDesktopError(
                    f"{db_path.name} is not a PE Desktop database (no schema version)"
                )
            return None, tables
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if row is None and user_tables - {"alembic_version"}:
            raise PEDesktopError(
                f"{db_path.name} holds data but has lost its schema version record "
                f"(alembic_version is empty), so it cannot be upgraded safely. {RESTORE_HINT}"
            )
        return (row[0] if row else None), tables
    except (sqlite3.DatabaseError, mod.DatabaseError) as exc:
        raise _storage_error(db_path, exc) from None
    finally:
        con.close()


def schema_state(db_path: Path, versions_dir: Path, key: bytes | None = None) -> SchemaState:
    chain = revision_chain(versions_dir)
    current, tables = _read_revision_and_tables(db_path, key)
    if current is not None and current not in chain:
        raise DatabaseVersionError(
            f"This database was written by a newer version of PE Desktop (schema {current}). "
            "Install the newer version to open it; the file has not been changed."
        )
    if current is not None and current != chain[-1]:
        created = tables_created(versions_dir)
        pending = chain[chain.index(current) + 1:]
        clash = sorted(set().union(*(created.get(r, frozenset()) for r in pending)) & tables)
        if clash:
            raise PEDesktopError(
                f"{db_path.name} says its schema is version {current} but already holds "
                f"tables a later version adds ({', '.join(clash[:3])}): its version record "
                f"has been altered, so it cannot be upgraded safely. {RESTORE_HINT}"
            )
    return SchemaState(current=current, head=chain[-1], chain=chain)
