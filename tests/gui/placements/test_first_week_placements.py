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


def _planned_started(ctx):
    from datetime import date

    from pe_desktop.domain.enums import PlacementKind
    from pe_desktop.services.placements.service import PlacementInput
    from pe_desktop.services.placements.students import StudentInput, StudentService

    st = StudentService(ctx).create(StudentInput(full_name="Ama Mensah", university="Eastbrook",
                                                 student_number="EB1"))
    return PlacementService(ctx).create(PlacementInput(
        student_id=st.id, kind=PlacementKind.FIRST, organisation="Westmoor",
        start_date=date(2026, 11, 16)))


def test_status_dialog_from_defaults_to_the_relevant_date(ctx, qtbot):
    """Defect 14: "From" was today, not the start date of a placement that began."""
    from datetime import date

    from pe_desktop.domain.enums import PlacementStatus
    from pe_desktop.ui.placements.status_dialog import StatusDialog

    row = _planned_started(ctx)
    dlg = StatusDialog(ctx, row)
    qtbot.addWidget(dlg)
    assert dlg.status.currentData() == PlacementStatus.ACTIVE
    assert dlg.changed_on.value() == date(2026, 11, 16)
    dlg.status.setCurrentIndex(dlg.status.findData(PlacementStatus.TERMINATED))
    assert dlg.changed_on.value() == ctx.today()
    dlg.changed_on.edit.setText("17/11/2026")
    dlg.changed_on.edit.textEdited.emit("17/11/2026")  # typed by the PE: kept from now on
    dlg.status.setCurrentIndex(dlg.status.findData(PlacementStatus.ACTIVE))
    assert dlg.changed_on.value() == date(2026, 11, 17)


def test_started_planned_placement_offers_to_become_active(make_window, ctx, qtbot):
    from pe_desktop.domain.enums import PlacementStatus

    row = _planned_started(ctx)
    window = make_window(ctx)
    page = window.navigate("students", placement_id=row.id)
    qtbot.waitUntil(lambda: page.panel.placement_id == row.id and page.panel.detail is not None)
    assert page.panel.start_offer.isVisibleTo(page.panel)
    assert "16 November 2026" in page.panel.start_label.text()
    page.panel.activate_button.click()
    after = PlacementService(ctx).get(row.id)
    assert after.status == PlacementStatus.ACTIVE
    history = PlacementService(ctx).detail(row.id).status_history
    assert any(h.changed_on == row.start_date and h.to_status == PlacementStatus.ACTIVE
               for h in history)
    qtbot.waitUntil(lambda: not page.panel.start_offer.isVisibleTo(page.panel))


def test_closure_days_move_the_planned_end(ctx, qtbot):
    from datetime import date

    from pe_desktop.services.placements.students import StudentService
    from pe_desktop.ui.placements.dialog import PlacementDialog

    row = _planned_started(ctx)
    dlg = PlacementDialog(ctx, StudentService(ctx).list(), row)
    qtbot.addWidget(dlg)
    before = dlg.end.value()
    dlg.closures.setText("17/11/2026, 18/11/2026")
    dlg.closures.editingFinished.emit()
    assert (dlg.end.value() - before).days >= 2
    dlg.save()
    assert dlg.result() == PlacementDialog.DialogCode.Accepted
    assert PlacementService(ctx).closure_days(row.id) == (date(2026, 11, 17), date(2026, 11, 18))
    assert PlacementService(ctx).get(row.id).planned_end_date == dlg.end.value()
    bad = PlacementDialog(ctx, StudentService(ctx).list(), row)
    qtbot.addWidget(bad)
    assert bad.closures.text() == "17/11/2026, 18/11/2026"
    bad.closures.setText("17/11/2026, soon")
    bad.save()
    assert "not a date" in bad.errors.message("closure_days")
