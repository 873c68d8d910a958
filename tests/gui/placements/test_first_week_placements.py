"""Students & placements as a new PE meets them (issue 16)."""

from __future__ import annotations

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.storage.models import Placement
from pe_desktop.ui.placements.overview import OverviewTab


def test_placement_notes_are_shown_whole(students_page, demo_ctx, qtbot):
    """Defect 6: the notes wrapped to one word ("Learning")."""
    page = students_page
    page.window().resize(1200, 780)
    p = next(r for r in PlacementService(demo_ctx).list() if r.status == "active")
    with demo_ctx.session() as s:
        s.get(Placement, p.id).notes = "Learning agreement meeting booked."
    page.refresh()
    page.open_placement(p.id)
    qtbot.waitUntil(lambda: "booked" in page.panel.findChild(OverviewTab).fields["notes"].text())
    lab = page.panel.findChild(OverviewTab).fields["notes"]
    qtbot.wait(50)
    assert lab.height() >= lab.heightForWidth(lab.width())  # every line has room
    assert lab.width() >= lab.fontMetrics().horizontalAdvance("Learning agreement")


def test_a_problem_is_outlined_and_focused(demo_ctx, qtbot):
    """Defect 16: "correct the highlighted field" with nothing highlighted."""
    from PySide6.QtWidgets import QApplication

    from pe_desktop.services.placements.students import StudentService
    from pe_desktop.ui.placements.student_dialog import StudentDialog
    from tests.gui.conftest import activate

    dlg = StudentDialog(demo_ctx, StudentService(demo_ctx).list()[0])
    qtbot.addWidget(dlg)
    dlg.show()
    activate(qtbot, dlg)
    dlg.email.setFocus()
    dlg.full_name.clear()
    dlg.save()
    assert dlg.result() != StudentDialog.DialogCode.Accepted
    assert "outlined in red" in dlg.summary.text()
    assert dlg.full_name.property("_pe_invalid") is True
    assert "b3261e" in dlg.full_name.styleSheet()
    assert QApplication.focusWidget() is dlg.full_name
    dlg.full_name.setText("Fixed Name")
    dlg.save()
    assert dlg.full_name.property("_pe_invalid") is False or dlg.result() == 1


def test_editor_problem_is_outlined_and_focused(demo_ctx, qtbot, sync_background):
    from PySide6.QtWidgets import QApplication

    from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor
    from pe_desktop.ui.widgets.editor_dialog import EditorDialog
    from tests.gui.conftest import activate

    EditorDialog.restore_drafts = False
    pid = next(r for r in PlacementService(demo_ctx).list() if r.status == "active").id
    ed = EvidenceItemEditor(demo_ctx, pid)
    qtbot.addWidget(ed)
    ed.show()
    activate(qtbot, ed)
    ed.description.setFocus()
    ed.save()
    assert ed.title.property("_pe_invalid") is True
    assert QApplication.focusWidget() is ed.title
    ed.autosaver.enabled = False
