"""Edit a placement's supervision frequency and required observations."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QLabel,
    QSpinBox,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.supervision import SupervisionService
from pe_desktop.ui.widgets.forms import save_cancel_buttons
from pe_desktop.ui.widgets.messages import show_error


class RequirementsDialog(QDialog):
    def __init__(self, ctx: AppContext, placement_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Supervision and observation requirements")
        self.service = SupervisionService(ctx)
        self.placement_id = placement_id
        req = self.service.requirements(placement_id)
        form = QFormLayout(self)
        self.interval = QSpinBox(self)
        self.interval.setRange(1, 62)
        self.interval.setSuffix(" days")
        self.interval.setValue(req.supervision_interval_days)
        form.addRow("Supervision every", self.interval)
        self.required = QSpinBox(self)
        self.required.setRange(0, 20)
        self.required.setValue(req.observations_required)
        form.addRow("Direct observations required", self.required)
        self.use_default = QCheckBox("Use the default for this kind of placement", self)
        self.use_default.setChecked(req.observations_required_is_default)
        self.use_default.toggled.connect(lambda on: self.required.setEnabled(not on))
        self.required.setEnabled(not req.observations_required_is_default)
        form.addRow("", self.use_default)
        self.pe_required = QSpinBox(self)
        self.pe_required.setRange(0, 20)
        self.pe_required.setValue(req.pe_observations_required)
        form.addRow("…of which by the PE", self.pe_required)
        note = QLabel("Universities set these numbers; check the placement handbook.")
        note.setStyleSheet("color: palette(mid);")
        form.addRow(note)
        buttons = save_cancel_buttons(self, self.save)
        form.addRow(buttons)

    def save(self) -> None:
        try:
            self.service.set_requirements(
                self.placement_id, supervision_interval_days=self.interval.value(),
                observations_required=None if self.use_default.isChecked() else self.required.value(),
                pe_observations_required=self.pe_required.value(),
                reset_observations=self.use_default.isChecked())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.accept()
