"""Backup now, the list of backups (with record counts) and restore."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import fsync_dir
from pe_desktop.services.backup.automatic import BackupMade, take_backup
from pe_desktop.services.context import AppContext
from pe_desktop.storage import audit_log, crypto
from pe_desktop.storage.backups import copy_database, list_backups, parse_backup_name
from pe_desktop.storage.database import open_database
from pe_desktop.storage.migrate import versions_dir
from pe_desktop.storage.schema import revision_chain

#: Tables counted in the Restore dialog, with their labels.
COUNTED = (("students", "students"), ("placements", "placements"),
           ("evidence_items", "evidence items"), ("supervision_sessions", "supervision notes"),
           ("report_versions", "report versions"))


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime | None
    label: str
    size: int
    counts: dict[str, int]
    problem: str = ""  # why it cannot be restored ("" = it can)

    @property
    def records(self) -> int:
        return sum(self.counts.values())


def _inspect(path: Path, keys: list[bytes]) -> tuple[bytes | None, dict[str, int], str]:
    """(the key that opens it, record counts, problem)."""
    if crypto.is_plain_sqlite(path):
        return None, {}, "not encrypted (made before encryption): it cannot be restored"
    key = crypto.first_key_that_opens(path, keys)
    if key is None:
        return None, {}, "none of this folder's keys opens it"
    con = crypto.connect(path, key, readonly=True)
    try:
        names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in names:
            return key, {}, "not a PE Desktop database"
        rev = con.execute("SELECT version_num FROM alembic_version").fetchone()
        if rev is None or rev[0] not in revision_chain(versions_dir()):
            return key, {}, "written by a newer version of PE Desktop"
        counts = {label: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
                  for t, label in COUNTED if t in names}
    finally:
        con.close()
    return key, counts, ""


class BackupService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _keys(self) -> list[bytes]:
        return self.ctx.keys.all() if self.ctx.keys is not None else []

    def backup_now(self, to: Path | None = None, progress: crypto.ProgressFn | None = None
                   ) -> BackupMade:
        return take_backup(self.ctx.paths, self.ctx.db.key, self.ctx.clock,
                           "manual", to=Path(to).expanduser() if to else None,
                           progress=progress)

    def describe(self, path: Path) -> BackupInfo:
        path = Path(path)
        parsed = parse_backup_name(path)
        if not path.is_file():
            return BackupInfo(path, None, "", 0, {}, "no such file")
        try:
            _key, counts, problem = _inspect(path, self._keys())
        except PEDesktopError as exc:
            counts, problem = {}, str(exc)
        return BackupInfo(path, parsed.taken_at if parsed else None,
                          parsed.label if parsed else "", path.stat().st_size, counts, problem)

    def list(self) -> list[BackupInfo]:
        """Backups in ``backups/`` and the second folder, newest first."""
        from pe_desktop.services.backup.settings import load_settings

        folders = [self.ctx.paths.backups]
        second = load_settings(self.ctx.paths).second_folder
        if second is not None and second.is_dir():
            folders.append(second)
        found = {b.path.name: b for f in reversed(folders) for b in list_backups(f)}
        ordered = sorted(found.values(), key=lambda b: b.taken_at, reverse=True)
        return [self.describe(b.path) for b in ordered]

    def restore(self, path: Path, progress: crypto.ProgressFn | None = None) -> BackupInfo:
        """Replace the database with the backup at ``path`` (after backing up the current one).

        The backup is checked first (key, schema, integrity); the swap is one
        atomic rename, so a crash leaves either the old or the restored database.
        """
        path = Path(path).expanduser()
        info = self.describe(path)
        if info.problem:
            raise PEDesktopError(f"{path.name} cannot be restored: {info.problem}")
        key, _counts, _problem = _inspect(path, self._keys())
        con = crypto.connect(path, key, readonly=True)
        try:
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise PEDesktopError(f"{path.name} is damaged; nothing was changed")
        finally:
            con.close()
        ctx = self.ctx
        db_path = ctx.paths.database
        staged = db_path.with_name(db_path.name + crypto.RESTORING_SUFFIX)
        try:  # staged first: rotation below may remove the file being restored
            copy_database(path, staged, key, progress)
            if key != ctx.db.key:  # made under a retired key: bring it to the current one
                crypto.rekey(staged, key, ctx.db.key)
            take_backup(ctx.paths, ctx.db.key, ctx.clock, "before-restore")
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        digest = _sha256(staged)
        ctx.db.dispose()
        _quiesce(db_path, ctx.db.key)
        os.replace(staged, db_path)
        fsync_dir(db_path.parent)
        ctx.db = open_database(ctx.paths, ctx.clock, key=ctx.db.key)
        with ctx.session() as s:
            audit_log.append(s, [audit_log.PendingEvent(audit_log.RESTORE, "database",
                                                        path.name, digest)])
        return info


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _quiesce(db_path: Path, key: bytes | None) -> None:
    """Fold the WAL into the database file and leave no -wal/-shm behind it."""
    con = crypto.connect(db_path, key)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.execute("PRAGMA journal_mode = DELETE")
    finally:
        con.close()
