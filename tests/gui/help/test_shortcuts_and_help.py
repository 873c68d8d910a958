"""Window-wide shortcuts work from every page and are all listed in Help →
Keyboard shortcuts; Ctrl+S saves the form dialogs; the Help windows open
(issue 16, defect 7 and the Help menu)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.ui.help.shortcuts import shortcuts
from pe_desktop.ui.pages import PAGES
from pe_desktop.ui.placements import dialog as placement_dialog
from pe_desktop.ui.placements import student_dialog
from pe_desktop.ui.supervision import page as supervision_page
from tests.gui.conftest import activate

#: What Ctrl+N / Ctrl+Shift+N open on each page.
EXPECTED = {
    "dashboard": ("StudentDialog", "PlacementDialog"),
    "students": ("StudentDialog", "PlacementDialog"),
    "supervision": ("SupervisionEditor", "SupervisionEditor"),
    "evidence": ("EvidenceItemEditor", "PlacementDialog"),
    "reports": ("StudentDialog", "PlacementDialog"),
    "currency": ("StudentDialog", "PlacementDialog"),
    "qa": ("StudentDialog", "PlacementDialog"),
    "panel": ("StudentDialog", "PlacementDialog"),
}


@pytest.fixture
def opened(monkeypatch):
    """Record (instead of showing) every dialog the shortcuts open."""
    seen: list[str] = []

    def fake_exec(self):
        seen.append(type(self).__name__)
        if hasattr(self, "autosaver"):
            self.autosaver.enabled = False
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    from pe_desktop.ui.widgets.editor_dialog import EditorDialog

    monkeypatch.setattr(EditorDialog, "restore_drafts", False)
    return seen


def test_new_shortcuts_work_from_every_page(make_window, demo_ctx, qtbot, opened):
    window = make_window(demo_ctx)
    assert set(EXPECTED) == {p.key for p in PAGES}
    for key, (plain, shifted) in EXPECTED.items():
        window.navigate(key)
        window.navigate(key)  # placement pickers have loaded
        activate(qtbot, window)
        opened.clear()
        qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_N,
                       Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window.stack.currentWidget(), Qt.Key.Key_N,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert opened == [plain, shifted], key


def test_every_window_shortcut_is_listed(make_window, demo_ctx):
    window = make_window(demo_ctx)
    listed = {s.keys for s in shortcuts()}
    keys = {a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()}
    assert keys and keys <= listed, keys - listed
    assert {p.shortcut for p in PAGES} <= listed


def test_help_windows_open(make_window, demo_ctx, qtbot):
    window = make_window(demo_ctx)
    for keys, which in (("Ctrl+/", "shortcuts"), ("F1", "guide")):
        action = next(a for a in window.actions() if a.shortcut().toString() == keys)
        action.trigger()
        assert window.help_windows[which].isVisible()
    table = window.help_windows["shortcuts"].table
    assert table.rowCount() == len(shortcuts())
    guide = window.help_windows["guide"].browser
    assert "Dashboard" in guide.toPlainText() and guide.source().isLocalFile()
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    for image in ("dashboard.png", "evidence.png", "reports.png"):  # illustrated, offline
        res = guide.loadResource(QTextDocument.ResourceType.ImageResource.value, QUrl(image))
        assert res is not None and not getattr(res, "isNull", lambda: False)(), image
    about = next(a for a in window.help_menu.actions() if "About" in a.text())
    about.trigger()
    text = window.help_windows["about"].text.toPlainText()
    assert "DejaVu" in text and str(demo_ctx.paths.root) in text and "0." in text


def test_ctrl_s_saves_student_and_placement_dialogs(demo_ctx, qtbot, monkeypatch):
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.placements.students import StudentService

    students = StudentService(demo_ctx).list()
    dlg = student_dialog.StudentDialog(demo_ctx, students[0])
    qtbot.addWidget(dlg)
    dlg.show()
    activate(qtbot, dlg)
    dlg.cohort.setText("2031")
    qtbot.keyClick(dlg.cohort, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dlg.result() == QDialog.DialogCode.Accepted
    assert StudentService(demo_ctx).get(students[0].id).cohort == "2031"

    row = PlacementService(demo_ctx).list()[0]
    pdlg = placement_dialog.PlacementDialog(demo_ctx, students, row)
    qtbot.addWidget(pdlg)
    pdlg.show()
    activate(qtbot, pdlg)
    pdlg.team.setText("Renamed team")
    qtbot.keyClick(pdlg.team, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert pdlg.result() == QDialog.DialogCode.Accepted
    assert PlacementService(demo_ctx).get(row.id).team == "Renamed team"


def test_supervision_page_keeps_its_own_new_session(make_window, demo_ctx, qtbot, opened):
    window = make_window(demo_ctx)
    page = window.navigate("supervision")
    assert isinstance(page, supervision_page.SupervisionPage)
    window.new_action.trigger()
    assert opened == ["SupervisionEditor"]


def test_pages_open_on_the_most_instructive_placement(make_window, ctx):
    """Issue 16, defect 18: every page opened on the newest placement (3 of 70 days)."""
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.supervision import SupervisionService

    create_demo_data(ctx)
    rows = PlacementService(ctx).list()
    best = max((r for r in rows if r.status == "active"), key=lambda r: r.days_completed)
    assert best.id != rows[0].id  # not the newest
    window = make_window(ctx)
    for key in ("supervision", "evidence", "reports"):
        page = window.navigate(key)
        assert page.picker.current_placement_id() == best.id, key
    assert SupervisionService(ctx).list_sessions(best.id)
    reports = window.navigate("reports")
    assert reports.view is not None  # the demo's draft midway report is shown
