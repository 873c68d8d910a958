"""The placement panel's Concerns, Reviews and Time tabs, the midway report's concern
link, the partnership return preview and the Policy tab's rule origins, driven offscreen."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pe_desktop.domain.concerns import ConcernOutcome
from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.reports import Recommendation, ReportKind
from pe_desktop.domain.reviews import Rag, ReviewArea, ReviewStage
from pe_desktop.domain.timelog import TimeActivity
from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.service import ReportService
from pe_desktop.services.reviews.service import ReviewService
from pe_desktop.services.timelog.service import TimeLogService
from pe_desktop.ui.concerns.dialog import ConcernDialog
from pe_desktop.ui.reviews.dialog import ReviewDialog

TODAY = date(2026, 11, 23)


@pytest.fixture
def panel(students_page):
    ctx = students_page.ctx
    placement = next(p for p in PlacementService(ctx).list() if p.status == "active"
                     and p.days_completed > 20)
    students_page.open_placement(placement.id)
    return students_page.panel, placement


def _tab(panel, cls_name):
    return next(t for t in panel.extra_tabs if type(t).__name__ == cls_name)


def test_record_a_concern_with_plan_and_meeting(panel, answer_dialog, qtbot):
    panel, placement = panel
    tab = _tab(panel, "ConcernsTab")
    ctx = tab.ctx

    def bad(dlg: ConcernDialog):
        dlg.outcome.setCurrentIndex(dlg.outcome.findData(ConcernOutcome.PANEL.value))
        dlg.save()  # no description, no outcome date: the dialog stays open and says why
        assert not dlg.error_label.isHidden() and "concern" in dlg.error_label.text().lower()
        dlg.autosaver.discard()
        dlg.done(0)

    answer_dialog(ConcernDialog, bad)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert ConcernService(ctx).list(placement.id) == []

    def fill(dlg: ConcernDialog):
        dlg.raised_by.setCurrentIndex(dlg.raised_by.findData("oss"))
        dlg.description.setPlainText("Recording weeks behind.")
        dlg.domains.set_checked(["professionalism"])
        dlg.actions.add_action(__import__("pe_desktop.services.concerns.rows",
                                          fromlist=["x"]).ActionInput("Catch up", "Student",
                                                                      TODAY + timedelta(2)))
        dlg.meetings.add_meeting(__import__("pe_desktop.services.concerns.rows",
                                            fromlist=["x"]).MeetingInput(TODAY + timedelta(4)))
        dlg.save()

    answer_dialog(ConcernDialog, fill)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    [c] = ConcernService(ctx).list(placement.id)
    assert c.raised_by.value == "oss" and c.domains == ("professionalism",)
    assert c.actions[0].owner == "Student" and c.actions[0].review_on == TODAY + timedelta(2)
    assert tab.table.rowCount() == 1 and tab.table.item(0, 3).text() == "1 of 1"
    # the concerns meeting is in the meeting timeline, and opens the concern
    kinds = [m.kind for m in panel.meetings.meetings]
    assert MeetingKind.CONCERNS in kinds
    seen = answer_dialog(ConcernDialog, lambda dlg: dlg.reject())
    panel.meetings.table.selectRow(kinds.index(MeetingKind.CONCERNS))
    panel.meetings._edit(False)
    assert seen and seen[0].concern.id == c.id


def test_record_a_review_and_save_its_pdf(panel, answer_dialog, qtbot, tmp_path):
    panel, placement = panel
    tab = _tab(panel, "ReviewsTab")
    tab.table.selectRow(1)  # midway

    def fill(dlg: ReviewDialog):
        rating, comment = dlg.checks[ReviewArea.PERFORMANCE]
        rating.setCurrentIndex(rating.findData("amber"))
        comment.setPlainText("Recording behind.")
        dlg.save()

    answer_dialog(ReviewDialog, fill)
    qtbot.mouseClick(tab.record_button, Qt.MouseButton.LeftButton)
    review = ReviewService(tab.ctx).for_stage(placement.id, ReviewStage.MIDWAY)
    assert review.check(ReviewArea.PERFORMANCE).rating == Rag.AMBER
    assert {r for r, _ in review.attendees} == {"pe", "student"}
    assert "Amber" in tab.table.item(1, 5).text()
    out = tmp_path / "review.pdf"
    tab.save_pdf(path=out)
    assert out.read_bytes().startswith(b"%PDF") and tab.last_export.pages >= 1


def test_time_tab_logs_times_and_exports(panel, qtbot, tmp_path):
    panel, placement = panel
    tab = _tab(panel, "TimeTab")
    svc = TimeLogService(tab.ctx)
    before = svc.summary(placement.id).total
    tab.activity.setCurrentIndex(tab.activity.findData(TimeActivity.TRAVEL.value))
    tab.minutes.setValue(45)
    qtbot.keyClicks(tab.note, "home visit")
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert svc.summary(placement.id).total == before + 45
    assert tab.chart.summary.total == before + 45
    assert any(tab.table.item(r, 3).text() == "home visit" for r in range(tab.table.rowCount()))
    # the timer fills in the minutes from the context's clock
    tab.toggle_timer()
    assert tab.ticker.isActive()
    tab.timer_started -= timedelta(minutes=22, seconds=10)
    tab.toggle_timer()
    assert tab.minutes.value() == 23 and not tab.ticker.isActive()
    tab.allocation.setValue(6)
    tab._allocation_changed()
    assert svc.allocation(placement.id) == 360
    tab.export(".csv", tmp_path / "t.csv")
    assert (tmp_path / "t.csv").read_text(encoding="utf-8-sig").startswith("Week beginning")


def test_midway_concerns_offers_a_concern_record(make_window, demo_ctx, answer_dialog):
    placement = next(p for p in PlacementService(demo_ctx).list() if p.status == "active")
    window = make_window(demo_ctx)
    page = window.navigate("reports", placement_id=placement.id)
    page.kind_box.setCurrentIndex(page.kind_box.findData(ReportKind.MIDWAY))
    if page.view is None:
        page.start_report()
    editor = page.editor
    editor.recommendation.setCurrentIndex(
        editor.recommendation.findData(Recommendation.CONCERNS))
    assert editor.concern_bar.isVisibleTo(editor) and editor.borderline.isVisibleTo(editor)
    editor.borderline.setChecked(True)

    def fill(dlg: ConcernDialog):
        dlg.description.setPlainText("Missed visits.")
        from pe_desktop.services.concerns.rows import ActionInput

        dlg.actions.add_action(ActionInput("Visit diary", "OSS", TODAY + timedelta(7)))
        dlg.save()

    answer_dialog(ConcernDialog, fill)
    editor.concern_bar.open_button.click()
    view = ReportService(demo_ctx).get(placement.id, ReportKind.MIDWAY)
    assert view.linked_concern_id is not None and view.version.content.borderline
    assert view.version.content.action_plan.startswith("1. Visit diary — owner: OSS")
    assert editor.action_plan.isReadOnly() and editor.concern_bar.show_button.isVisibleTo(editor)
    assert "Visit diary" in editor.action_plan.toPlainText()


def test_partnership_return_preview_save_and_policy_origins(make_window, demo_ctx, tmp_path, answer_dialog):
    from pe_desktop.ui.partnership.dialog import ReturnDialog

    window = make_window(demo_ctx)
    page = window.navigate("currency")
    dialogs = answer_dialog(ReturnDialog, lambda dlg: None)
    page.return_button.click()
    dlg = dialogs[0]
    assert dlg.ret is not None and dlg.placements.rowCount() == len(dlg.ret.placements) > 0
    names = {p.student_name for p in PlacementService(demo_ctx).list()}
    cells = {dlg.placements.item(r, c).text() for r in range(dlg.placements.rowCount())
             for c in range(dlg.placements.columnCount())}
    assert not names & cells
    dlg.save(".json", tmp_path / "r.json")
    assert Path(tmp_path / "r.json").read_text(encoding="utf-8").startswith("{")
    # the Policy tab marks which rules are guidance and which are our adjustable defaults
    from PySide6.QtWidgets import QLabel

    form = page.policy_form
    assert form.findChild(QLabel, "origin_cpd_window_months").text() == "partnership guidance"
    assert form.findChild(QLabel, "origin_cpd_min_hours").text() == "adjustable default"
    assert form.name.text() == "Default policy" and form.cpd_hours.value() == 0
