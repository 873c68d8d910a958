"""A combo box listing placements, used by pages that work on one placement."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QSizePolicy,
    QStyle,
    QStyleOptionComboBox,
    QStylePainter,
    QWidget,
)

from pe_desktop.domain.enums import PlacementStatus, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementRow, PlacementService
from pe_desktop.ui.background import run_in_background


class ElidingComboBox(QComboBox):
    """A combo box that, when narrower than its current text, shows it elided in
    the middle ("Saoirse Chowdhury — Final…(Jul 2026, active)") rather than cut
    at the edge, with the whole text as its tooltip (issue 16, defect 15)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentTextChanged.connect(self.setToolTip)

    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt API
        if self.toolTip() != self.currentText():  # also after a fill with signals blocked
            self.setToolTip(self.currentText())
        painter = QStylePainter(self)
        opt = QStyleOptionComboBox()
        self.initStyleOption(opt)
        painter.drawComplexControl(QStyle.ComplexControl.CC_ComboBox, opt)
        field = self.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, opt,
                                            QStyle.SubControl.SC_ComboBoxEditField, self)
        opt.currentText = self.fontMetrics().elidedText(
            opt.currentText, Qt.TextElideMode.ElideMiddle, max(0, field.width() - 2))
        painter.drawControl(QStyle.ControlElement.CE_ComboBoxLabel, opt)


class PlacementPicker(ElidingComboBox):
    """Emits :attr:`placement_changed` with the chosen placement id (or None)."""

    placement_changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setMinimumContentsLength(40)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        # Take the room the page header has left, so the whole name shows where it can.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Placement")
        self._pending: int | None = None
        self.currentIndexChanged.connect(self._emit)

    @staticmethod
    def text_for(row: PlacementRow) -> str:
        return (
            f"{row.student_name} — {label(row.kind)}, {row.organisation} "
            f"({row.start_date:%b %Y}, {label(row.status).lower()})"
        )

    def reload(self, select_id: int | None = None) -> None:
        """Reload in the background; keeps (or sets) the selection."""
        keep = select_id if select_id is not None else self.current_placement_id()
        run_in_background(
            lambda: PlacementService(self.ctx).list(), lambda rows: self._fill(rows, keep)
        )

    def set_rows(self, rows: list[PlacementRow], select_id: int | None = None) -> None:
        self._fill(rows, select_id)

    def _fill(self, rows: list[PlacementRow], select_id: int | None) -> None:
        self.blockSignals(True)
        self.clear()
        for row in rows:
            self.addItem(self.text_for(row), row.id)
        if select_id is None:
            select_id = self.suggested(rows)
        idx = self.findData(select_id) if select_id is not None else (0 if rows else -1)
        self.setCurrentIndex(idx if idx >= 0 else (0 if rows else -1))
        self.blockSignals(False)
        self._emit()

    @staticmethod
    def suggested(rows: list[PlacementRow]) -> int | None:
        """The placement a page opens on: the running one furthest along (it has
        the most supervision, evidence and reports to show), else the first."""
        running = [r for r in rows if r.status in (PlacementStatus.ACTIVE,
                                                   PlacementStatus.EXTENDED)]
        if running:
            return max(running, key=lambda r: (r.days_completed, -r.id)).id
        return rows[0].id if rows else None

    def current_placement_id(self) -> int | None:
        data = self.currentData()
        return int(data) if data is not None else None

    def select(self, placement_id: int) -> None:
        idx = self.findData(placement_id)
        if idx >= 0:
            self.setCurrentIndex(idx)
        else:
            self.reload(placement_id)

    def _emit(self, *_: object) -> None:
        self.placement_changed.emit(self.current_placement_id())
