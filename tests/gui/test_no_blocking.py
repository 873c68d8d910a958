"""The root conftest's guard: an unpatched modal dialog fails its test at once."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

pytest_plugins = ["pytester"]

TESTS = Path(__file__).resolve().parents[1]

INNER = '''
from pe_desktop.domain.errors import PEDesktopError


def test_error_box(qtbot):
    from PySide6.QtWidgets import QWidget

    from pe_desktop.ui.widgets.messages import show_error

    w = QWidget()
    qtbot.addWidget(w)
    show_error(w, PEDesktopError("The widget fell over politely"))


def test_question(qtbot):
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.question(None, "Delete?", "Delete the student Zoë?")


def test_swallowed_in_a_slot(qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def slot():
        try:
            QMessageBox.critical(None, "Oops", "Swallowed by a broad except")
        except Exception:
            pass

    QTimer.singleShot(0, slot)
    qtbot.wait(50)


def test_patched_dialog_is_fine(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert QMessageBox.question(None, "t", "q") == QMessageBox.StandardButton.Yes
'''


def test_unpatched_dialogs_fail_fast_with_their_message(pytester, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(TESTS.parent))  # this checkout's pe_desktop
    shutil.copy(TESTS / "conftest.py", pytester.path / "conftest.py")
    shutil.copy(TESTS / "clocks.py", pytester.path / "clocks.py")
    shutil.copy(TESTS / "keys.py", pytester.path / "keys.py")
    pytester.makeini("[pytest]\nqt_api = pyside6\n")
    pytester.makepyfile(test_inner_gui=INNER)
    started = time.monotonic()
    result = pytester.runpytest_subprocess("--timeout", "60")
    assert time.monotonic() - started < 60
    # the slot test passes its call and errors in teardown
    result.assert_outcomes(passed=2, failed=2, errors=1)
    result.stdout.fnmatch_lines(["*The widget fell over politely*"])
    result.stdout.fnmatch_lines(["*QMessageBox.critical opened a modal dialog*Swallowed*"])
    result.stdout.fnmatch_lines(["*QMessageBox.question opened a modal dialog*Delete the student*"])
