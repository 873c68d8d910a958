"""Pick framework domains: a checkable list, optionally with a note per domain."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pe_desktop.domain.frameworks import Framework


class DomainChecklist(QTableWidget):
    """Rows are the framework's domains; column 0 checkable, column 1 a note (optional)."""

    changed = Signal()

    def __init__(self, framework: Framework, with_notes: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(len(framework.domains), 2 if with_notes else 1, parent)
        self.framework = framework
        self.with_notes = with_notes
        self.setHorizontalHeaderLabels(["Domain", "What it shows"][: self.columnCount()])
        self.verticalHeader().hide()
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName("Domains")
        for r, d in enumerate(framework.domains):
            item = QTableWidgetItem(f"{d.number}. {d.title}")
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled
                          | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip(d.summary)
            item.setData(Qt.ItemDataRole.UserRole, d.key)
            self.setItem(r, 0, item)
            if with_notes:
                self.setItem(r, 1, QTableWidgetItem(""))
        hh = self.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.itemChanged.connect(self._on_item_changed)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 1 and item.text().strip():
            head = self.item(item.row(), 0)
            if head.checkState() != Qt.CheckState.Checked:
                head.setCheckState(Qt.CheckState.Checked)  # typing a note maps the domain
        self.changed.emit()

    def keys(self) -> tuple[str, ...]:
        return tuple(
            self.item(r, 0).data(Qt.ItemDataRole.UserRole) for r in range(self.rowCount())
            if self.item(r, 0).checkState() == Qt.CheckState.Checked
        )

    def notes(self) -> dict[str, str]:
        if not self.with_notes:
            return {k: "" for k in self.keys()}
        return {
            self.item(r, 0).data(Qt.ItemDataRole.UserRole): self.item(r, 1).text().strip()
            for r in range(self.rowCount())
            if self.item(r, 0).checkState() == Qt.CheckState.Checked
        }

    def set_checked(self, keys: tuple[str, ...] | list[str], notes: dict[str, str] | None = None) -> None:
        notes = notes or {}
        self.blockSignals(True)
        for r in range(self.rowCount()):
            key = self.item(r, 0).data(Qt.ItemDataRole.UserRole)
            self.item(r, 0).setCheckState(
                Qt.CheckState.Checked if key in keys else Qt.CheckState.Unchecked)
            if self.with_notes:
                self.item(r, 1).setText(notes.get(key, ""))
        self.blockSignals(False)
        self.changed.emit()

    def set_key_checked(self, key: str, checked: bool = True) -> None:
        for r in range(self.rowCount()):
            if self.item(r, 0).data(Qt.ItemDataRole.UserRole) == key:
                self.item(r, 0).setCheckState(
                    Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
