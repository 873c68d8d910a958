"""Back up now / Restore: whole-data backups kept in the data folder's
``backups/`` as interchange files (records and attached files, owner-only).

A backup is the same document ``pe-desktop export --json`` writes, so any
backup can also be restored with ``pe-desktop import --json FILE --replace``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.interchange.document import (
    ProgressFn,
    export_document,
    import_json,
    write_private_json,
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # UTC
    size: int


@dataclass(frozen=True)
class BackupResult:
    path: Path
    records: int
    files: int


def back_up_now(ctx: AppContext, progress: ProgressFn | None = None) -> BackupResult:
    doc = export_document(ctx, progress)
    folder = ensure_private_dir(ctx.paths.backups)
    stamp = ctx.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    path = folder / f"pe-desktop-backup-{stamp}.json"
    n = 1
    while path.exists():  # two backups in one second keep both
        n += 1
        path = folder / f"pe-desktop-backup-{stamp}-{n}.json"
    write_private_json(path, doc)
    return BackupResult(path, sum(len(r) for r in doc["tables"].values()), _files(doc))


def _files(doc: dict) -> int:
    section = doc.get("attachment_files")
    return len(section) if isinstance(section, dict | list) else 0


def list_backups(ctx: AppContext) -> list[BackupInfo]:
    """Backups taken with Back up now, newest first."""
    folder = ctx.paths.backups
    out = []
    for path in folder.glob("pe-desktop-backup-*.json") if folder.is_dir() else []:
        m = re.match(r"pe-desktop-backup-(\d{8}-\d{6})", path.name)
        if not m:
            continue
        taken = datetime.strptime(m.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
        out.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(out, key=lambda b: (b.taken_at, b.path.name), reverse=True)


def restore(ctx: AppContext, path: Path, progress: ProgressFn | None = None) -> dict[str, int]:
    """Replace everything with the backup (all or nothing)."""
    return import_json(ctx, path, replace=True, progress=progress)
