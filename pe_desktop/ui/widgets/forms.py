"""Form helpers: a label under each field for its validation message.

Services raise ``ValidationError(problems={field: message})``; a dialog builds
its form with :meth:`FormErrors.add_row` naming the same field keys, then
:meth:`FormErrors.show` puts each message under its field and anything not
tied to a field in the summary at the top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

FIELD_ERROR_STYLE = "color: #b3261e;"


def save_cancel_buttons(dialog: QDialog, on_save: Callable[[], object]) -> QDialogButtonBox:
    """Save / Cancel buttons: Save calls ``on_save`` (which validates and
    accepts), Cancel rejects the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    return buttons


def error_label(parent: QWidget | None = None) -> QLabel:
    lab = QLabel(parent)
    lab.setWordWrap(True)
    lab.setStyleSheet(FIELD_ERROR_STYLE)
    lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    lab.hide()
    return lab


class FormErrors:
    """Per-field error labels plus a summary label for the rest."""

    def __init__(self, summary: QLabel) -> None:
        self.summary = summary
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet(FIELD_ERROR_STYLE + " font-weight: 600;")
        self.summary.hide()
        self.labels: dict[str, QLabel] = {}
        self.widgets: dict[str, QWidget] = {}

    def add_row(self, form: QFormLayout, field: str, text: str, widget: QWidget) -> QWidget:
        """Add ``widget`` to ``form`` with an error label under it."""
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(widget)
        if isinstance(widget, QComboBox | QDateEdit | QSpinBox):
            widget.setSizePolicy(QSizePolicy.Policy.Expanding, widget.sizePolicy().verticalPolicy())
        lab = error_label(box)
        lay.addWidget(lab)
        form.addRow(text, box)
        label_widget = form.labelForField(box)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(widget)
        self.labels[field] = lab
        self.widgets[field] = widget
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        return widget

    def clear(self) -> None:
        self.summary.hide()
        self.summary.clear()
        for lab in self.labels.values():
            lab.hide()
            lab.clear()

    def show(self, problems: dict[str, str]) -> None:
        """Show ``problems``; focus the first field that has one."""
        self.clear()
        loose: list[str] = []
        first: QWidget | None = None
        for field, message in problems.items():
            lab = self.labels.get(field)
            if lab is None:
                loose.append(message)
                continue
            lab.setText(message)
            lab.show()
            if first is None:
                first = self.widgets[field]
        n = len(problems)
        head = "Please correct the highlighted field." if n == 1 else \
            f"Please correct the {n} highlighted fields."
        self.summary.setText("\n".join([head, *loose]) if loose else head)
        self.summary.show()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Messages add lines: let a dialog grow so none is cut off."""
        win = self.summary.window()
        if win is None or win.layout() is None or not win.isWindow():
            return
        win.layout().activate()
        hint = win.sizeHint()
        if hint.height() > win.height() or hint.width() > win.width():
            win.resize(max(hint.width(), win.width()), max(hint.height(), win.height()))

    def message(self, field: str) -> str:
        lab = self.labels.get(field)
        return lab.text() if lab is not None and not lab.isHidden() else ""
