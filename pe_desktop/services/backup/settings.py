"""Backup settings: how many to keep and an optional second folder.

They belong to this machine (a USB stick's path means nothing elsewhere) and
must be readable before the database is open (the backup before a migration),
so they live in ``<data dir>/backup-settings.json``, not in the database.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path

from pe_desktop.domain.errors import ValidationError
from pe_desktop.paths import DataPaths
from pe_desktop.storage.backup_rotation import KeepPolicy

FILENAME = "backup-settings.json"


@dataclass(frozen=True)
class BackupSettings:
    keep_daily: int = 7
    keep_weekly: int = 4
    keep_monthly: int = 12
    second_location: str = ""  # a folder ("" = none)
    last_daily: str = ""  # ISO date of the last start-of-day backup

    @property
    def policy(self) -> KeepPolicy:
        return KeepPolicy(self.keep_daily, self.keep_weekly, self.keep_monthly)

    @property
    def second_folder(self) -> Path | None:
        return Path(self.second_location).expanduser() if self.second_location else None


def _path(paths: DataPaths) -> Path:
    return paths.root / FILENAME


def load_settings(paths: DataPaths) -> BackupSettings:
    try:
        raw = json.loads(_path(paths).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return BackupSettings()
    known = {k: v for k, v in raw.items() if k in BackupSettings.__dataclass_fields__}
    try:
        settings = BackupSettings(**known)
        settings.policy  # noqa: B018 - validates the numbers
    except (TypeError, ValueError):
        return BackupSettings()
    return settings


def save_settings(paths: DataPaths, settings: BackupSettings) -> BackupSettings:
    try:
        settings.policy  # noqa: B018
    except ValueError as exc:
        raise ValidationError({"keep": str(exc)}) from None
    folder = settings.second_folder
    if folder is not None:
        if not folder.is_absolute():
            raise ValidationError({"second_location": "give the full path of a folder"})
        if folder.resolve() == paths.root.resolve() or paths.root.resolve() in folder.resolve().parents:
            raise ValidationError({"second_location": "choose a folder outside the data folder"})
    target = _path(paths)
    paths.ensure()
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(asdict(settings), fh, indent=2)
    os.replace(tmp, target)
    return settings


def mark_daily(paths: DataPaths, day: date) -> None:
    save_settings(paths, replace(load_settings(paths), last_daily=day.isoformat()))
