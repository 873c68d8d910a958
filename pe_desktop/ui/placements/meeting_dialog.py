"""Edit one review meeting: its due date, whether (and when) it was held, notes."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import label
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import MeetingRow, PlacementService
from pe_desktop.ui.placements.dialog import date_edit, from_qdate, to_qdate
from pe_desktop.ui.widgets.forms import FormErrors, save_cancel_buttons
from pe_desktop.ui.widgets.messages import show_error


class MeetingDialog(QDialog):
    def __init__(self, ctx: AppContext, meeting: MeetingRow, mark_held: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meeting = meeting
        self.saved: MeetingRow | None = None
        self.setWindowTitle(label(meeting.kind))
        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        form = QFormLayout()
        self.due = date_edit(meeting.due_date, ctx.today)
        self.held = QCheckBox("This meeting has been held")
        self.held.setChecked(meeting.held_on is not None or mark_held)
        self.held_on = date_edit(meeting.held_on or ctx.today(), ctx.today)
        self.held_on.setMaximumDate(to_qdate(ctx.today()))
        self.notes = QPlainTextEdit(meeting.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.errors.add_row(form, "due_date", "&Due by:", self.due)
        self.errors.add_row(form, "held", "", self.held)
        self.errors.add_row(form, "held_on", "&Held on:", self.held_on)
        self.errors.add_row(form, "notes", "&Notes:", self.notes)
        self.held.toggled.connect(self.held_on.setEnabled)
        self.held_on.setEnabled(self.held.isChecked())
        buttons = save_cancel_buttons(self, self.save)
        heading = QLabel(f"<b>{label(meeting.kind)}</b>")
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        (self.held_on if mark_held else self.due).setFocus()

    def save(self) -> None:
        self.errors.clear()
        held = self.held.isChecked()
        try:
            self.saved = PlacementService(self.ctx).update_meeting(
                self.meeting.id,
                due_date=from_qdate(self.due.date()),
                held_on=from_qdate(self.held_on.date()) if held else None,
                clear_held=not held,
                notes=self.notes.toPlainText(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        except PEDesktopError as exc:
            show_error(self, exc, "Meeting not saved")
            return
        self.accept()
