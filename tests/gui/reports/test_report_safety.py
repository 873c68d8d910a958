"""Values the mouse wheel cannot change and a sign-off that shows what is signed
(issue 16, defect 1)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QDialog

from pe_desktop.domain.reports import Recommendation, label
from pe_desktop.ui.reports import page as reports_page


def wheel(widget, steps: int = -3) -> None:
    """A real wheel event over the middle of ``widget`` (negative scrolls down)."""
    centre = widget.rect().center()
    event = QWheelEvent(QPointF(centre), QPointF(widget.mapToGlobal(centre)), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton,
                        Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def _report_page(make_window, demo_ctx, qtbot):
    window = make_window(demo_ctx)
    window.resize(1200, 700)
    page = window.navigate("reports")
    qtbot.mouseClick(page.start_button, Qt.MouseButton.LeftButton)
    assert page.view is not None
    return window, page


def test_wheel_over_recommendation_scrolls_the_report(make_window, demo_ctx, qtbot):
    window, page = _report_page(make_window, demo_ctx, qtbot)
    box = page.editor.recommendation
    box.setCurrentIndex(box.findData(Recommendation.SATISFACTORY))
    page.editor.summary.setFocus()  # focus elsewhere: the pointer merely passes over
    bar = page.editor.verticalScrollBar()
    page.editor.ensureWidgetVisible(box)
    before = bar.value()
    for steps in (-3, 3, 3):
        wheel(box, steps)
    assert box.currentData() == Recommendation.SATISFACTORY
    assert bar.value() != before  # the wheel scrolled the page instead
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel gives no focus
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    wheel(box, 1)  # once focused, the wheel is the user's choice
    assert box.currentData() != Recommendation.SATISFACTORY


def test_sign_off_dialog_shows_what_is_signed(make_window, demo_ctx, qtbot, monkeypatch):
    window, page = _report_page(make_window, demo_ctx, qtbot)
    box = page.editor.recommendation
    box.setCurrentIndex(box.findData(Recommendation.CONCERNS))
    seen = []

    def fake_exec(dlg):
        seen.append(dlg.signing.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(reports_page.SignOffDialog, "exec", fake_exec)
    page.sign_off()
    assert seen and label(Recommendation.CONCERNS) in seen[0]
    final = reports_page.SignOffDialog("End of placement report", [], recommendation="Fail",
                                       borderline=True)
    qtbot.addWidget(final)
    assert "Fail" in final.signing.text() and "borderline" in final.signing.text()


def test_insert_reference_goes_at_the_cursor_with_spaces(make_window, demo_ctx, qtbot):
    """Defect 8: not at the start of the text, never glued to a word."""
    window, page = _report_page(make_window, demo_ctx, qtbot)
    section = next(s for s in page.editor.sections.values() if s.evidence.count())
    section.narrative.setPlainText("Domain 3: strong work.")
    page.editor.load(page.view)  # as loaded from the database
    section = next(s for s in page.editor.sections.values() if s.evidence.count())
    section.narrative.setPlainText("Domain 3: strong work.")
    section.narrative.moveCursor(section.narrative.textCursor().MoveOperation.Start)
    ref = section.evidence.item(0).data(Qt.ItemDataRole.UserRole)
    section.evidence.setCurrentRow(0)
    qtbot.mouseClick(section.insert_button, Qt.MouseButton.LeftButton)
    assert section.narrative.toPlainText() == f"{ref} Domain 3: strong work."
    cursor = section.narrative.textCursor()
    cursor.setPosition(len("Domain 3:") + len(ref) + 1)  # just after "Domain 3:"
    section.narrative.setTextCursor(cursor)
    section.insert_selected()
    assert f"Domain 3: {ref} strong work." in section.narrative.toPlainText()


def test_reference_after_loading_goes_at_the_end(make_window, demo_ctx, qtbot):
    window, page = _report_page(make_window, demo_ctx, qtbot)
    key, section = next((k, s) for k, s in page.editor.sections.items() if s.evidence.count())
    page.editor.sections[key].narrative.setPlainText("Good progress.")
    page.save(sync=True)
    page.load_now()
    section = page.editor.sections[key]
    section.evidence.setCurrentRow(0)
    section.insert_selected()
    ref = section.evidence.item(0).data(Qt.ItemDataRole.UserRole)
    assert section.narrative.toPlainText() == f"Good progress. {ref}"


def test_keyboard_only_writing_keeps_focus_visible(make_window, demo_ctx, qtbot):
    """Defect 9: Tab through the report; what is typed lands, visibly, where focus is."""
    from tests.gui.conftest import activate

    window, page = _report_page(make_window, demo_ctx, qtbot)
    window.resize(1200, 700)
    activate(qtbot, window)
    last = list(page.editor.sections.values())[-1]
    last.narrative.setFocus()
    qtbot.waitUntil(last.narrative.hasFocus)
    viewport = page.editor.viewport()
    for _ in range(2):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        top_left = focused.mapTo(viewport, focused.rect().topLeft())
        assert viewport.rect().intersects(focused.rect().translated(top_left)), focused
    target = QApplication.focusWidget()
    qtbot.keyClicks(target, "xyz")
    focused = QApplication.focusWidget()
    text = focused.toPlainText() if hasattr(focused, "toPlainText") else ""
    assert "xyz" in text, type(focused).__name__
