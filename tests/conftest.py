"""Shared fixtures: a private data directory, a migrated database, a fixed clock.

Creating a schema through Alembic costs a fraction of a second, so one
migrated template database per test session is copied into each test's
``tmp_path``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from clocks import FIXED_ENV, FIXED_TODAY, make_clock  # noqa: F401 - FIXED_TODAY re-exported
from keys import TEST_KEY

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "*.debug=false;qt.qpa.*=false")


def pytest_report_header(config: pytest.Config) -> list[str]:
    """The resolved Python and Qt binding, printed at the top of every run."""
    import platform
    from importlib.metadata import PackageNotFoundError, version

    try:
        qt = version("PySide6-Essentials")
    except PackageNotFoundError:
        qt = "not installed"
    return [f"PE Desktop stack: Python {platform.python_version()}, PySide6-Essentials {qt}"]


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No test touches the real user data directory or keyring."""
    monkeypatch.setenv("PE_DESKTOP_DATA_DIR", str(tmp_path / "default-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    # Contexts the CLI (or a subprocess) opens stand on the same fixed clock.
    monkeypatch.setenv("PE_DESKTOP_CLOCK", FIXED_ENV)
    # ... and open their data with the session's test key instead of a keyring.
    monkeypatch.setenv("PE_DESKTOP_DATA_KEY", TEST_KEY.hex())
    yield
    # An in-process CLI or GUI start installs the bank-holiday cache of its (this
    # test's) cache folder: later tests start from the package itself again.
    from pe_desktop.domain import working_days

    working_days.use_source(None)


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from pe_desktop.paths import DataPaths
    from pe_desktop.storage.database import open_database

    root = tmp_path_factory.mktemp("template")
    db = open_database(DataPaths(root), clock=make_clock(), key=TEST_KEY)
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

    context = open_context(data_dir, clock=make_clock())
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


# -- no test may block on a dialog ---------------------------------------------------

_BLOCKING = {
    "QMessageBox": ("exec", "warning", "critical", "information", "question", "about"),
    "QDialog": ("exec",),
    "QFileDialog": ("exec", "getOpenFileName", "getOpenFileNames", "getSaveFileName",
                    "getExistingDirectory"),
    "QInputDialog": ("exec", "getText", "getInt", "getDouble", "getItem", "getMultiLineText"),
    "QMenu": ("exec",),
}


class ModalDialogOpened(AssertionError):
    """A test reached a modal dialog it had not patched: it would have blocked."""


def _describe(args: tuple, kwargs: dict) -> str:
    texts = [a for a in args if isinstance(a, str)] + [
        v for v in kwargs.values() if isinstance(v, str)
    ]
    obj = args[0] if args else None
    for getter in ("text", "informativeText", "windowTitle"):
        fn = getattr(obj, getter, None)
        if callable(fn):
            try:
                value = fn()
            except Exception:  # noqa: BLE001 - description only
                continue
            if isinstance(value, str) and value:
                texts.append(value)
    return " | ".join(texts) or type(obj).__name__


@pytest.fixture(autouse=True)
def _no_modal_dialogs(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """Fail at once, naming the message, when unpatched code opens a modal dialog.

    Tests that expect a dialog patch it themselves (``monkeypatch`` or the
    ``answer_dialog`` fixture); their patch is applied after this one and wins.
    Only tests that imported Qt are guarded, so pure unit tests stay Qt-free.
    """
    import sys

    if "PySide6.QtWidgets" not in sys.modules and "gui" not in request.node.nodeid:
        yield
        return
    from PySide6 import QtWidgets

    opened: list[str] = []

    def guard(cls_name: str, method: str):
        def blocked(*args, **kwargs):
            message = f"{cls_name}.{method} opened a modal dialog: {_describe(args, kwargs)}"
            opened.append(message)
            raise ModalDialogOpened(message)

        return blocked

    for cls_name, methods in _BLOCKING.items():
        cls = getattr(QtWidgets, cls_name)
        for method in methods:
            wrapped = guard(cls_name, method)
            if method != "exec":
                wrapped = staticmethod(wrapped)
            monkeypatch.setattr(cls, method, wrapped)
    yield
    call = getattr(request.node, "rep_call", None)
    if opened and not (call is not None and call.failed):
        # The code under test swallowed the guard's exception (a Qt slot, a
        # broad except): fail anyway, naming the message.
        pytest.fail(opened[0], pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
