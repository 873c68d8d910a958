"""Taking a backup, rotating old ones and copying to the second folder.

Used before migrations (before the app context exists), at the first start
of each day, before destructive actions and on request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pe_desktop.clock import Clock, local_date
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import DataPaths
from pe_desktop.services.backup.settings import load_settings, mark_daily
from pe_desktop.storage.backup_rotation import KeepPolicy, to_keep
from pe_desktop.storage.backups import backup_database, copy_file_to, list_backups

if TYPE_CHECKING:
    from pe_desktop.services.context import AppContext
    from pe_desktop.storage.crypto import ProgressFn

log = logging.getLogger(__name__)


class BackupError(PEDesktopError):
    pass


@dataclass(frozen=True)
class BackupMade:
    path: Path
    second_copy: Path | None
    second_problem: str = ""  # why the second copy could not be made
    removed: int = 0  # old backups removed by rotation


def rotate(folder: Path, policy: KeepPolicy, clock: Clock) -> int:
    """Delete backups in ``folder`` the policy does not keep; returns how many.

    Every backup taken today is kept whatever the policy says: the copy made
    before this morning's import must survive this afternoon's backup.
    """
    tz = getattr(clock, "tz", None)
    found = list_backups(folder)
    keep = to_keep([(b.taken_at, b.path) for b in found], policy,
                   lambda when: local_date(when, tz))
    today = clock.today()
    removed = 0
    for b in found:
        if b.path not in keep and local_date(b.taken_at, tz) != today:
            b.path.unlink(missing_ok=True)
            removed += 1
    return removed


def take_backup(paths: DataPaths, key: bytes | None, clock: Clock, label: str, *,
                to: Path | None = None, progress: ProgressFn | None = None) -> BackupMade:
    """Back up now into ``backups/`` (or ``to``), rotate, copy to the second folder.

    A failure of the main copy raises :class:`BackupError` (nothing else
    changes); a failure of the second copy is reported in the result.
    """
    settings = load_settings(paths)
    folder = to or paths.backups
    try:
        made = backup_database(paths.database, folder, clock.now(), label=label, key=key,
                               progress=progress)
    except Exception as exc:  # noqa: BLE001 - OSError, or SQLite's "disk is full"
        from pe_desktop.domain.errors import storage_problem

        if not isinstance(exc, OSError) and storage_problem(exc) is None:
            raise
        reason = "No space left on device" if storage_problem(exc) or getattr(
            exc, "errno", None) == 28 else (getattr(exc, "strerror", None) or str(exc))
        raise BackupError(f"the backup could not be written to {folder}: {reason}; "
                          "your data has not been changed") from exc
    removed = rotate(folder, settings.policy, clock) if to is None else 0
    second, problem = None, ""
    if to is None and settings.second_folder is not None:
        try:
            second = copy_file_to(made, settings.second_folder)
            rotate(settings.second_folder, settings.policy, clock)
        except OSError as exc:
            problem = (f"the copy to {settings.second_folder} failed: {exc.strerror or exc}")
            log.warning("second backup location unavailable: %s", type(exc).__name__)
    return BackupMade(made, second, problem, removed)


def backup_before(paths: DataPaths, key: bytes | None, clock: Clock, label: str) -> Path:
    """The backup before a migration or a destructive action (raises if it fails)."""
    return take_backup(paths, key, clock, label).path


def backup_before_action(ctx: AppContext, action: str) -> Path:
    """Back up before ``action`` (import --replace, deleting a student, retention)."""
    return backup_before(ctx.paths, ctx.db.key, ctx.clock, f"before-{action}")


def daily_if_due(ctx: AppContext) -> BackupMade | None:
    """The first start of each (local) day backs up; later starts do nothing."""
    today = ctx.today()
    settings = load_settings(ctx.paths)
    if settings.last_daily == today.isoformat():
        return None
    if not ctx.paths.database.exists():
        return None
    made = take_backup(ctx.paths, ctx.db.key, ctx.clock, "daily")
    mark_daily(ctx.paths, today)
    return made
