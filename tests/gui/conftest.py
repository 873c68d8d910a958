"""Fixtures for driving real widgets offscreen."""

from __future__ import annotations

from collections.abc import Callable

import pytest


def activate(qtbot, w) -> None:
    """Make ``w`` the active window (focus events and shortcuts need one offscreen)."""
    w.activateWindow()
    w.windowHandle().requestActivate()
    try:
        qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    except qtbot.TimeoutError:
        # The offscreen platform sometimes ignores activation requests after
        # an earlier test ran a full event loop; force it.
        import warnings

        from PySide6.QtWidgets import QApplication

        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            QApplication.setActiveWindow(w)
        qtbot.waitUntil(w.isActiveWindow, timeout=20000)


@pytest.fixture
def make_window(qtbot, qsettings, sync_background):
    """Build a MainWindow over a context; closed at the end of the test."""
    from pe_desktop.ui.main_window import MainWindow

    windows = []

    def make(ctx):
        w = MainWindow(ctx, qsettings)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        # Offscreen windows are not activated on show; shortcuts need an active window.
        activate(qtbot, w)
        windows.append(w)
        return w

    yield make


@pytest.fixture
def students_page(make_window, demo_ctx):
    window = make_window(demo_ctx)
    return window.navigate("students")


@pytest.fixture
def answer_dialog(monkeypatch):
    """Replace ``Cls.exec`` with ``fn(dialog) -> int`` (the dialog code to return).

    Modal dialogs would block the test; ``fn`` fills the real dialog's widgets
    and presses its buttons instead.
    """

    def install(cls: type, fn: Callable[[object], object]) -> list:
        seen: list = []

        def fake_exec(self):  # noqa: ANN001
            seen.append(self)
            fn(self)
            return self.result()

        monkeypatch.setattr(cls, "exec", fake_exec)
        return seen

    return install
