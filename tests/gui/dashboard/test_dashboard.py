"""The dashboard: urgent items first, progress, navigation, empty state."""

from datetime import timedelta

from PySide6.QtCore import Qt

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.ui.widgets.delegates import ID_ROLE, PROGRESS_ROLE, SEVERITY_ROLE


def _make_overdue(ctx):
    """Move one open placement's next meeting into the past so it is overdue."""
    pid = next(p.id for p in PlacementService(ctx).list() if p.status == "active")
    meeting = next(m for m in PlacementService(ctx).detail(pid).meetings if m.held_on is None)
    PlacementService(ctx).update_meeting(meeting.id, due_date=ctx.today() - timedelta(days=3))
    return pid, meeting


def test_items_ordered_by_urgency_with_progress(make_window, demo_ctx):
    pid, meeting = _make_overdue(demo_ctx)
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    model = page.attention_model
    severities = [model.index(r).data(SEVERITY_ROLE) for r in range(model.rowCount())]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] == 2
    # The meeting made overdue is listed with the overdue items, ahead of anything due.
    overdue_meeting = next(r for r, item in enumerate(model.items)
                           if item.category == "meeting" and item.placement_id == pid)
    assert model.index(overdue_meeting).data(SEVERITY_ROLE) == 2
    assert model.index(overdue_meeting).data(ID_ROLE) == pid
    assert "overdue by 3 days" in model.items[overdue_meeting].detail
    assert page.overdue_tile.number.text() == str(severities.count(2))
    progress = page.progress_model
    assert progress.rowCount() == page.data.placements.__len__() > 0
    done, required = progress.index(0, progress.DAYS).data(PROGRESS_ROLE)
    first = page.data.placements[0]
    assert (done, required) == (first.days_completed, first.required_days)
    assert page.stack.currentIndex() == 0
    assert page.greeting.text() == "Welcome to PE Desktop, Máire"  # first time here


def test_click_attention_item_opens_placement(make_window, demo_ctx, qtbot):
    pid, _ = _make_overdue(demo_ctx)
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    view = page.attention
    row = next(r for r, item in enumerate(page.attention_model.items)
               if item.category == "meeting" and item.placement_id == pid)
    view.scrollTo(page.attention_model.index(row))
    rect = view.visualRect(page.attention_model.index(row))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    students = window.page("students")
    assert window.stack.currentWidget() is students
    assert students.panel.placement_id == pid
    assert students.current_student_id() == PlacementService(demo_ctx).get(pid).student_id


def test_enter_on_progress_row_opens_placement(make_window, demo_ctx, qtbot):
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    table = page.progress
    table.setFocus()
    table.setCurrentIndex(page.progress_model.index(1, 0))
    qtbot.keyClick(table, Qt.Key.Key_Return)
    expected = page.progress_model.index(1, 0).data(ID_ROLE)
    assert window.page("students").panel.placement_id == expected


def test_empty_state_for_a_new_user(make_window, ctx):
    window = make_window(ctx)
    page = window.page("dashboard")
    assert page.stack.currentWidget() is page.empty
    assert not page.data.placements
    assert all(i.category == "currency" for i in page.data.items)
    # a new PE's empty currency record gets a pointer, not a wall of alerts
    assert page.empty_currency.isVisibleTo(page) == bool(page.data.items)
    assert "No placements yet" in page.empty.findChildren(type(page.greeting))[0].text()


def test_dashboard_refreshes_after_attendance(make_window, demo_ctx):
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    first = page.data.placements[0]
    from pe_desktop.services.placements.attendance import AttendanceEntry, AttendanceService

    today = demo_ctx.today()
    AttendanceService(demo_ctx).save_days(first.id, {today: AttendanceEntry(today, "attended")})
    window.navigate("students")
    window.navigate("dashboard")  # showing a page refreshes it
    again = next(p for p in page.data.placements if p.id == first.id)
    assert again.days_completed >= first.days_completed


def test_ctrl_number_switches_pages(make_window, demo_ctx, qtbot):
    window = make_window(demo_ctx)
    qtbot.keyClick(window.sidebar, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("students")
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.page("dashboard")


def test_currency_item_without_a_placement_opens_the_currency_page(make_window, demo_ctx, qtbot):
    from datetime import date

    from pe_desktop.services.currency.service import CpdInput, CurrencyService

    CurrencyService(demo_ctx).save_cpd(CpdInput(date(2026, 11, 2), "PE forum", 1.0))
    window = make_window(demo_ctx)
    page = window.page("dashboard")
    assert page.stack.currentIndex() == 0 and page.attention.isVisible()
    model = page.attention_model
    row = next(r for r, item in enumerate(model.items)
               if item.category == "currency" and item.placement_id is None)
    view = page.attention
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.visualRect(model.index(row)).center())
    assert window.stack.currentWidget() is window.page("currency")
