"""Consistent, owner-only copies of the database."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from pe_desktop.paths import ensure_private_dir, touch_private_file


def backup_database(db_path: Path, backups_dir: Path, when: datetime,
                    label: str = "backup") -> Path:
    """Copy ``db_path`` with SQLite's online backup API (safe with WAL).

    ``when`` (from the app's clock, UTC) names the file.

    The file name carries a timestamp and ``label`` (for example the schema
    revision being upgraded from).
    """
    ensure_private_dir(backups_dir)
    stamp = when.strftime("%Y%m%d-%H%M%S-%f")
    target = backups_dir / f"pe-desktop-{stamp}-{label}.sqlite"
    touch_private_file(target)
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target
