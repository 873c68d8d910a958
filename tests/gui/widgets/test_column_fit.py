"""Tables fit their width (issue 16, defect 15): no sideways scrolling, short
columns whole, long text elided with the whole of it in the tooltip, optional
columns stepping aside in a narrow pane."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint
from PySide6.QtGui import QHelpEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView, QToolTip

from pe_desktop.ui.widgets.column_fit import fit_columns, share_width
from pe_desktop.ui.widgets.record_table import Column, RecordTable


def test_share_width_keeps_short_columns_and_cuts_the_widest():
    assert share_width([50, 80, 100], 300, 2) == [50, 80, 170]  # spare to the stretch column
    out = share_width([70, 400, 90, 300], 400, None, [40, 60, 50, 60])
    assert sum(out) == 400 and out[0] == 70 and out[2] == 90  # short ones whole
    assert out[1] < 400 and out[3] < 300
    tight = share_width([100, 300, 300], 250, None, [100, 90, 90])
    assert sum(tight) == 250 and tight[0] == 100  # the naming column is kept
    assert sum(share_width([100] * 6, 30, None, [80] * 6)) <= 30


@dataclass(frozen=True)
class _Row:
    id: int
    date: str
    text: str


def _tooltip(view, at: QPoint) -> str:
    """What a user resting the pointer sees (Qt hides tooltips on a timer, so this
    is read once per test)."""
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, at, view.mapToGlobal(at)))
    return QToolTip.text() if QToolTip.isVisible() else ""


def test_record_table_fits_and_shows_cut_text_in_a_tooltip(qtbot):
    long = "We discussed the team's duty system and when to escalate to a manager " * 3
    table = RecordTable([Column("Date", lambda r: r.date), Column("Discussion", lambda r: r.text),
                         Column("Domains", lambda r: "2, 5, 7")])
    qtbot.addWidget(table)
    table.resize(420, 200)
    table.show()
    table.set_rows([_Row(1, "Tue 01/09/2026", long), _Row(2, "Tue 08/09/2026", "Short")])
    qtbot.waitUntil(lambda: table.horizontalHeader().length() == table.viewport().width())
    assert table.horizontalScrollBar().maximum() == 0
    fm = table.fontMetrics()
    assert table.columnWidth(0) >= fm.horizontalAdvance("Tue 01/09/2026")  # dates whole
    assert table.columnWidth(2) >= fm.horizontalAdvance("Domains")
    cell = table.visualRect(table.model().index(0, 1)).center()
    assert _tooltip(table.viewport(), cell) == long  # the whole discussion
    short = table.visualRect(table.model().index(1, 1)).center()
    assert table.fitter.cell_tooltip(short) == ""  # nothing cut, no tooltip
    assert table.fitter.cell_tooltip(cell) == long
    table.resize(1600, 200)  # room again: nothing cut
    qtbot.waitUntil(lambda: table.columnWidth(1) >= fm.horizontalAdvance(long))


def test_optional_columns_step_aside_when_narrow_and_return(qtbot):
    model = QStandardItemModel(3, 4)
    model.setHorizontalHeaderLabels(["Name", "Student ID", "University", "Cohort"])
    for r in range(3):
        for c, text in enumerate(("Dónal Ó Súilleabháin", "QA200009", "University of Northfield",
                                  "2025")):
            model.setItem(r, c, QStandardItem(text))
    view = QTableView()
    view.setModel(model)
    qtbot.addWidget(view)
    fit_columns(view, optional=(1, 3))
    view.resize(150, 150)
    view.show()
    qtbot.waitUntil(lambda: view.horizontalHeader().isSectionHidden(1))
    assert view.horizontalHeader().isSectionHidden(3)
    assert view.horizontalScrollBar().maximum() == 0
    view.resize(900, 150)
    qtbot.waitUntil(lambda: not view.horizontalHeader().isSectionHidden(1))
    assert not view.horizontalHeader().isSectionHidden(3)
