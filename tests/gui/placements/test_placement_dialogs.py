"""Adding and editing placements; status changes; review meetings."""

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt

from pe_desktop.domain.enums import MeetingKind, PlacementStatus
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.placements.students import StudentService
from pe_desktop.ui.placements.dialog import PlacementDialog
from pe_desktop.ui.placements.meeting_dialog import MeetingDialog
from pe_desktop.ui.placements.status_dialog import StatusDialog


def _dialog(qtbot, ctx, **kw):
    students = StudentService(ctx).list()
    dlg = PlacementDialog(ctx, students, **kw)
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_end_before_start_and_missing_fields_shown_nothing_saved(qtbot, demo_ctx):
    before = PlacementService(demo_ctx).list(include_archived=True)
    dlg = _dialog(qtbot, demo_ctx)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.errors.message("student_id") == "Choose a student"
    assert dlg.errors.message("organisation") == "Organisation is required"

    dlg.student.setCurrentIndex(0)
    qtbot.keyClicks(dlg.organisation, "Riverside Young Carers")
    dlg.auto_end.setChecked(False)
    assert dlg.end.isEnabled()
    dlg.start.setDate(QDate(2026, 9, 1))
    dlg.end.setDate(QDate(2026, 8, 1))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != PlacementDialog.DialogCode.Accepted
    assert dlg.errors.message("planned_end_date") == \
        "The planned end date must be after the start date"
    assert dlg.errors.message("organisation") == ""
    assert PlacementService(demo_ctx).list(include_archived=True) == before


def test_kind_sets_default_days_and_level_and_end_follows(qtbot, demo_ctx):
    dlg = _dialog(qtbot, demo_ctx)
    dlg.kind.setCurrentIndex(dlg.kind.findData("first"))
    assert dlg.required.value() == 70
    assert dlg.level.currentData() == "end_first"
    dlg.kind.setCurrentIndex(dlg.kind.findData("final"))
    assert dlg.required.value() == 100
    assert dlg.level.currentData() == "end_last"
    dlg.start.setDate(QDate(2026, 1, 5))  # a Monday
    dlg.required.setValue(10)
    assert dlg.end.date() == QDate(2026, 1, 16)  # ten working days
    # The PE typed the days: changing the kind no longer overwrites them.
    dlg.kind.setCurrentIndex(dlg.kind.findData("first"))
    assert dlg.required.value() == 10


def test_create_placement_makes_meetings_and_uses_profile_arrangement(qtbot, demo_ctx):
    student = StudentService(demo_ctx).list()[0]
    dlg = _dialog(qtbot, demo_ctx, student_id=student.id)
    assert dlg.student.currentData() == student.id
    assert dlg.arrangement.currentData() == "independent"  # the demo PE's usual
    qtbot.keyClicks(dlg.organisation, "Harbourside Women's Aid")
    dlg.start.setDate(QDate(2027, 1, 11))
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == PlacementDialog.DialogCode.Accepted
    detail = PlacementService(demo_ctx).detail(dlg.saved.id)
    assert detail.placement.organisation == "Harbourside Women's Aid"
    assert detail.placement.start_date == date(2027, 1, 11)
    assert [m.kind for m in detail.meetings][0] == MeetingKind.PRE_PLACEMENT
    assert len(detail.meetings) == 5


def test_edit_placement_keeps_values_and_saves(qtbot, demo_ctx):
    row = PlacementService(demo_ctx).list()[0]
    dlg = _dialog(qtbot, demo_ctx, placement=row)
    assert dlg.organisation.text() == row.organisation
    assert dlg.required.value() == row.required_days
    dlg.team.setText("Duty and Assessment")
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert dlg.result() == PlacementDialog.DialogCode.Accepted
    again = PlacementService(demo_ctx).get(row.id)
    assert again.team == "Duty and Assessment"
    assert again.required_days == row.required_days
    assert again.planned_end_date == row.planned_end_date


def test_status_change_needs_reason_for_suspension(qtbot, demo_ctx):
    row = next(p for p in PlacementService(demo_ctx).list() if p.status == "active")
    dlg = StatusDialog(demo_ctx, row)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.status.currentData() == "completed"  # the usual next step
    dlg.status.setCurrentIndex(dlg.status.findData("suspended"))
    assert "required" in dlg.reason_label.text()
    dlg.save()
    assert dlg.result() != StatusDialog.DialogCode.Accepted
    assert "Say why" in dlg.errors.message("reason")
    assert PlacementService(demo_ctx).get(row.id).status == PlacementStatus.ACTIVE

    dlg.reason.setPlainText("Student on sick leave for three weeks")
    dlg.save()
    assert dlg.result() == StatusDialog.DialogCode.Accepted
    detail = PlacementService(demo_ctx).detail(row.id)
    assert detail.placement.status == PlacementStatus.SUSPENDED
    assert detail.status_history[-1].reason == "Student on sick leave for three weeks"


def test_meeting_due_date_edit_and_mark_held(qtbot, demo_ctx):
    row = next(p for p in PlacementService(demo_ctx).list() if p.status == "active")
    meeting = next(m for m in PlacementService(demo_ctx).detail(row.id).meetings
                   if m.held_on is None)
    dlg = MeetingDialog(demo_ctx, meeting, mark_held=True)
    qtbot.addWidget(dlg)
    today = demo_ctx.today()
    # Held dates cannot be in the future.
    assert dlg.held_on.maximumDate() == QDate(today.year, today.month, today.day)
    new_due = meeting.due_date + timedelta(days=3)
    dlg.due.setDate(QDate(new_due.year, new_due.month, new_due.day))
    dlg.save()
    assert dlg.result() == MeetingDialog.DialogCode.Accepted
    again = next(m for m in PlacementService(demo_ctx).detail(row.id).meetings
                 if m.id == meeting.id)
    assert again.held_on == today
    assert again.due_date == new_due and again.due_overridden


def test_organisation_and_people_suggested_from_earlier_placements(qtbot, demo_ctx):
    known = PlacementService(demo_ctx).list()
    dlg = _dialog(qtbot, demo_ctx, known=known)
    completer = dlg.organisation.completer()
    assert completer is not None
    completer.setCompletionPrefix("westmoor")  # any part of the name, any case
    suggestions = [completer.completionModel().index(i, 0).data()
                   for i in range(completer.completionCount())]
    assert suggestions == ["Westmoor County Council"]
    assert dlg.tutor_name.completer() is not None
