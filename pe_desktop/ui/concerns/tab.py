"""The placement panel's Concerns tab: the placement's causes for concern."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.concerns import label
from pe_desktop.services.concerns.rows import ConcernRow
from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementDetail
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import confirm


def open_concern_dialog(ctx: AppContext, placement_id: int, concern: ConcernRow | None,
                        parent: QWidget, *, link_midway: bool = False) -> ConcernRow | None:
    """Show the editor; the saved concern, or None if cancelled."""
    from pe_desktop.ui.concerns.dialog import ConcernDialog

    dlg = ConcernDialog(ctx, placement_id, concern, link_midway=link_midway, parent=parent)
    if dlg.exec() == ConcernDialog.DialogCode.Accepted:
        return dlg.concern
    return None


class ConcernsTab(QWidget):
    """Lists the concerns; New / Edit / Delete. ``changed`` after any save."""

    changed = Signal()
    HEADERS = ("Raised", "By", "Concern", "Actions open", "Next review", "Outcome")

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.placement_id: int | None = None
        self.rows: list[ConcernRow] = []
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(list(self.HEADERS))
        self.table.setAccessibleName("Causes for concern")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self.edit())
        self.new_button = QPushButton("New con&cern…")
        self.new_button.clicked.connect(self.new)
        self.edit_button = QPushButton("Edit concern…")
        self.edit_button.clicked.connect(self.edit)
        self.delete_button = QPushButton("Delete concern")
        self.delete_button.clicked.connect(self.delete)
        self.hint = QLabel("Record a cause for concern with the agreed action plan, owners and "
                           "review dates; concerns meetings appear on the Meetings tab and "
                           "reviews due on the dashboard.")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        for b in (self.new_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.hint)

    def set_placement(self, detail: PlacementDetail | None) -> None:
        self.placement_id = detail.placement.id if detail else None
        self.reload()

    def reload(self) -> None:
        pid = self.placement_id
        if pid is None:
            self._fill([])
            return
        run_in_background(lambda: ConcernService(self.ctx).list(pid),
                          lambda rows: self._fill(rows) if pid == self.placement_id else None,
                          owner=self)

    def _fill(self, rows: list[ConcernRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for r, c in enumerate(rows):
            open_actions = [a for a in c.actions if a.done_on is None]
            reviews = sorted(a.review_on for a in open_actions if a.review_on)
            values = (
                f"{c.raised_on:%d/%m/%Y}", label(c.raised_by),
                c.description.strip().splitlines()[0] if c.description.strip() else "",
                f"{len(open_actions)} of {len(c.actions)}",
                f"{reviews[0]:%d/%m/%Y}" if reviews and c.is_open else "—",
                c.outcome_text + (" · midway report" if c.report_id else ""),
            )
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setToolTip(c.description)
                self.table.setItem(r, col, item)
        if rows:
            self.table.selectRow(0)
        for b in (self.edit_button, self.delete_button):
            b.setEnabled(bool(rows))
        self.new_button.setEnabled(self.placement_id is not None)

    def current(self) -> ConcernRow | None:
        r = self.table.currentRow()
        return self.rows[r] if 0 <= r < len(self.rows) else None

    def new(self) -> None:
        if self.placement_id is not None and open_concern_dialog(
                self.ctx, self.placement_id, None, self):
            self._saved()

    def edit(self, concern: ConcernRow | None = None) -> None:
        concern = concern or self.current()
        if concern is not None and open_concern_dialog(
                self.ctx, concern.placement_id, concern, self):
            self._saved()

    def delete(self) -> None:
        c = self.current()
        if c is None or not confirm(self, "Delete concern?",
                                    f"Delete the concern raised on {c.raised_on:%d/%m/%Y}, with "
                                    "its action plan and meetings? This cannot be undone.",
                                    "Delete concern"):
            return
        ConcernService(self.ctx).delete(c.id)
        self._saved()

    def _saved(self) -> None:
        self.reload()
        self.changed.emit()
