"""The status at a glance: current / at risk / lapsed, each reason and its date."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.currency import CurrencyStatus, State, fmt

COLOURS = {
    State.CURRENT: "#1e7b34",
    State.AT_RISK: "#9a5b00",
    State.LAPSED: "#b3261e",
}
SYMBOLS = {State.CURRENT: "✔", State.AT_RISK: "!", State.LAPSED: "✖"}


def _date_text(d: date | None, state: State, today: date) -> str:
    if d is None:
        return "—"
    if state == State.LAPSED and d <= today:
        return f"lapsed {fmt(d)}"
    return f"lapses {fmt(d)}"


class StatusPanel(QFrame):
    #: (rule value, placement id or None) of the reason the user activated.
    reason_activated = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("currencyStatus")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.badge = QLabel("…", self)
        self.badge.setObjectName("currencyBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.badge.setMinimumWidth(130)
        self.summary = QLabel("Loading your currency record…", self)
        self.summary.setWordWrap(True)
        top.addWidget(self.badge)
        top.addWidget(self.summary, 1)
        layout.addLayout(top)
        self.reasons = QTreeWidget(self)
        self.reasons.setObjectName("currencyReasons")
        self.reasons.setRootIsDecorated(False)
        self.reasons.setColumnCount(4)
        self.reasons.setHeaderLabels(["Status", "Rule", "Why", "Date"])
        self.reasons.setAccessibleName("Currency reasons")
        self.reasons.setToolTip("Double-click (or press Enter on) a reason to see its records")
        self.reasons.itemActivated.connect(self._activated)
        header = self.reasons.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.reasons.setWordWrap(True)
        self.reasons.setStyleSheet("QTreeWidget::item { padding: 2px 0; }")
        self.reasons.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        layout.addWidget(self.reasons)
        self.warnings = QLabel("", self)
        self.warnings.setObjectName("currencyWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(
            "background: #fff4d6; color: #5c3b00; border: 1px solid #e0b54a;"
            " border-radius: 4px; padding: 6px;")
        self.warnings.hide()
        layout.addWidget(self.warnings)

    def show_status(self, st: CurrencyStatus, pe_name: str = "") -> None:
        colour = COLOURS[st.state]
        self.badge.setText(f"{SYMBOLS[st.state]}  {st.state.label}")
        self.badge.setStyleSheet(
            f"background: {colour}; color: white; font-size: 18px; font-weight: 600;"
            " border-radius: 6px; padding: 10px 14px;")
        bits = [f"<b>{pe_name or 'Your'}{'’s' if pe_name else ''} currency</b> on {fmt(st.today)}"]
        problems = st.problems
        if problems:
            bits.append(f"{len(problems)} of {len(st.reasons)} checks need attention")
        else:
            bits.append("every check is met")
        if st.next_lapse:
            bits.append(f"next lapse {fmt(st.next_lapse)}")
        bits.append(f"PEPS stage {st.peps_stage}" if st.peps_stage else "no PEPS stage recorded")
        self.summary.setText(" · ".join(bits) + f"<br><small>Policy: {st.policy.name}</small>")
        self.reasons.clear()
        for r in st.reasons:
            item = QTreeWidgetItem([f"{SYMBOLS[r.state]} {r.state.label}", r.title, r.text,
                                    _date_text(r.lapses_on, r.state, st.today)])
            brush = QBrush(QColor(COLOURS[r.state]))
            item.setForeground(0, brush)
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            item.setToolTip(2, r.text)
            item.setData(0, Qt.ItemDataRole.UserRole, (r.rule.value, r.placement_id))
            self.reasons.addTopLevelItem(item)
        self._fit_reasons()
        if st.warnings:
            self.warnings.setText("⚠ " + "<br>⚠ ".join(w.text for w in st.warnings))
            self.warnings.show()
        else:
            self.warnings.hide()

    def _fit_reasons(self) -> None:
        """Tall enough for every reason (up to eight), no empty space below."""
        rows = self.reasons.topLevelItemCount()
        row_h = self.reasons.sizeHintForRow(0) if rows else 20
        height = self.reasons.header().sizeHint().height() + min(rows, 8) * row_h + 6
        self.reasons.setFixedHeight(max(height, 60))

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        rule, placement_id = item.data(0, Qt.ItemDataRole.UserRole)
        self.reason_activated.emit(rule, placement_id)
