"""The app's one date field (issue 16, defects 3 and 4)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from pe_desktop.domain.errors import ValidationError
from pe_desktop.ui.widgets.date_field import DateField, DateParseError, parse_date
from tests.gui.conftest import activate

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize("text, expected", [
    ("27/11/2026", date(2026, 11, 27)), ("27112026", date(2026, 11, 27)),
    ("27/11/26", date(2026, 11, 27)), ("2026-11-27", date(2026, 11, 27)),
    ("7/3/2027", date(2027, 3, 7)), ("27 Nov 2026", date(2026, 11, 27)),
    ("today", TODAY), ("Yesterday", date(2026, 11, 22)), ("+7", date(2026, 11, 30)),
    ("-3", date(2026, 11, 20)), ("", None),
])
def test_parse_accepts_what_people_type(text, expected):
    assert parse_date(text, TODAY) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "2026-13-01", "next week", "23/10", "1234"])
def test_parse_refuses_what_is_not_a_date(text):
    with pytest.raises(DateParseError, match="is not a date"):
        parse_date(text, TODAY)


def _field(qtbot, **kw) -> DateField:
    host = QWidget()
    qtbot.addWidget(host)
    field = DateField(parent=host, today=lambda: TODAY, **kw)
    after = QLineEdit(host)
    after.setObjectName("after")
    host.show()
    qtbot.waitExposed(host)
    activate(qtbot, host)
    field.host_ref = host  # keep the window alive
    return field


def test_typed_digits_become_the_date(qtbot):
    field = _field(qtbot)
    field.edit.clear()
    qtbot.keyClicks(field.edit, "27112026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.value() == date(2026, 11, 27)
    assert field.text() == "27/11/2026"


def test_tab_leaves_the_field_after_typing(qtbot):
    field = _field(qtbot)
    field.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "23/10/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    focused = field.window().focusWidget()
    assert focused is not None and focused.objectName() == "after"
    assert field.value() == date(2026, 10, 23)


def test_a_wrong_date_is_shown_not_changed(qtbot):
    field = _field(qtbot)
    field.setFocus()
    field.edit.selectAll()
    qtbot.keyClicks(field.edit, "31/02/2026")
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.text() == "31/02/2026"  # left exactly as typed
    assert field.message.isVisibleTo(field) and "not a date" in field.message.text()
    with pytest.raises(ValidationError):
        field.value()


def test_out_of_range_is_refused_with_a_message(qtbot):
    field = _field(qtbot)
    field.set_range(maximum=TODAY)
    field.edit.setText("24/11/2026")
    assert not field.is_valid()
    assert "after 23/11/2026" in field.error()
    assert field.text() == "24/11/2026"


def test_calendar_opens_on_the_current_month(qtbot):
    field = _field(qtbot, optional=True)
    cal = field.show_calendar()
    assert (cal.yearShown(), cal.monthShown()) == (2026, 11)
    cal.hide()


def test_optional_date_is_blank_and_clears(qtbot):
    field = _field(qtbot, optional=True)
    assert field.value() is None and field.text() == ""
    cal = field.show_calendar()
    assert (cal.yearShown(), cal.monthShown()) == (2026, 11)  # not January 1900
    cal.hide()
    field.setFocus()
    qtbot.keyClick(field.edit, Qt.Key.Key_Up)  # a day from today, not from 1900
    assert field.value() == date(2026, 11, 24)
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.value() is None
    assert field.edit.isClearButtonEnabled()
    field.edit.setFocus()
    qtbot.keyClicks(field.edit, "11122026")  # typing into a blank field
    qtbot.keyClick(field.edit, Qt.Key.Key_Tab)
    assert field.value() == date(2026, 12, 11)
