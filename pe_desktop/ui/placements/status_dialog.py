"""Change a placement's status, with the date and (where needed) the reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import PlacementStatus, label
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import REASON_REQUIRED, PlacementRow, PlacementService
from pe_desktop.ui.placements.dialog import date_edit, from_qdate
from pe_desktop.ui.widgets.forms import FormErrors
from pe_desktop.ui.widgets.messages import show_error

#: The usual next status, offered first.
NEXT_STATUS = {
    PlacementStatus.PLANNED: PlacementStatus.ACTIVE,
    PlacementStatus.ACTIVE: PlacementStatus.COMPLETED,
    PlacementStatus.SUSPENDED: PlacementStatus.ACTIVE,
    PlacementStatus.EXTENDED: PlacementStatus.COMPLETED,
}


class StatusDialog(QDialog):
    def __init__(self, ctx: AppContext, placement: PlacementRow,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.placement = placement
        self.saved: PlacementRow | None = None
        self.setWindowTitle("Change placement status")
        self.setMinimumWidth(440)
        intro = QLabel(f"{placement.student_name} — {label(placement.kind).lower()} at "
                       f"{placement.organisation} is <b>{label(placement.status).lower()}</b>.")
        intro.setWordWrap(True)
        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        form = QFormLayout()
        self.status = QComboBox()
        for st in PlacementStatus:
            if st != placement.status:
                self.status.addItem(label(st), st)
        nxt = NEXT_STATUS.get(placement.status)
        if nxt is not None:
            self.status.setCurrentIndex(self.status.findData(nxt))
        self.changed_on = date_edit(ctx.today(), ctx.today)
        self._date_touched = False
        self.changed_on.edit.textEdited.connect(lambda _t: setattr(self, "_date_touched", True))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        self.reason.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.errors.add_row(form, "status", "New &status:", self.status)
        self.errors.add_row(form, "changed_on", "&From:", self.changed_on)
        self.errors.add_row(form, "reason", "&Reason:", self.reason)
        self.reason_label = form.labelForField(self.reason.parentWidget())
        self.status.currentIndexChanged.connect(self._status_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Change status")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self._status_changed()
        self.status.setFocus()

    def relevant_date(self, status: PlacementStatus) -> date:
        """The date a change to ``status`` most likely took effect: the start date
        for a planned placement starting, the planned end for one completing (once
        it has passed), otherwise today."""
        p, today = self.placement, self.ctx.today()
        if status == PlacementStatus.ACTIVE and p.status == PlacementStatus.PLANNED:
            return min(p.start_date, today)
        if status == PlacementStatus.COMPLETED:
            return min(p.planned_end_date, today)
        return today

    def _status_changed(self, *_: object) -> None:
        if not self._date_touched:
            self.changed_on.set_value(self.relevant_date(PlacementStatus(self.status.currentData())))
        needed = PlacementStatus(self.status.currentData()) in REASON_REQUIRED
        if isinstance(self.reason_label, QLabel):
            self.reason_label.setText("&Reason (required):" if needed else "&Reason:")
        self.reason.setPlaceholderText(
            "Say why — this is kept in the placement's history" if needed else "Optional"
        )

    def save(self) -> None:
        self.errors.clear()
        try:
            self.saved = PlacementService(self.ctx).change_status(
                self.placement.id, PlacementStatus(self.status.currentData()),
                from_qdate(self.changed_on.date()), self.reason.toPlainText(),
            )
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        except PEDesktopError as exc:
            show_error(self, exc, "Status not changed")
            return
        self.accept()
