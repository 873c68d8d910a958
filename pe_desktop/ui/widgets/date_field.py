"""The app's one date input: type a date the way people write it, or pick it.

Accepted: ``27/11/2026``, ``27112026``, ``27/11/26``, ``27-11-2026``,
``2026-11-27``, ``27 Nov 2026``, ``today``, ``yesterday``, ``tomorrow``, ``+7`` /
``-3`` (days from today). What was typed is never silently changed: text that
is not a date stays as typed, the field turns red and says why, and reading the
field raises a :class:`ValidationError`. Tab leaves the field (it is one line
edit, not day/month/year sections); Up/Down move a day; the calendar button
opens on the field's month or, when blank, on today's month (from the app
context's clock). Optional fields start blank and clear with Delete or the
clear button.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import ValidationError

DISPLAY = "%d/%m/%Y"


def to_qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def from_qdate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class DateParseError(ValueError):
    """The text is not a date; the message says what is accepted."""


_WORDS = {"today": 0, "t": 0, "yesterday": -1, "y": -1, "tomorrow": 1}
_FORMATS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%Y/%m/%d", "%d %b %Y",
            "%d %B %Y", "%d %b %y", "%d/%m/%y", "%d-%m-%y", "%d.%m.%y")
HELP = "Type a date as 27/11/2026, 27112026, 27/11/26, 2026-11-27, today, yesterday or +7"


def parse_date(text: str, today: date) -> date | None:
    """``None`` for blank text; raises :class:`DateParseError` for anything else
    that is not a date."""
    t = " ".join(text.strip().split()).lower()
    if not t:
        return None
    if t in _WORDS:
        return today + timedelta(days=_WORDS[t])
    m = re.fullmatch(r"([+-])\s*(\d{1,4})\s*d?", t)
    if m:
        n = int(m.group(2))
        return today + timedelta(days=n if m.group(1) == "+" else -n)
    if re.fullmatch(r"\d{8}", t) or re.fullmatch(r"\d{6}", t):
        t = f"{t[:2]}/{t[2:4]}/{t[4:]}"
    for fmt in _FORMATS:
        try:
            parsed = datetime.strptime(t, fmt).date()
        except ValueError:
            continue
        if fmt.endswith("%y") and not re.search(r"\d{4}", t):
            parsed = parsed.replace(year=2000 + parsed.year % 100)
        return parsed
    raise DateParseError(f"“{text.strip()}” is not a date. {HELP}.")


class DateField(QWidget):
    """``value()`` is a ``date`` (or ``None`` when ``optional`` and blank).

    Keeps the parts of ``QDateEdit``'s interface the forms use (``date()``,
    ``setDate()``, ``dateChanged``) so any form can use it.
    """

    dateChanged = Signal(QDate)  # noqa: N815 - mirrors QDateEdit
    valueChanged = Signal(object)  # noqa: N815 - date | None

    def __init__(self, value: date | None = None, optional: bool = False,
                 parent: QWidget | None = None, *, today: Callable[[], date],
                 field: str = "date") -> None:
        super().__init__(parent)
        self.optional = optional
        self.field = field
        self._today = today
        self._value: date | None = None
        self._error = ""
        self._min: date | None = None
        self._max: date | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("dd/mm/yyyy" + (" (optional)" if optional else ""))
        self.edit.setToolTip(HELP + (". Delete clears it." if optional else "."))
        self.edit.setClearButtonEnabled(optional)
        self.edit.setMaxLength(40)
        self.edit.setMinimumWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000 ") + 24)
        self.button = QToolButton(self)
        self.button.setText("▾")
        self.button.setToolTip("Choose from a calendar")
        self.button.setAccessibleName("Choose a date from a calendar")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes straight on
        self.button.clicked.connect(self.show_calendar)
        row.addWidget(self.edit, 1)
        row.addWidget(self.button)
        outer.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.message.hide()
        outer.addWidget(self.message)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.edit.editingFinished.connect(self._commit_text)
        self.edit.textEdited.connect(self._typing)
        self.edit.installEventFilter(self)
        self.calendar: QCalendarWidget | None = None
        self.set_value(value)

    # -- reading and writing --------------------------------------------------
    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            value = self._today()
        self._set_error("")
        self.edit.setText(value.strftime(DISPLAY) if value else "")
        self._store(value)

    def value(self) -> date | None:
        """The date shown; raises :class:`ValidationError` while the text is not one."""
        self._commit_text()
        if self._error:
            raise ValidationError({self.field: self._error})
        return self._value

    def draft(self) -> str:
        """For drafts and change tracking: ISO date when valid, else what was typed."""
        try:
            parsed = parse_date(self.edit.text(), self._today())
        except DateParseError:
            return self.edit.text()
        return parsed.isoformat() if parsed else ""

    def restore(self, text: str | None) -> None:
        """Show a :meth:`draft` value again (ISO dates, or text as it was typed)."""
        try:
            self.set_value(date.fromisoformat(text) if text else None)
        except ValueError:
            self.edit.setText(text or "")
            self._commit_text()

    def is_valid(self) -> bool:
        self._commit_text()
        return not self._error

    def error(self) -> str:
        return self._error

    def text(self) -> str:
        return self.edit.text()

    # QDateEdit-compatible
    def date(self) -> QDate:
        v = self.value()
        return to_qdate(v) if v is not None else QDate()

    def setDate(self, q: QDate) -> None:  # noqa: N802 - mirrors QDateEdit
        self.set_value(from_qdate(q) if q.isValid() else None)

    def set_range(self, minimum: date | None = None, maximum: date | None = None) -> None:
        """Dates outside ``minimum``..``maximum`` are refused with a message (never moved)."""
        self._min, self._max = minimum, maximum

    def setMaximumDate(self, q: QDate) -> None:  # noqa: N802 - mirrors QDateEdit
        self._max = from_qdate(q)

    def setMinimumDate(self, q: QDate) -> None:  # noqa: N802 - mirrors QDateEdit
        self._min = from_qdate(q)

    def maximumDate(self) -> QDate:  # noqa: N802 - mirrors QDateEdit
        return to_qdate(self._max) if self._max else QDate()

    def minimumDate(self) -> QDate:  # noqa: N802 - mirrors QDateEdit
        return to_qdate(self._min) if self._min else QDate()

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt API
        super().setAccessibleName(name)
        self.edit.setAccessibleName(name)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        """Screen readers announce the line edit: give it the field's name, or
        the text of the label whose buddy this field is."""
        if not self.edit.accessibleName():
            name = self.accessibleName()
            if not name and self.window() is not None:
                name = next((lab.text() for lab in self.window().findChildren(QLabel)
                             if lab.buddy() is self), "")
            self.edit.setAccessibleName(name.replace("&", "").rstrip(":") or "Date")
        super().showEvent(event)

    # -- behaviour --------------------------------------------------------------
    def _store(self, value: date | None) -> None:
        if value != self._value:
            self._value = value
            if value is not None:
                self.dateChanged.emit(to_qdate(value))
            self.valueChanged.emit(value)

    def _typing(self, _text: str) -> None:
        if self._error:  # the user is correcting it: stop shouting
            self.edit.setStyleSheet("")

    def _commit_text(self) -> None:
        text = self.edit.text()
        try:
            parsed = parse_date(text, self._today())
        except DateParseError as exc:
            self._set_error(str(exc))
            return
        if parsed is None and not self.optional:
            self._set_error(f"Enter a date. {HELP}.")
            return
        if parsed is not None and self._max is not None and parsed > self._max:
            self._set_error(f"{parsed:%d/%m/%Y} is after {self._max:%d/%m/%Y}, the latest "
                            "date allowed here.")
            return
        if parsed is not None and self._min is not None and parsed < self._min:
            self._set_error(f"{parsed:%d/%m/%Y} is before {self._min:%d/%m/%Y}, the earliest "
                            "date allowed here.")
            return
        self._set_error("")
        shown = parsed.strftime(DISPLAY) if parsed else ""
        if shown != text:
            self.edit.setText(shown)
        self._store(parsed)

    def _set_error(self, message: str) -> None:
        self._error = message
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.edit.setStyleSheet("QLineEdit { border: 2px solid #b3261e; }" if message else "")
        self.edit.setAccessibleDescription(message)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        if obj is self.edit and event.type() == QEvent.Type.FocusOut:
            self._commit_text()
        if obj is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            alt = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
            if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
                self.show_calendar()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.step(1 if key == Qt.Key.Key_Up else -1)
                return True
        return super().eventFilter(obj, event)

    def step(self, days: int) -> None:
        """Up/Down: a day later/earlier (from today when blank)."""
        try:
            current = parse_date(self.edit.text(), self._today())
        except DateParseError:
            return
        new = (current or self._today()) + timedelta(days=days)
        self.set_value(new)

    # -- the calendar ----------------------------------------------------------------
    def show_calendar(self) -> QCalendarWidget:
        if self.calendar is None:
            cal = QCalendarWidget(self)
            cal.setWindowFlags(Qt.WindowType.Popup)
            cal.setGridVisible(True)
            cal.setAccessibleName("Calendar")
            cal.clicked.connect(self._picked)
            cal.activated.connect(self._picked)
            self.calendar = cal
        cal = self.calendar
        try:
            current = parse_date(self.edit.text(), self._today())
        except DateParseError:
            current = None
        shown = current or self._today()
        cal.setSelectedDate(to_qdate(shown))
        cal.setCurrentPage(shown.year, shown.month)
        cal.adjustSize()
        cal.move(self.mapToGlobal(self.rect().bottomLeft()))
        cal.show()
        cal.setFocus()
        return cal

    def _picked(self, q: QDate) -> None:
        self.set_value(from_qdate(q))
        if self.calendar is not None:
            self.calendar.hide()
        self.edit.setFocus()

