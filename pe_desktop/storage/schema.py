"""Schema version checks without importing Alembic.

The migration chain is read from the revision files' ``revision`` and
``down_revision`` lines, so start-up can tell whether a migration is needed
without paying for ``import alembic``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pe_desktop.domain.errors import DatabaseVersionError, PEDesktopError
from pe_desktop.storage import crypto

_REV = re.compile(r'^revision\s*(?::\s*str)?\s*=\s*["\']([^"\']+)["\']', re.M)
_DOWN = re.compile(r'^down_revision\s*(?::[^=]+)?=\s*(None|["\']([^"\']+)["\'])', re.M)


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
    con = crypto.connect(db_path, None if crypto.is_plain_sqlite(db_path) else key,
                         readonly=True)
    mod = crypto.dbapi()
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables:
            if tables - {"sqlite_sequence"}:
                raise PEDesktopError(
                    f"{db_path.name} is not a PE Desktop database (no schema version)"
                )
            return None
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except mod.DatabaseError as exc:
        raise PEDesktopError(f"{db_path.name} is not a readable SQLite database: {exc}") from exc
    finally:
        con.close()


def schema_state(db_path: Path, versions_dir: Path, key: bytes | None = None) -> SchemaState:
    chain = revision_chain(versions_dir)
    current = read_current_revision(db_path, key)
    if current is not None and current not in chain:
        raise DatabaseVersionError(
            f"This database was written by a newer version of PE Desktop (schema {current}). "
            "Install the newer version to open it; the file has not been changed."
        )
    return SchemaState(current=current, head=chain[-1], chain=chain)
