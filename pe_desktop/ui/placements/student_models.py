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


Keys = tuple[str, tuple[Any, ...]]  # (folded search text, one sort key per column)


class RowsModel(QAbstractTableModel, Generic[Row]):
    """Base: a list of frozen rows, one per table row, with column headers.

    Each row's folded search text and sort keys are computed once (by
    :meth:`keys_for`, which a background load can call off the GUI thread).
    :meth:`update_rows` brings the model to a new list by removing, changing
    and adding only the rows that differ, so the views and the sorting proxy
    above do work for those rows alone.
    """

    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Row] = []
        self._search: list[str] = []
        self._sort: list[tuple[Any, ...]] = []
        self._row_of: dict[int, int] = {}

    @classmethod
    def keys_for(cls, rows: Sequence[Row]) -> list[Keys]:
        """Search text and sort keys per row (pure Python: safe on any thread)."""
        return [(cls.search_text(r), cls.sort_keys(r)) for r in rows]

    def set_rows(self, rows: Sequence[Row], keys: Sequence[Keys] | None = None) -> None:
        """Replace every row (a model reset)."""
        keys = self.keys_for(rows) if keys is None else keys
        self.beginResetModel()
        self.rows = list(rows)
        self._search = [k[0] for k in keys]
        self._sort = [k[1] for k in keys]
        self._row_of = {r.id: i for i, r in enumerate(self.rows)}
        self.endResetModel()

    def update_rows(self, rows: Sequence[Row], keys: Sequence[Keys] | None = None) -> None:
        """Change only the rows that differ from ``rows`` (matched by id)."""
        if not self.rows:
            self.set_rows(rows, keys)
            return
        wanted = {r.id for r in rows}
        self.patch(rows, keys, remove=[r.id for r in self.rows if r.id not in wanted])

    def patch(self, rows: Sequence[Row], keys: Sequence[Keys] | None = None,
              remove: Sequence[int] = ()) -> None:
        """Replace or add ``rows`` (matched by id) and remove the rows whose ids are in
        ``remove``; every other row is left alone (no signal for it)."""
        keys = self.keys_for(rows) if keys is None else keys
        gone = sorted({self._row_of[i] for i in remove if i in self._row_of})
        for first, last in reversed(_runs(gone)):
            self.beginRemoveRows(QModelIndex(), first, last)
            del self.rows[first:last + 1], self._search[first:last + 1], \
                self._sort[first:last + 1]
            self.endRemoveRows()
        if gone:
            self._row_of = {r.id: i for i, r in enumerate(self.rows)}
        last_column = len(self.HEADERS) - 1
        added = []
        for r, (search, sort) in zip(rows, keys, strict=True):
            i = self._row_of.get(r.id)
            if i is None:
                added.append((r, search, sort))
            elif r != self.rows[i]:
                self.rows[i], self._search[i], self._sort[i] = r, search, sort
                self.dataChanged.emit(self.index(i, 0), self.index(i, last_column))
        if added:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(added) - 1)
            for r, search, sort in added:
                self._row_of[r.id] = len(self.rows)
                self.rows.append(r)
                self._search.append(search)
                self._sort.append(sort)
            self.endInsertRows()

    def row_for_id(self, row_id: int) -> int:
        return self._row_of.get(row_id, -1)

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

    @staticmethod
    def search_text(row: Any) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    @staticmethod
    def sort_keys(row: Any) -> tuple[Any, ...]:  # pragma: no cover - overridden
        """One sort key per column."""
        raise NotImplementedError

    def cell(self, row: Row, column: int, role: int) -> Any:  # pragma: no cover - overridden
        raise NotImplementedError


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Sorted indexes as (first, last) runs of consecutive numbers."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


class StudentTableModel(RowsModel[StudentRow]):
    NAME, NUMBER, UNIVERSITY, PROGRAMME, COHORT, PLACEMENTS = range(6)
    HEADERS = ("Name", "Student ID", "University", "Programme", "Cohort", "Placements")

    @staticmethod
    def search_text(r: StudentRow) -> str:
        return fold(" ".join((r.full_name, r.preferred_name, r.student_number, r.university,
                              r.programme, r.cohort, r.email)))

    @staticmethod
    def sort_keys(r: StudentRow) -> tuple[Any, ...]:
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

    @staticmethod
    def search_text(r: PlacementRow) -> str:
        return fold(" ".join((r.student_name, r.organisation, r.team, label(r.kind),
                              label(r.status))))

    @staticmethod
    def sort_keys(r: PlacementRow) -> tuple[Any, ...]:
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
