"""Consistent, owner-only, encrypted copies of the database.

Copies use SQLite's online backup API (safe while the app writes, WAL
included) between two SQLCipher connections keyed alike, so a backup is as
unreadable without the key as the database itself. Backups are written to a
temporary name and renamed into place: a crash never leaves a partial file
that looks like a backup.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pe_desktop.paths import ensure_private_dir, touch_private_file
from pe_desktop.storage import crypto

BACKUP_GLOB = "pe-desktop-*.sqlite"
_NAME = re.compile(r"^pe-desktop-(\d{8}-\d{6}-\d{6})-(.+)\.sqlite$")
#: Pages copied per step of the backup API (progress is reported between steps).
_STEP_PAGES = 512


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the file name
    label: str
    size: int


def parse_backup_name(path: Path) -> BackupFile | None:
    m = _NAME.match(path.name)
    if not m:
        return None
    taken = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S-%f").replace(tzinfo=UTC)
    try:
        size = path.stat().st_size
    except OSError:
        return None
    return BackupFile(path, taken, m.group(2), size)


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """Backups in ``backups_dir``, newest first."""
    if not backups_dir.is_dir():
        return []
    found = [b for p in backups_dir.glob(BACKUP_GLOB) if (b := parse_backup_name(p))]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backup_name(when: datetime, label: str) -> str:
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", label).strip("-") or "backup"
    return f"pe-desktop-{when.astimezone(UTC).strftime('%Y%m%d-%H%M%S-%f')}-{safe}.sqlite"


def copy_database(src_path: Path, target: Path, key: bytes | None,
                  progress: crypto.ProgressFn | None = None) -> Path:
    """Copy the database at ``src_path`` to ``target`` (same key) atomically."""
    ensure_private_dir(target.parent)
    tmp = target.with_name(f".{target.name}.part")
    tmp.unlink(missing_ok=True)
    touch_private_file(tmp)
    try:
        src = crypto.connect(src_path, key, readonly=True)
        try:
            dst = crypto.connect(tmp, key)
            try:
                def step(_status: int, remaining: int, total: int) -> None:
                    if progress is not None:
                        progress(total - remaining, total, "Backing up")

                src.backup(dst, pages=_STEP_PAGES, progress=step)
                dst.execute("PRAGMA journal_mode = DELETE")
            finally:
                dst.close()
        finally:
            src.close()
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for suffix in crypto.SIDE_FILES:
            Path(str(tmp) + suffix).unlink(missing_ok=True)
        raise
    return target


def backup_database(db_path: Path, backups_dir: Path, when: datetime,
                    label: str = "backup", key: bytes | None = None,
                    progress: crypto.ProgressFn | None = None) -> Path:
    """Copy ``db_path`` into ``backups_dir`` named by ``when`` (the app's clock) and ``label``."""
    ensure_private_dir(backups_dir)
    target = backups_dir / backup_name(when, label)
    n = 1
    while target.exists():  # two backups in the same microsecond (a fixed clock in tests)
        n += 1
        target = backups_dir / backup_name(when, f"{label}-{n}")
    return copy_database(db_path, target, key, progress)


def copy_file_to(path: Path, folder: Path) -> Path:
    """Copy a finished backup file into a second folder (atomically, owner-only)."""
    ensure_private_dir(folder)
    target = folder / path.name
    tmp = folder / f".{path.name}.part"
    try:
        shutil.copyfile(path, tmp)
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
