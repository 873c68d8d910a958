"""Item delegates shared by pages: progress bars and two-line attention items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QStyleOptionViewItem,
)

#: Custom roles shared by the item models.
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
PROGRESS_ROLE = Qt.ItemDataRole.UserRole + 3  # (done, required)
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 4
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 5
FILTER_ROLE = Qt.ItemDataRole.UserRole + 6

SEVERITY_COLOURS = {2: "#b3261e", 1: "#9a5b00", 0: "#3f6e9a"}
SEVERITY_WORDS = {2: "Overdue", 1: "Due soon", 0: "Note"}

Index = QModelIndex | QPersistentModelIndex


class ProgressDelegate(QStyledItemDelegate):
    """Draws ``PROGRESS_ROLE`` (done, required) as a progress bar with text."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        value = index.data(PROGRESS_ROLE)
        if not value:
            super().paint(painter, option, index)
            return
        done, required = value
        style = option.widget.style() if option.widget else QApplication.style()
        # Selection background first, then the bar inset a little.
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            option.widget)
        bar = QStyleOptionProgressBar()
        margin = max(2, option.rect.height() // 6)
        bar.rect = option.rect.adjusted(4, margin, -4, -margin)
        bar.minimum = 0
        bar.maximum = max(1, required)
        bar.progress = min(done, required)
        bar.text = f"{done} / {required} days"
        bar.textVisible = True
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        # Qt 6 reads the orientation from the state; without this the bar fills upwards.
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = option.palette
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter, option.widget)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(max(hint.width(), 150), hint.height())


class AttentionDelegate(QStyledItemDelegate):
    """A severity stripe and word, a bold title and a grey detail line."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:  # noqa: N802
        bold, normal = self._fonts(option)
        h = QFontMetrics(bold).height() + QFontMetrics(normal).height()
        pad = QFontMetrics(normal).height() // 2
        return QSize(300, h + 2 * pad + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        painter.save()
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter,
                            option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        severity = int(index.data(SEVERITY_ROLE) or 0)
        colour = QColor(SEVERITY_COLOURS.get(severity, "#3f6e9a"))
        bold, normal = self._fonts(option)
        fm_b, fm_n = QFontMetrics(bold), QFontMetrics(normal)
        pad = fm_n.height() // 2
        r = option.rect.adjusted(0, 1, 0, -1)
        stripe = max(4, fm_n.height() // 4)
        painter.fillRect(QRect(r.left(), r.top(), stripe, r.height()), colour)
        word = SEVERITY_WORDS.get(severity, "")
        word_w = max(fm_b.horizontalAdvance(w) for w in SEVERITY_WORDS.values()) + pad * 2
        text_left = r.left() + stripe + pad
        group = QPalette.ColorGroup.Active if option.state & QStyle.StateFlag.State_Active \
            else QPalette.ColorGroup.Inactive
        fg = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        # Severity word in its colour (or the selection text colour).
        painter.setFont(bold)
        painter.setPen(fg if selected else colour)
        painter.drawText(QRect(text_left, r.top() + pad, word_w, fm_b.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, word)
        x = text_left + word_w
        width = r.right() - x - pad
        painter.setPen(fg)
        title = fm_b.elidedText(str(index.data(Qt.ItemDataRole.DisplayRole) or ""),
                                Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, r.top() + pad, width, fm_b.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title)
        painter.setFont(normal)
        if not selected:
            painter.setPen(option.palette.color(group, QPalette.ColorRole.PlaceholderText))
        detail = fm_n.elidedText(str(index.data(DETAIL_ROLE) or ""),
                                 Qt.TextElideMode.ElideRight, width)
        painter.drawText(QRect(x, r.top() + pad + fm_b.height(), width, fm_n.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, detail)
        painter.restore()
