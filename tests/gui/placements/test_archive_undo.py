"""Archiving asks first, hides the record everywhere, and can be undone."""

from PySide6.QtCore import Qt

from pe_desktop.services.dashboard import DashboardService
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.placements.students import StudentService


def _student_with_open_placement(ctx):
    open_ids = {p.student_id for p in DashboardService(ctx).load().placements}
    return next(s for s in StudentService(ctx).list() if s.id in open_ids)


def test_archive_student_confirm_then_undo_with_ctrl_z(students_page, monkeypatch, qtbot):
    page, ctx = students_page, students_page.ctx
    student = _student_with_open_placement(ctx)
    asked = []
    monkeypatch.setattr("pe_desktop.ui.placements.student_actions.confirm",
                        lambda parent, title, text, action="": asked.append(text) or True)
    page._select_student(student.id)
    qtbot.mouseClick(page.archive_student_button, Qt.MouseButton.LeftButton)

    assert asked and student.full_name in asked[0]
    assert StudentService(ctx).get(student.id).archived
    assert page.student_model.row_for_id(student.id) == -1
    assert student.id not in {p.student_id for p in DashboardService(ctx).load().placements}
    assert page.undo_bar.isVisible() and page.undo_bar.available

    page.undo_action.trigger()  # Ctrl+Z
    assert not StudentService(ctx).get(student.id).archived
    assert page.student_model.row_for_id(student.id) >= 0
    assert page.current_student_id() == student.id
    assert not page.undo_bar.isVisible()
    assert student.id in {p.student_id for p in DashboardService(ctx).load().placements}


def test_archive_cancelled_changes_nothing(students_page, monkeypatch, qtbot):
    page, ctx = students_page, students_page.ctx
    sid = page.current_student_id()
    monkeypatch.setattr("pe_desktop.ui.placements.student_actions.confirm", lambda *a, **k: False)
    qtbot.mouseClick(page.archive_student_button, Qt.MouseButton.LeftButton)
    assert not StudentService(ctx).get(sid).archived
    assert not page.undo_bar.isVisible()


def test_archive_placement_and_undo_button(students_page, monkeypatch, qtbot):
    page, ctx = students_page, students_page.ctx
    target = DashboardService(ctx).load().placements[0]
    monkeypatch.setattr("pe_desktop.ui.placements.student_actions.confirm", lambda *a, **k: True)
    page.open_placement(target.id)
    qtbot.mouseClick(page.panel.archive_button, Qt.MouseButton.LeftButton)

    assert PlacementService(ctx).get(target.id).archived
    assert page.placement_model.row_for_id(target.id) == -1
    assert page.panel.placement_id != target.id
    assert target.id not in {p.id for p in DashboardService(ctx).load().placements}

    qtbot.mouseClick(page.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert not PlacementService(ctx).get(target.id).archived
    assert page.panel.placement_id == target.id


def test_show_archived_lists_them_again(students_page, monkeypatch):
    page = students_page
    sid = page.current_student_id()
    monkeypatch.setattr("pe_desktop.ui.placements.student_actions.confirm", lambda *a, **k: True)
    page.archive_student()
    assert page.student_model.row_for_id(sid) == -1
    page.show_archived.setChecked(True)
    row = page.student_model.row_for_id(sid)
    assert row >= 0
    assert "(archived)" in page.student_model.index(row, 0).data()
