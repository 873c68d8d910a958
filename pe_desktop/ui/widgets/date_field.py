"""Date inputs: a calendar-popup date edit, optionally allowed to be blank."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QWidget

_BLANK = QDate(1900, 1, 1)


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateField(QDateEdit):
    """``value()`` is a ``date`` (or ``None`` when ``optional`` and left blank).

    ``today`` is the app context's clock (``ctx.today``): a blank field opens
    its calendar on today's month, never on the machine's own idea of today.
    """

    def __init__(self, value: date | None = None, optional: bool = False,
                 parent: QWidget | None = None, *, today: Callable[[], date]) -> None:
        super().__init__(parent)
        self.optional = optional
        self._today = today
        self.setCalendarPopup(True)
        self.setDisplayFormat("dd/MM/yyyy")
        if optional:
            self.setMinimumDate(_BLANK)
            self.setSpecialValueText("—")
            self.setToolTip("Delete clears the date")
            now = today()
            self.calendarWidget().setCurrentPage(now.year, now.month)
        self.set_value(value)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        from PySide6.QtCore import Qt

        if self.optional and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and \
                self.lineEdit().selectedText() == self.lineEdit().text():
            self.set_value(None)
            return
        super().keyPressEvent(event)

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_BLANK if self.optional else to_qdate(self._today()))
        else:
            self.setDate(to_qdate(value))

    def value(self) -> date | None:
        q = self.date()
        if self.optional and q == _BLANK:
            return None
        return from_qdate(q)
