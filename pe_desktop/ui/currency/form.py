"""A small form dialog for the currency record's entries.

Fields are described as data (:class:`Field`); the dialog builds the widgets,
returns plain Python values, saves in the background and shows the service's
validation messages next to the form without closing it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import ValidationError
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.forms import highlight_problems, save_cancel_buttons
from pe_desktop.ui.widgets.messages import confirm, show_error


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with an Alt+letter no other label in ``used`` has (first letter of a
    word first, then any letter); ``used`` gains it."""
    candidates = [i for i, ch in enumerate(text) if ch.isalpha() and (i == 0 or text[i - 1] == " ")]
    candidates += [i for i, ch in enumerate(text) if ch.isalpha() and i not in candidates]
    for i in candidates:
        if text[i].lower() not in used:
            used.add(text[i].lower())
            return text[:i] + "&" + text[i:]
    return text


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: str  # text | multiline | date | optional_date | hours | optional_int | choice | bool | domains
    choices: Sequence[tuple[str, Any]] = ()
    placeholder: str = ""
    unset_text: str = "Not set"  # optional_date: the checkbox caption meaning "no date"
    maximum: int = 360
    help: str = ""


class OptionalDateEdit(QWidget):
    """A date that may be left unset (e.g. "still running", "in progress")."""

    def __init__(self, unset_text: str, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = DateField(today, parent=self, today=lambda: today)
        self.unset = QCheckBox(unset_text, self)
        self.unset.toggled.connect(lambda on: self.edit.setEnabled(not on))
        layout.addWidget(self.edit)
        layout.addWidget(self.unset)
        layout.addStretch(1)

    def value(self) -> date | None:
        return None if self.unset.isChecked() else self.edit.value()

    def set_value(self, value: date | None) -> None:
        self.unset.setChecked(value is None)
        if value is not None:
            self.edit.set_value(value)


class DomainPicker(QListWidget):
    """Checkable list of framework domains; the value is a tuple of references."""

    def __init__(self, choices: Sequence[tuple[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        for text, ref in choices:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, ref)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.setMinimumHeight(150)

    def value(self) -> tuple[str, ...]:
        return tuple(
            self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        )

    def set_value(self, refs: Sequence[str]) -> None:
        wanted = set(refs)
        for i in range(self.count()):
            item = self.item(i)
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


class RecordDialog(QDialog):
    """Edit one entry; ``save(values)`` runs in the background and may raise
    :class:`ValidationError`, whose messages are shown in the dialog."""

    def __init__(
        self, title: str, fields: Sequence[Field], values: dict[str, Any],
        save: Callable[[dict[str, Any]], Any], today: date, parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(620)
        self._save = save
        self._fields = list(fields)
        self.widgets: dict[str, QWidget] = {}
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        used: set[str] = {"s", "c"}  # Save, Cancel
        for f in self._fields:
            w = self._make(f, today)
            if f.help:
                w.setToolTip(f.help)
            w.setAccessibleName(f.label)
            self.widgets[f.name] = w
            lbl = QLabel(with_mnemonic(f.label, used) + ":" if f.kind != "bool" else "")
            lbl.setBuddy(w)
            form.addRow(lbl, w)
            if f.name in values:
                self.set_value(f.name, values[f.name])
        body = QWidget()
        body.setLayout(form)
        scroll = QScrollArea(self)  # long forms scroll; Save/Cancel stay visible
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)
        self.errors = QLabel("", self)
        self.errors.setObjectName("formErrors")
        self.errors.setStyleSheet("color: #b3261e;")
        self.errors.setWordWrap(True)
        self.errors.hide()
        layout.addWidget(self.errors)
        self.buttons = save_cancel_buttons(self, self.submit)
        layout.addWidget(self.buttons)
        if self._fields:
            self.widgets[self._fields[0].name].setFocus()
        self._initial = self.values()

    # -- widgets -----------------------------------------------------------
    def _make(self, f: Field, today: date) -> QWidget:
        if f.kind == "text":
            w = QLineEdit(self)
            w.setPlaceholderText(f.placeholder)
            return w
        if f.kind == "multiline":
            w = QPlainTextEdit(self)
            w.setPlaceholderText(f.placeholder)
            w.setTabChangesFocus(True)
            w.setMinimumHeight(80)
            return w
        if f.kind == "date":
            return DateField(today, parent=self, today=lambda: today, field=f.name)
        if f.kind == "optional_date":
            return OptionalDateEdit(f.unset_text, today, self)
        if f.kind == "hours":
            w = QDoubleSpinBox(self)
            w.setRange(0, 200)
            w.setDecimals(1)
            w.setSingleStep(0.5)
            w.setSuffix(" h")
            return w
        if f.kind == "optional_int":
            w = QSpinBox(self)
            w.setRange(-1, f.maximum)
            w.setSpecialValueText("—")  # -1 shows as "not recorded"
            w.setValue(-1)
            return w
        if f.kind == "choice":
            w = QComboBox(self)
            for text, data in f.choices:
                w.addItem(text, data)
            return w
        if f.kind == "bool":
            return QCheckBox(f.label, self)
        if f.kind == "domains":
            return DomainPicker(f.choices, self)
        raise ValueError(f"unknown field kind {f.kind}")

    def set_value(self, name: str, value: Any) -> None:
        w = self.widgets[name]
        if isinstance(w, QLineEdit):
            w.setText(value or "")
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(value or "")
        elif isinstance(w, OptionalDateEdit | DomainPicker):
            w.set_value(value)
        elif isinstance(w, DateField):
            if value is not None:
                w.set_value(value)
        elif isinstance(w, QDoubleSpinBox):
            w.setValue(float(value or 0))
        elif isinstance(w, QSpinBox):
            w.setValue(-1 if value is None else int(value))
        elif isinstance(w, QComboBox):
            idx = w.findData(value)
            w.setCurrentIndex(max(idx, 0))
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(value))

    def value(self, name: str) -> Any:
        w = self.widgets[name]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, OptionalDateEdit | DomainPicker):
            return w.value()
        if isinstance(w, DateField):
            return w.value()
        if isinstance(w, QDoubleSpinBox):
            return w.value()
        if isinstance(w, QSpinBox):
            return None if w.value() < 0 else w.value()
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        raise TypeError(name)

    def values(self) -> dict[str, Any]:
        return {f.name: self.value(f.name) for f in self._fields}

    def reject(self) -> None:
        """Cancel / Esc: ask before throwing away what was typed."""
        try:
            changed = self.values() != self._initial
        except ValidationError:
            changed = True
        if changed and not confirm(
                self, "Discard changes?", "Close without saving your changes?", "Discard"):
            return
        super().reject()

    # -- saving ------------------------------------------------------------
    def submit(self) -> None:
        try:
            values = self.values()
        except ValidationError as exc:
            self._failed(exc)
            return
        self.buttons.setEnabled(False)
        run_in_background(lambda: self._save(values), self._saved, self._failed)

    def _saved(self, result: Any) -> None:
        self.buttons.setEnabled(True)
        self.result_value = result
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, ValidationError):
            show_error(self, exc)
            return
        self.errors.setText("\n".join(f"• {m}" for m in exc.problems.values()))
        self.errors.show()
        highlight_problems(self.widgets, exc.problems)
