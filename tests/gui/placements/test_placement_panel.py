"""The placement panel on the Students page: meetings, status, unsaved work."""

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pe_desktop.domain.enums import AttendanceKind
from pe_desktop.services.placements.attendance import AttendanceService
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.ui.placements.meeting_dialog import MeetingDialog
from pe_desktop.ui.placements.status_dialog import StatusDialog
from pe_desktop.ui.placements.tabs import PLACEMENT_TABS, TabSpec


def _active(ctx):
    return next(p for p in PlacementService(ctx).list() if p.status == "active")


def test_mark_meeting_held_from_timeline(students_page, answer_dialog, qtbot):
    page, ctx = students_page, students_page.ctx
    placement = _active(ctx)
    page.open_placement(placement.id)
    meetings = page.panel.meetings
    row = next(i for i, m in enumerate(meetings.meetings) if m.held_on is None)
    meetings.table.selectRow(row)
    answer_dialog(MeetingDialog, lambda dlg: dlg.save())
    qtbot.mouseClick(meetings.held_button, Qt.MouseButton.LeftButton)

    assert meetings.meetings[row].held_on == ctx.today()
    assert meetings.table.item(row, meetings.STATE).text() == f"Held {ctx.today():%d/%m/%Y}"


def test_change_status_from_panel_updates_header_and_list(students_page, answer_dialog, qtbot):
    page, ctx = students_page, students_page.ctx
    placement = _active(ctx)
    page.open_placement(placement.id)

    def suspend(dlg):
        dlg.status.setCurrentIndex(dlg.status.findData("suspended"))
        dlg.reason.setPlainText("Student unwell")
        dlg.save()

    answer_dialog(StatusDialog, suspend)
    qtbot.mouseClick(page.panel.status_button, Qt.MouseButton.LeftButton)
    assert "Suspended" in page.panel.status.text()
    row = page.placement_model.row_for_id(placement.id)
    assert page.placement_model.rows[row].status == "suspended"
    assert "Student unwell" in page.panel.overview.history.text()


def test_closing_window_offers_to_save_unsaved_attendance(make_window, demo_ctx, monkeypatch,
                                                          qtbot):
    window = make_window(demo_ctx)
    page = window.navigate("students")
    placement = _active(demo_ctx)
    page.open_placement(placement.id)
    editor = page.panel.attendance
    monday = editor.monday
    AttendanceService(demo_ctx).save_days(placement.id, {monday: None})  # clear today
    editor.go_to_week(monday)
    before = PlacementService(demo_ctx).get(placement.id).days_completed
    editor.rows[0].kind.setCurrentIndex(1)  # attended, today
    assert editor.is_dirty()
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Save)
    window.close()
    assert PlacementService(demo_ctx).get(placement.id).days_completed == before + 1
    entry = AttendanceService(demo_ctx).entries(placement.id, monday, monday)[0]
    assert entry.kind == AttendanceKind.ATTENDED and entry.day == date(2026, 11, 23)


def test_other_features_can_add_tabs(monkeypatch, make_window, demo_ctx):
    monkeypatch.setattr("pe_desktop.ui.placements.panel.PLACEMENT_TABS",
                        [*PLACEMENT_TABS, TabSpec("Probe", "tests.gui.tab_probe", "ProbeTab")])
    window = make_window(demo_ctx)
    page = window.navigate("students")
    placement = _active(demo_ctx)
    page.open_placement(placement.id)
    titles = [page.panel.tabs.tabText(i) for i in range(page.panel.tabs.count())]
    assert titles[-1] == "Probe"
    probe = page.panel.extra_tabs[-1]
    assert probe.seen[-1].placement.id == placement.id


def test_empty_dashboard_button_starts_a_new_student(make_window, ctx, answer_dialog, qtbot):
    from pe_desktop.ui.placements.student_dialog import StudentDialog

    window = make_window(ctx)
    dashboard = window.page("dashboard")
    opened = answer_dialog(StudentDialog, lambda dlg: dlg.reject())
    qtbot.mouseClick(dashboard.add_student_button, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    assert window.stack.currentWidget() is window.page("students")
