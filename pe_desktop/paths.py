"""Where PE Desktop keeps its files.

One place decides the data directory: ``--data-dir`` wins, then the
``PE_DESKTOP_DATA_DIR`` environment variable, then platformdirs' per-user data
directory. Everything under it holds personal data, so directories are created
0700 and files 0600.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

ENV_DATA_DIR = "PE_DESKTOP_DATA_DIR"
APP_NAME = "pe-desktop"
DB_FILENAME = "pe-desktop.sqlite"

#: The repository / installation root holding resources/ and migrations/.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def _bundle_root() -> Path | None:
    """PyInstaller unpacks data next to the executable under ``_MEIPASS``."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if base else None


def resources_dir() -> Path:
    root = _bundle_root()
    return (root / "resources") if root else RESOURCES_DIR


def migrations_dir() -> Path:
    root = _bundle_root()
    return (root / "migrations") if root else MIGRATIONS_DIR


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(cli_value: str | os.PathLike[str] | None = None) -> Path:
    if cli_value:
        return Path(cli_value).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return default_data_dir()


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it owner-only."""
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def touch_private_file(path: Path) -> Path:
    """Create ``path`` if missing with mode 0600 (never wider)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, 0o600)
    return path


@dataclass(frozen=True)
class DataPaths:
    """The files under one data directory."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / DB_FILENAME

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def attachments(self) -> Path:
        return self.root / "attachments"

    @property
    def keys(self) -> Path:
        return self.root / "keys"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    def ensure(self) -> DataPaths:
        ensure_private_dir(self.root)
        return self


def fsync_dir(path: Path) -> None:
    """Make a rename or a new file in ``path`` durable (no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_file(path: Path) -> None:
    """Flush ``path``'s contents to the disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
