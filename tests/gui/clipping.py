"""What a user cannot read because it is cut off (issue 16, defect 15).

:func:`clipped` walks the visible widgets under a root and lists text that does
not fit: combo boxes, buttons and check boxes narrower than their text, one-line
labels, header sections, and item-view cells whose text is cut without the whole
of it in the cell's tooltip; and item views that need a horizontal scroll bar.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

#: Cells looked at per view (enough to meet every column's typical content).
ROWS = 40


def _name(w: QWidget) -> str:
    return w.accessibleName() or w.objectName() or type(w).__name__


def _tip_has(tip: object, text: str) -> bool:
    return isinstance(tip, str) and " ".join(text.split()) in " ".join(tip.split())


def _combo(w: QComboBox) -> str | None:
    if w.isEditable() or not w.currentText():
        return None
    opt = QStyleOptionComboBox()
    w.initStyleOption(opt)
    field = w.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                     QStyle.SubControl.SC_ComboBoxEditField, w)
    if w.fontMetrics().horizontalAdvance(w.currentText()) > field.width() + 1 \
            and not _tip_has(w.toolTip(), w.currentText()):
        return f"combo box {_name(w)!r} cuts {w.currentText()!r}"
    return None


def _fitted_tooltip(v: QAbstractItemView, at: QPoint, header: bool = False) -> str:
    """The tooltip the app's column fitter shows for a cut cell or header at ``at``."""
    from pe_desktop.ui.widgets.column_fit import ColumnFitter

    fitter = v.findChild(ColumnFitter) if not header else v.parentWidget().findChild(ColumnFitter)
    if fitter is None:
        return ""
    return fitter.header_tooltip(at) if header else fitter.cell_tooltip(at)


def _view(v: QAbstractItemView) -> list[str]:
    out = []
    bar = v.horizontalScrollBar()
    if bar.isVisible() and bar.maximum() > 0:
        out.append(f"{_name(v)} needs horizontal scrolling ({bar.maximum()} px)")
    model = v.model()
    if model is None:
        return out
    fm = v.fontMetrics()
    wraps = getattr(v, "wordWrap", lambda: False)()
    try:
        columns = model.columnCount(QModelIndex())
    except TypeError:  # a list model keeps columnCount private: one column
        columns = 1
    for row in range(min(ROWS, model.rowCount(QModelIndex()))):
        for col in range(columns):
            index = model.index(row, col)
            rect = v.visualRect(index)
            if rect.isEmpty() or (hasattr(v, "isColumnHidden") and v.isColumnHidden(col)):
                continue
            text = model.data(index, Qt.ItemDataRole.DisplayRole)
            if not isinstance(text, str) or not text.strip() or "\n" in text:
                continue
            # QStyledItemDelegate's text margin: (PM_FocusFrameHMargin + 1) each side
            margin = v.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, v) + 1
            room = rect.width() - 2 * margin
            if model.data(index, Qt.ItemDataRole.DecorationRole) is not None:
                room -= v.iconSize().width() + 4 if v.iconSize().width() > 0 else 20
            if fm.horizontalAdvance(text) > room and not wraps and \
                    not _tip_has(model.data(index, Qt.ItemDataRole.ToolTipRole), text) and \
                    not _tip_has(_fitted_tooltip(v, rect.center()), text):
                header = model.headerData(col, Qt.Orientation.Horizontal) or col
                out.append(f"{_name(v)} column {header!r} cuts {text[:60]!r}")
    return out


def _header(h: QHeaderView) -> list[str]:
    out = []
    model = h.model()
    if model is None or h.orientation() != Qt.Orientation.Horizontal:
        return out
    fm = h.fontMetrics()
    margin = 2 * h.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, h)
    arrow = h.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, h)
    for col in range(h.count()):
        if h.isSectionHidden(col) or h.sectionSize(col) == 0:
            continue
        text = model.headerData(col, Qt.Orientation.Horizontal)
        need = fm.horizontalAdvance(text) + margin if isinstance(text, str) else 0
        if h.isSortIndicatorShown() and h.sortIndicatorSection() == col:
            need += arrow + margin
        at = QPoint(h.sectionViewportPosition(col) + h.sectionSize(col) // 2, h.height() // 2)
        if isinstance(text, str) and need > h.sectionSize(col) and \
                not _tip_has(model.headerData(col, Qt.Orientation.Horizontal,
                                              Qt.ItemDataRole.ToolTipRole), text) and \
                not _tip_has(_fitted_tooltip(h, at, header=True), text):
            out.append(f"{_name(h.parentWidget())} header {text!r} is cut")
    return out


def clipped(root: QWidget) -> list[str]:
    problems: list[str] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root.window()) or not w.isVisible() or w.width() <= 0:
            continue
        if isinstance(w, QComboBox):
            problems += filter(None, [_combo(w)])
        elif isinstance(w, QAbstractButton) and w.text():
            if w.sizeHint().width() > w.width() + 1 and not _tip_has(w.toolTip(), w.text()):
                problems.append(f"button {w.text()!r} is cut ({w.width()} < {w.sizeHint().width()})")
        elif isinstance(w, QLabel) and w.text() and not w.wordWrap() and \
                w.textFormat() == Qt.TextFormat.PlainText:
            if w.fontMetrics().horizontalAdvance(w.text()) > w.contentsRect().width() + 1 and \
                    not _tip_has(w.toolTip(), w.text()):
                problems.append(f"label {w.text()[:60]!r} is cut")
        elif isinstance(w, QHeaderView):
            problems += _header(w)
        elif isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView):
            problems += _view(w)
    return problems
