"""The Policy tab: the currency rules' numbers, editable per partnership."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.currency import CurrencyPolicy
from pe_desktop.domain.currency.model import GUIDANCE, RULE_ORIGINS
from pe_desktop.services.currency.service import CurrencyService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import confirm, show_error


class PolicyForm(QWidget):
    def __init__(self, svc: CurrencyService, changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.svc = svc
        self._changed = changed
        layout = QVBoxLayout(self)
        intro = QLabel(
            "These settings decide when you are current. Those marked <b>partnership "
            "guidance</b> follow what partnerships check (a student supported within two years, "
            "engaged in annual CPD, a manager check-in about each placement); those marked "
            "<i>adjustable default</i> are PE Desktop's own choices. Load your partnership's "
            "policy file or change them here.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.source = QLabel("", self)
        layout.addWidget(self.source)
        form = QFormLayout()
        self.name = QLineEdit(self)
        self.student_months = self._spin(1, 120, " months")
        self.cpd_months = self._spin(1, 60, " months")
        self.cpd_hours = QDoubleSpinBox(self)
        self.cpd_hours.setRange(0, 500)
        self.cpd_hours.setDecimals(1)
        self.cpd_hours.setSingleStep(0.5)
        self.cpd_hours.setSuffix(" hours")
        self.cpd_hours.setSpecialValueText("no minimum: one activity")
        self.cpd_hours.setMaximumWidth(260)
        self.cpd_hours.setAccessibleName("Minimum CPD hours")
        self.name.setMaximumWidth(420)
        self.checkin = QCheckBox("A manager check-in is needed for each new placement", self)
        self.checkin_days = self._spin(0, 730, " days before the start")
        self.checkin_grace = self._spin(0, 180, " days after the start")
        for spin, name in ((self.student_months, "Supported a student within (months)"),
                           (self.cpd_months, "CPD counts for (months)"),
                           (self.checkin_days, "A check-in counts from (days before)"),
                           (self.checkin_grace, "A check-in is due within (days after)")):
            spin.setAccessibleName(name)
        self.registration = QCheckBox("Social Work England registration must be in date", self)
        self.at_risk = self._spin(0, 365, " days")
        self.at_risk.setAccessibleName("Warn before a lapse (days)")
        form.addRow("Policy &name:", self.name)
        tag = self._tagged
        form.addRow("Supported a student &within:", tag(self.student_months,
                                                         "student_within_months"))
        form.addRow("CPD &counts for:", tag(self.cpd_months, "cpd_window_months"))
        form.addRow("&Minimum CPD in that time:", tag(self.cpd_hours, "cpd_min_hours"))
        form.addRow("", tag(self.checkin, "checkin_each_new_placement"))
        form.addRow("A check-in counts &from:", tag(self.checkin_days,
                                                    "checkin_days_before_start"))
        form.addRow("A check-in is &due within:", tag(self.checkin_grace, "checkin_grace_days"))
        form.addRow("", tag(self.registration, "registration_required"))
        form.addRow("Show '&at risk' when lapsing within:", tag(self.at_risk, "at_risk_days"))
        layout.addLayout(form)
        self.checkin.toggled.connect(self.checkin_days.setEnabled)
        self.checkin.toggled.connect(self.checkin_grace.setEnabled)
        buttons = QHBoxLayout()
        self.save_button = QPushButton("&Save policy", self)
        self.save_button.clicked.connect(self.save)
        load = QPushButton("&Load partnership policy…", self)
        load.clicked.connect(self.load_file)
        export = QPushButton("E&xport policy…", self)
        export.clicked.connect(self.export_file)
        self.reset_button = QPushButton("&Reset to defaults…", self)
        self.reset_button.clicked.connect(self.reset)
        for b in (self.save_button, load, export, self.reset_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addStretch(1)

    def _tagged(self, widget: QWidget, field: str) -> QWidget:
        """The widget with a tag saying whether the rule is guidance or our default."""
        guidance = RULE_ORIGINS[field] == GUIDANCE
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget)
        chip = QLabel(RULE_ORIGINS[field], box)
        chip.setObjectName(f"origin_{field}")
        chip.setStyleSheet(
            "border-radius: 3px; padding: 1px 6px; "
            + ("background: #e3f1e6; color: #1e5d2f; font-weight: 600;" if guidance
               else "background: #eceff3; color: #4a5563; font-style: italic;"))
        row.addWidget(chip)
        row.addStretch(1)
        return box

    def _spin(self, lo: int, hi: int, suffix: str) -> QSpinBox:
        s = QSpinBox(self)
        s.setRange(lo, hi)
        s.setSuffix(suffix)
        s.setMaximumWidth(260)
        return s

    def show_policy(self, policy: CurrencyPolicy, custom: bool) -> None:
        self.name.setText(policy.name)
        self.student_months.setValue(policy.student_within_months)
        self.cpd_months.setValue(policy.cpd_window_months)
        self.cpd_hours.setValue(policy.cpd_min_hours)
        self.checkin.setChecked(policy.checkin_each_new_placement)
        self.checkin_days.setValue(policy.checkin_days_before_start)
        self.checkin_grace.setValue(policy.checkin_grace_days)
        self.checkin_grace.setEnabled(policy.checkin_each_new_placement)
        self.checkin_days.setEnabled(policy.checkin_each_new_placement)
        self.registration.setChecked(policy.registration_required)
        self.at_risk.setValue(policy.at_risk_days)
        self.source.setText("Using <b>your own policy</b>." if custom
                            else "Using the <b>default policy</b> shipped with PE Desktop.")
        self.reset_button.setEnabled(custom)

    def policy(self) -> dict:
        return {
            "name": self.name.text(),
            "student_within_months": self.student_months.value(),
            "cpd_window_months": self.cpd_months.value(),
            "cpd_min_hours": self.cpd_hours.value(),
            "checkin_each_new_placement": self.checkin.isChecked(),
            "checkin_days_before_start": self.checkin_days.value(),
            "checkin_grace_days": self.checkin_grace.value(),
            "registration_required": self.registration.isChecked(),
            "at_risk_days": self.at_risk.value(),
        }

    def save(self) -> None:
        data = self.policy()
        run_in_background(lambda: self.svc.save_policy(data), lambda _p: self._changed(),
                          lambda exc: show_error(self, exc, "Policy not saved"))

    def reset(self) -> None:
        if confirm(self, "Reset currency policy",
                   "Replace your policy with the default one? Your own numbers will be lost.",
                   "Reset"):
            run_in_background(self.svc.reset_policy, lambda _p: self._changed())

    def load_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Load partnership policy", "",
                                              "Policy files (*.json)")
        if path:
            run_in_background(lambda: self.svc.import_policy(Path(path)),
                              lambda _p: self._changed(),
                              lambda exc: show_error(self, exc, "Policy not loaded"))

    def export_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Export policy", "currency-policy.json",
                                              "Policy files (*.json)")
        if not path:
            return
        try:
            doc = {"schema": 1, **CurrencyPolicy.from_dict(self.policy()).to_dict()}
            from pe_desktop.services.interchange.document import write_private_json

            write_private_json(Path(path), doc)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            show_error(self, exc, "Policy not exported")
