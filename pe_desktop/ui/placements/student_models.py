"""Dumb table models for students and placements, and the filter proxy.

The models hold rows handed to them by services; they never touch the
database. :class:`SearchProxy` filters as you type, ignoring case and
accents ("zoe" finds "Zoë"), and sorts on ``SORT_ROLE``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from pe_desktop.domain.enums import PlacementStatus, label
from pe_desktop.services.placements.service import PlacementRow
from pe_desktop.services.placements.students import StudentRow
from pe_desktop.ui.widgets.delegates import FILTER_ROLE, ID_ROLE, PROGRESS_ROLE, SORT_ROLE

Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row", StudentRow, PlacementRow)


def fold(text: str) -> str:
    """Lower-case without accents, for matching what people type."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ł", "l")


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Base: a list of frozen rows, one per table row, with column headers."""

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._search: list[str] = []
        self._sort: list[tuple[Any, ...]] = []

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        # Computed once per load: sorting and filtering ask for these many times.
        self._search = [self.search_text(r) for r in self.rows]
        self._sort = [self.sort_keys(r) for r in self.rows]
        self.endResetModel()

    def row_for_id(self, row_id: int) -> int:
        return next((i for i, r in enumerate(self.rows) if r.id == row_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == FILTER_ROLE:
            return self._search[index.row()]
        if role == SORT_ROLE:
            return self._sort[index.row()][index.column()]
        return self.cell(row, index.column(), role)

    def search_text(self, row: Row) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def sort_keys(self, row: Row) -> tuple[Any, ...]:  # pragma: no cover - overridden
        """One sort key per column."""
        raise NotImplementedError

    def cell(self, row: Row, column: int, role: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError


class StudentTableModel(RowsModel[StudentRow]):
    NAME, NUMBER, UNIVERSITY, PROGRAMME, COHORT, PLACEMENTS = range(6)
    HEADERS = ("Name", "Student ID", "University", "Programme", "Cohort", "Placements")

    def search_text(self, r: StudentRow) -> str:
        return fold(" ".join((r.full_name, r.preferred_name, r.student_number, r.university,
                              r.programme, r.cohort, r.email)))

    def sort_keys(self, r: StudentRow) -> tuple[Any, ...]:
        return (fold(r.full_name), r.student_number, fold(r.university), fold(r.programme),
                r.cohort, r.placement_count)

    def cell(self, r: StudentRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = (r.display_name, r.student_number, r.university, r.programme, r.cohort,
                    str(r.placement_count))[column]
            if column == self.NAME and r.archived:
                text += " (archived)"
            return text
        if role == Qt.ItemDataRole.ForegroundRole and r.archived:
            return QColor("#777777")
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.PLACEMENTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


STATUS_COLOURS = {
    PlacementStatus.ACTIVE: "#1f6f3a",
    PlacementStatus.SUSPENDED: "#9a5b00",
    PlacementStatus.EXTENDED: "#3f6e9a",
    PlacementStatus.TERMINATED: "#b3261e",
}


class PlacementTableModel(RowsModel[PlacementRow]):
    KIND, ORGANISATION, START, END, STATUS, DAYS = range(6)
    HEADERS = ("Placement", "Organisation", "Start", "Planned end", "Status", "Days")

    def search_text(self, r: PlacementRow) -> str:
        return fold(" ".join((r.student_name, r.organisation, r.team, label(r.kind),
                              label(r.status))))

    def sort_keys(self, r: PlacementRow) -> tuple[Any, ...]:
        return (r.kind.value, fold(r.organisation), r.start_date.isoformat(),
                r.planned_end_date.isoformat(), r.status.value, r.progress)

    def cell(self, r: PlacementRow, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            status = label(r.status) + (" (archived)" if r.archived else "")
            return (label(r.kind), r.organisation, f"{r.start_date:%d/%m/%Y}",
                    f"{r.planned_end_date:%d/%m/%Y}", status,
                    f"{r.days_completed} / {r.required_days}")[column]
        if role == PROGRESS_ROLE and column == self.DAYS:
            return (r.days_completed, r.required_days)
        if role == Qt.ItemDataRole.ForegroundRole:
            if r.archived:
                return QColor("#777777")
            if column == self.STATUS and r.status in STATUS_COLOURS:
                return QColor(STATUS_COLOURS[r.status])
        return None


class SearchProxy(QSortFilterProxyModel):
    """Every word typed must appear in the row (case and accents ignored)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_search(self, text: str) -> None:
        self.beginFilterChange()
        self._words = fold(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802
        if not self._words:
            return True
        model = self.sourceModel()
        haystack = str(model.data(model.index(source_row, 0, source_parent), FILTER_ROLE) or "")
        return all(w in haystack for w in self._words)
