"""What the dashboard flags in a PE's first week (issue 16, defects 13 and 14)."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt

from pe_desktop.domain.enums import AttendanceKind, PlacementKind, PlacementStatus
from pe_desktop.services.dashboard import DashboardService
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.storage.models import AttendanceDay


def _placement(ctx, start: date, **kw) -> int:
    st = StudentService(ctx).create(StudentInput(full_name="Ama Mensah", university="Eastbrook",
                                                 student_number="EB1"))
    return PlacementService(ctx).create(PlacementInput(
        student_id=st.id, kind=PlacementKind.FIRST, organisation="Westmoor", start_date=start,
        **kw)).id


def test_unrecorded_attendance_weeks_are_flagged(ctx):
    start = date(2026, 10, 26)  # four finished weeks before 23 Nov
    pid = _placement(ctx, start)
    PlacementService(ctx).change_status(pid, PlacementStatus.ACTIVE, start)
    with ctx.session() as s:  # only the first week recorded
        for i in range(5):
            s.add(AttendanceDay(placement_id=pid, day=start + timedelta(days=i),
                                kind=AttendanceKind.ATTENDED))
    items = [i for i in DashboardService(ctx).load().items if i.category == "attendance"]
    assert len(items) == 1
    assert "3 weeks" in items[0].detail and "02 Nov" in items[0].detail
    assert "16 Nov" in items[0].detail and "23 Nov" not in items[0].detail  # this week: not yet


def test_planned_placement_past_its_start_offers_to_become_active(ctx):
    pid = _placement(ctx, date(2026, 11, 16))
    items = [i for i in DashboardService(ctx).load().items if i.category == "status"]
    assert [i.placement_id for i in items] == [pid]
    assert "still planned" in items[0].detail


def test_next_meeting_column_and_meeting_item_opens_meetings_tab(make_window, demo_ctx, qtbot):
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    model = page.progress_model
    assert "Next meeting" in model.HEADERS
    row0 = model.rows[0]
    nxt = next((m for m in PlacementService(demo_ctx).detail(row0.id).meetings
                if m.held_on is None), None)
    text = model.index(0, model.NEXT).data()
    assert (f"{nxt.due_date:%d %b}" in text) if nxt else text == "—"
    row = next(r for r, item in enumerate(page.attention_model.items)
               if item.category == "meeting")
    pid = page.attention_model.items[row].placement_id
    rect = page.attention.visualRect(page.attention_model.index(row))
    page.attention.scrollTo(page.attention_model.index(row))
    rect = page.attention.visualRect(page.attention_model.index(row))
    qtbot.mouseClick(page.attention.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    students = window.page("students")
    assert window.stack.currentWidget() is students
    qtbot.waitUntil(lambda: students.panel.placement_id == pid)
    assert students.panel.tabs.currentWidget() is students.panel.meetings
