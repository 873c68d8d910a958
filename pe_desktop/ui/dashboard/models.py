"""Dumb item models for the dashboard, fed by ``DashboardService`` data."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, Qt

from pe_desktop.domain.enums import label
from pe_desktop.services.dashboard import AttentionItem
from pe_desktop.services.placements.rows import PlacementRow
from pe_desktop.ui.widgets.delegates import (
    DETAIL_ROLE,
    ID_ROLE,
    PROGRESS_ROLE,
    SEVERITY_ROLE,
    SEVERITY_WORDS,
    SORT_ROLE,
)

Index = QModelIndex


class AttentionModel(QAbstractListModel):
    """Attention items, already ordered by urgency by the service."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.items: list[AttentionItem] = []

    def set_items(self, items: list[AttentionItem]) -> None:
        self.beginResetModel()
        self.items = list(items)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == DETAIL_ROLE:
            return item.detail
        if role == SEVERITY_ROLE:
            return int(item.severity)
        if role == ID_ROLE:
            return item.placement_id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{SEVERITY_WORDS[int(item.severity)]}: {item.title}. {item.detail}"
        return None


class ProgressModel(QAbstractTableModel):
    """Open placements with days completed against required days."""

    STUDENT, PLACEMENT, STATUS, NEXT, ENDS, DAYS = range(6)
    HEADERS = ("Student", "Placement", "Status", "Next meeting", "Planned end", "Days completed")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[PlacementRow] = []
        #: placement id → (meeting name, due date) of its next review meeting
        self.next_meetings: dict[int, tuple[str, date]] = {}

    def set_rows(self, rows: list[PlacementRow],
                 next_meetings: dict[int, tuple[str, date]] | None = None) -> None:
        self.next_meetings = dict(next_meetings or {})
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

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
        r = self.rows[index.row()]
        col = index.column()
        if role == ID_ROLE:
            return r.id
        if role == PROGRESS_ROLE and col == self.DAYS:
            return (r.days_completed, r.required_days)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if col == self.STUDENT:
                return r.student_name
            if col == self.PLACEMENT:
                return f"{label(r.kind)} — {r.organisation}"
            if col == self.STATUS:
                return label(r.status)
            if col == self.ENDS:
                return f"{r.planned_end_date:%d %b %Y}"
            if col == self.NEXT:
                nxt = self.next_meetings.get(r.id)
                return f"{nxt[0]}, {nxt[1]:%d %b}" if nxt else "—"
            if col == self.DAYS:
                return f"{r.days_completed} of {r.required_days} days"
        if role == SORT_ROLE:
            nxt = self.next_meetings.get(r.id)
            return (r.student_name, r.kind.value, r.status.value,
                    nxt[1].isoformat() if nxt else "9999", r.planned_end_date.isoformat(),
                    r.progress)[col]
        return None
