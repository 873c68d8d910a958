"""Shared fixtures: a private data directory, a migrated database, a fixed clock.

Creating a schema through Alembic costs a fraction of a second, so one
migrated template database per test session is copied into each test's
``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")

FIXED_TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the real user data directory or keyring."""
    monkeypatch.setenv("PE_DESKTOP_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pe_desktop.paths import DataPaths
    from pe_desktop.storage.database import open_database

    root = tmp_path_factory.mktemp("template")
    db = open_database(DataPaths(root))
    db.dispose()
    return DataPaths(root).database


@pytest.fixture
def data_dir(tmp_path: Path, template_db: Path) -> Path:
    d = tmp_path / "data"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    return d


@pytest.fixture
def ctx(data_dir: Path):
    from pe_desktop.services.context import open_context

    context = open_context(data_dir, today=lambda: FIXED_TODAY)
    yield context
    context.close()


@pytest.fixture
def demo_ctx(ctx):
    """A context holding the small demo dataset without reports or the PE's
    currency record (tests add those when they need them)."""
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(ctx, currency=False, reports=False)
    return ctx


@pytest.fixture
def qsettings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sync_background():
    from pe_desktop.ui import background

    background.set_synchronous(True)
    yield
    background.set_synchronous(False)
