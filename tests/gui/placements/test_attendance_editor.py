"""Attendance a week at a time, from the placement panel."""

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pe_desktop.domain.enums import AttendanceKind, PlacementKind
from pe_desktop.services.placements.attendance import AttendanceService
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentService
from pe_desktop.ui.placements.attendance_editor import CHOICES


@pytest.fixture
def fresh(demo_ctx):
    """A first placement started Monday 2 Nov 2026 with no attendance yet."""
    student = StudentService(demo_ctx).list()[0]
    row = PlacementService(demo_ctx).create(PlacementInput(
        student_id=student.id, kind=PlacementKind.FIRST, organisation="Riverside Young Carers",
        start_date=date(2026, 11, 2)))
    return row


@pytest.fixture
def editor(students_page, fresh):
    students_page.open_placement(fresh.id)
    panel = students_page.panel
    assert panel.placement_id == fresh.id
    panel.tabs.setCurrentWidget(panel.attendance)
    return panel.attendance


def _days(ctx, pid):
    return PlacementService(ctx).get(pid).days_completed


def test_opens_on_this_week_with_future_days_limited(editor):
    assert editor.monday == date(2026, 11, 23)  # the fixed "today" is Monday 23 Nov
    tuesday = editor.rows[1]
    model = tuesday.kind.model()
    assert not model.item(CHOICES.index(AttendanceKind.ATTENDED)).isEnabled()
    assert model.item(CHOICES.index(AttendanceKind.ABSENT)).isEnabled()
    assert editor.rows[0].kind.model().item(CHOICES.index(AttendanceKind.ATTENDED)).isEnabled()


def test_all_attended_then_save_updates_days_completed(qtbot, students_page, editor, fresh):
    ctx = students_page.ctx
    qtbot.mouseClick(editor.prev_button, Qt.MouseButton.LeftButton)
    assert editor.monday == date(2026, 11, 16)
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.all_button, Qt.MouseButton.LeftButton)
    assert editor.is_dirty() and editor.save_button.isEnabled()
    assert "5 attended" in editor.week_totals.text()
    students_page.save_action.trigger()  # Ctrl+S

    assert _days(ctx, fresh.id) == 5
    assert not editor.is_dirty()
    panel = students_page.panel
    assert panel.overview.progress.value() == 5
    assert "5 of 70 days" in panel.overview.progress.format()
    row = students_page.placement_model.row_for_id(fresh.id)
    assert students_page.placement_model.rows[row].days_completed == 5
    assert editor.monday == date(2026, 11, 16)  # stays on the week just saved


def test_absence_needs_reason_and_nothing_is_saved(qtbot, editor, students_page, fresh):
    ctx = students_page.ctx
    editor.go_to_week(date(2026, 11, 9))
    qtbot.mouseClick(editor.all_button, Qt.MouseButton.LeftButton)
    wednesday = editor.rows[2]
    wednesday.kind.setCurrentIndex(CHOICES.index(AttendanceKind.ABSENT))
    assert wednesday.reason.isEnabled()
    editor.save()
    assert wednesday.error.text() == "Give a reason for the absence"
    assert not wednesday.error.isHidden()
    assert AttendanceService(ctx).entries(fresh.id) == []

    qtbot.keyClicks(wednesday.reason, "Sickness")
    editor.save()
    assert wednesday.error.isHidden()
    kinds = [e.kind for e in AttendanceService(ctx).entries(fresh.id)]
    assert kinds.count(AttendanceKind.ABSENT) == 1 and len(kinds) == 5
    assert _days(ctx, fresh.id) == 4


def test_days_before_start_are_locked(editor, fresh):
    editor.go_to_week(date(2026, 10, 26))  # the week before the start
    assert not any(r.editable for r in editor.rows)
    assert editor.rows[0].kind.toolTip() == "Before the placement started"
    assert editor.state() == {}


@pytest.mark.parametrize("answer, week, saved", [
    (QMessageBox.StandardButton.Discard, date(2026, 11, 9), 0),
    (QMessageBox.StandardButton.Cancel, date(2026, 11, 16), 0),
    (QMessageBox.StandardButton.Save, date(2026, 11, 9), 5),
])
def test_leaving_an_unsaved_week_asks(qtbot, monkeypatch, editor, students_page, fresh,
                                      answer, week, saved):
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a) or answer)
    editor.go_to_week(date(2026, 11, 16))
    qtbot.mouseClick(editor.all_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.prev_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert editor.monday == week
    assert _days(students_page.ctx, fresh.id) == saved


def test_clearing_a_day_removes_it(qtbot, editor, students_page, fresh):
    editor.go_to_week(date(2026, 11, 16))
    qtbot.mouseClick(editor.all_button, Qt.MouseButton.LeftButton)
    editor.save()
    editor.rows[4].kind.setCurrentIndex(CHOICES.index(None))
    editor.save()
    assert _days(students_page.ctx, fresh.id) == 4
    assert date(2026, 11, 20) not in {e.day for e in
                                      AttendanceService(students_page.ctx).entries(fresh.id)}


def test_unsaved_week_survives_switching_pages(qtbot, students_page, editor, fresh):
    window = students_page.window()
    editor.go_to_week(date(2026, 11, 16))
    qtbot.mouseClick(editor.all_button, Qt.MouseButton.LeftButton)
    window.navigate("dashboard")
    window.navigate("students")  # refreshes the page and the panel
    assert students_page.panel.attendance is editor
    assert editor.is_dirty()
    assert editor.monday == date(2026, 11, 16)
    assert all(r.entry() is not None for r in editor.rows)
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert not editor.is_dirty()
    assert all(r.entry() is None for r in editor.rows)
