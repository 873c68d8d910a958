"""Form helpers: a label under each field for its validation message.

Services raise ``ValidationError(problems={field: message})``; a dialog builds
its form with :meth:`FormErrors.add_row` naming the same field keys, then
:meth:`FormErrors.show` puts each message under its field and anything not
tied to a field in the summary at the top.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
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
#: The outline a field with a problem gets (removed when the problems are cleared).
INVALID_STYLE = "border: 2px solid #b3261e;"


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Outline ``widget`` (or, for a composite, its focus proxy) in red."""
    target = widget.focusProxy() or widget
    name = type(target).__name__
    if invalid:
        if not target.property("_pe_invalid"):
            target.setProperty("_pe_sheet", target.styleSheet())
        target.setStyleSheet(f"{name} {{ {INVALID_STYLE} }}")
        target.setProperty("_pe_invalid", True)
    elif target.property("_pe_invalid"):
        target.setStyleSheet(target.property("_pe_sheet") or "")
        target.setProperty("_pe_invalid", False)


def highlight_problems(widgets: dict[str, QWidget], problems: dict[str, str]) -> QWidget | None:
    """Outline each widget with a problem, focus the first; returns it (or None)."""
    first: QWidget | None = None
    for field, widget in widgets.items():
        bad = field in problems
        mark_invalid(widget, bad)
        if bad and first is None:
            first = widget
    if first is not None:
        first.setFocus(Qt.FocusReason.OtherFocusReason)
    return first


def save_cancel_buttons(dialog: QDialog, on_save: Callable[[], object]) -> QDialogButtonBox:
    """Save / Cancel buttons: Save calls ``on_save`` (which validates and
    accepts), Cancel rejects the dialog."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(on_save)
    buttons.rejected.connect(dialog.reject)
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    save.setToolTip("Save (Ctrl+S)")
    # Ctrl+S saves every form dialog, like the record editors.
    shortcut = QShortcut(QKeySequence.StandardKey.Save, dialog)
    shortcut.activated.connect(lambda: save.isEnabled() and on_save())
    return buttons


def wrapping_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped value label that keeps every line in a form layout.

    A plain word-wrapped QLabel in a QFormLayout is given its narrow size hint
    and one line's height, so "Learning agreement meeting booked." shows as
    "Learning": expanding horizontally lets it take the row and its
    height-for-width gives it the lines it needs.
    """
    lab = QLabel(text, parent)
    lab.setWordWrap(True)
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    lab.setSizePolicy(policy)
    lab.setMinimumWidth(lab.fontMetrics().averageCharWidth() * 16)
    return lab


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
        if hasattr(widget, "field") and hasattr(widget, "set_range"):  # a DateField
            widget.field = field
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
        for widget in self.widgets.values():
            mark_invalid(widget, False)
        for lab in self.labels.values():
            lab.hide()
            lab.clear()

    def show(self, problems: dict[str, str]) -> None:
        """Show ``problems``; focus the first field that has one."""
        self.clear()
        loose: list[str] = []
        for field, message in problems.items():
            lab = self.labels.get(field)
            if lab is None:
                loose.append(message)
                continue
            lab.setText(message)
            lab.show()
        n = len(problems) - len(loose)
        head = [] if n == 0 else ["Please correct the field outlined in red."] if n == 1 else \
            [f"Please correct the {n} fields outlined in red."]
        self.summary.setText("\n".join([*head, *loose]))
        self.summary.show()
        highlight_problems(self.widgets, problems)
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
