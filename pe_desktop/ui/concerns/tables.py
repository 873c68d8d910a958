"""Editable tables inside the concern editor: the action plan and the concerns meetings."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pe_desktop.services.concerns.rows import ActionInput, MeetingInput
from pe_desktop.ui.widgets.date_field import DateField


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(v: Any) -> date | None:
    return date.fromisoformat(v) if v else None


class _RowsTable(QTableWidget):
    """Text columns and date columns; column 0 keeps the row's record id."""

    touched = Signal()
    HEADERS: tuple[str, ...] = ()
    DATE_COLUMNS: tuple[int, ...] = ()
    OPTIONAL_DATES: tuple[int, ...] = ()

    def __init__(self, today: Callable[[], date], name: str, parent: QWidget | None = None
                 ) -> None:
        super().__init__(0, len(self.HEADERS), parent)
        self._today = today
        self.setHorizontalHeaderLabels(list(self.HEADERS))
        self.setAccessibleName(name)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.itemChanged.connect(lambda *_: self.touched.emit())

    def add_row(self, values: list[Any], ident: int | None = None) -> int:
        r = self.rowCount()
        self.insertRow(r)
        for col, value in enumerate(values):
            if col in self.DATE_COLUMNS:
                field = DateField(value, optional=col in self.OPTIONAL_DATES, today=self._today)
                field.setAccessibleName(f"{self.HEADERS[col]}, row {r + 1}")
                field.dateChanged.connect(lambda *_: self.touched.emit())
                self.setCellWidget(r, col, field)
            else:
                item = QTableWidgetItem(value or "")
                if col == 0:
                    item.setData(Qt.ItemDataRole.UserRole, ident)
                self.setItem(r, col, item)
        return r

    def remove_current(self) -> None:
        r = self.currentRow()
        if r >= 0:
            self.removeRow(r)
            self.touched.emit()

    def cell(self, r: int, col: int) -> Any:
        if col in self.DATE_COLUMNS:
            return self.cellWidget(r, col).value()
        item = self.item(r, col)
        return item.text() if item else ""

    def ident(self, r: int) -> int | None:
        item = self.item(r, 0)
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class ActionPlanTable(_RowsTable):
    HEADERS = ("Action", "Owner", "Review by", "Done on", "Review notes")
    DATE_COLUMNS = (2, 3)
    OPTIONAL_DATES = (2, 3)

    def add_action(self, a: ActionInput) -> None:
        r = self.add_row([a.description, a.owner, a.review_on, a.done_on, a.review_notes], a.id)
        if not a.description:
            self.setCurrentCell(r, 0)
            self.editItem(self.item(r, 0))

    def actions(self) -> tuple[ActionInput, ...]:
        out = []
        for r in range(self.rowCount()):
            desc, owner = self.cell(r, 0), self.cell(r, 1)
            if not desc.strip() and not owner.strip():
                continue  # a row never filled in
            out.append(ActionInput(desc, owner, self.cell(r, 2), self.cell(r, 3),
                                   self.cell(r, 4), self.ident(r)))
        return tuple(out)

    def set_actions(self, actions: list[dict[str, Any]]) -> None:
        self.setRowCount(0)
        for a in actions:
            self.add_row([a.get("description", ""), a.get("owner", ""),
                          _date(a.get("review_on")), _date(a.get("done_on")),
                          a.get("review_notes", "")], a.get("id"))


def action_json(a: ActionInput) -> dict[str, Any]:
    return {"description": a.description, "owner": a.owner, "review_on": _iso(a.review_on),
            "done_on": _iso(a.done_on), "review_notes": a.review_notes, "id": a.id}


class MeetingsTable(_RowsTable):
    HEADERS = ("Attended", "Planned for", "Held on", "Notes")
    DATE_COLUMNS = (1, 2)
    OPTIONAL_DATES = (2,)

    def add_meeting(self, m: MeetingInput) -> None:
        self.add_row([m.attendees, m.planned_on, m.held_on, m.notes], m.id)

    def meetings(self) -> tuple[MeetingInput, ...]:
        return tuple(MeetingInput(self.cell(r, 1), self.cell(r, 2), self.cell(r, 0),
                                  self.cell(r, 3), self.ident(r)) for r in range(self.rowCount()))

    def set_meetings(self, meetings: list[dict[str, Any]]) -> None:
        self.setRowCount(0)
        for m in meetings:
            self.add_row([m.get("attendees", ""), _date(m.get("planned_on")) or self._today(),
                          _date(m.get("held_on")), m.get("notes", "")], m.get("id"))


def meeting_json(m: MeetingInput) -> dict[str, Any]:
    return {"attendees": m.attendees, "planned_on": _iso(m.planned_on),
            "held_on": _iso(m.held_on), "notes": m.notes, "id": m.id}
