"""A read-only table of frozen rows with sortable columns, and a list tab
(table + Add / Edit / Delete buttons) used by the Currency page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Any], str]
    sort: Callable[[Any], Any] | None = None  # defaults to the text
    tooltip: Callable[[Any], str] | None = None


class RowsModel(QAbstractTableModel):
    """Dumb model: rows are handed in by the page; no database access here."""

    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return col.text(row)
        if role == SORT_ROLE:
            key = (col.sort or col.text)(row)
            return "" if key is None else key
        if role == Qt.ItemDataRole.ToolTipRole and col.tooltip:
            return col.tooltip(row)
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header
        return None


class RecordTab(QWidget):
    """A table of one kind of entry with Add / Edit / Delete (and extra) buttons."""

    def __init__(
        self, columns: Sequence[Column], *, noun: str, empty_text: str,
        on_add: Callable[[], None] | None = None,
        on_edit: Callable[[Any], None] | None = None,
        on_delete: Callable[[Any], None] | None = None,
        editable: Callable[[Any], bool] = lambda row: True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.noun = noun
        self.editable = editable
        self._on_edit, self._on_delete = on_edit, on_delete
        self.model = RowsModel(columns, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView(self)
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        # Keep the service's order (newest first) until the user clicks a header.
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.setAccessibleName(noun)
        self.view.doubleClicked.connect(lambda _i: self.edit_selected())
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: palette(mid); padding: 6px;")

        self.buttons = QHBoxLayout()
        self.add_button = self._button(f"&Add {noun}…", on_add) if on_add else None
        self.edit_button = self._button("&Edit…", self.edit_selected) if on_edit else None
        self.delete_button = self._button("&Delete…", self.delete_selected) if on_delete else None
        self.buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        if on_delete:
            sc = QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.delete_selected)
        for key in ("Return", "Enter"):
            sc = QShortcut(QKeySequence(key), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)
            sc.activated.connect(self.edit_selected)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self._update_buttons()

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(lambda _=False: slot())
        self.buttons.addWidget(b)
        return b

    def add_extra_button(self, text: str, slot: Callable[[Any], None],
                         enabled: Callable[[Any], bool] = lambda r: True) -> QPushButton:
        b = QPushButton(text, self)
        b.setProperty("needs_row", enabled)
        b.clicked.connect(lambda _=False: (self.selected() is not None)
                          and slot(self.selected()))
        self.buttons.insertWidget(self.buttons.count() - 1, b)
        self._update_buttons()
        return b

    def set_rows(self, rows: Sequence[Any]) -> None:
        keep = self.selected()
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self.view.resizeColumnsToContents()
        for c in range(self.model.columnCount() - 1):
            if self.view.columnWidth(c) > 320:
                self.view.setColumnWidth(c, 320)
        if keep is not None:
            key = getattr(keep, "id", None)
            for r in range(self.proxy.rowCount()):
                row = self.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole)
                if key is not None and getattr(row, "id", None) == key and type(row) is type(keep):
                    self.view.selectRow(r)
                    break
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return rows[0].data(Qt.ItemDataRole.UserRole) if rows else None

    def select_first(self) -> None:
        if self.proxy.rowCount():
            self.view.selectRow(0)

    def _update_buttons(self) -> None:
        row = self.selected()
        ok = row is not None and self.editable(row)
        if self.edit_button:
            self.edit_button.setEnabled(ok)
        if self.delete_button:
            self.delete_button.setEnabled(ok)
        for i in range(self.buttons.count()):
            w = self.buttons.itemAt(i).widget()
            needs = w.property("needs_row") if w is not None else None
            if callable(needs):
                w.setEnabled(row is not None and bool(needs(row)))

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None and self._on_edit and self.editable(row):
            self._on_edit(row)

    def delete_selected(self) -> None:
        row = self.selected()
        if row is not None and self._on_delete and self.editable(row):
            self._on_delete(row)
