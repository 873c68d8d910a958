"""Editors for direct observations (with per-domain judgements) and for
service-user / carer feedback."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.evidence_vocab import (
    JUDGEMENT_ORDER,
    FeedbackMethod,
    FeedbackSource,
    Judgement,
    ObservationStatus,
    ObserverRole,
    label,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import framework_for
from pe_desktop.services.evidence.observations import (
    FeedbackInput,
    FeedbackRow,
    JudgementInput,
    ObservationInput,
    ObservationRow,
    ObservationService,
)
from pe_desktop.services.profile import ProfileService
from pe_desktop.storage.models import Placement
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.domain_checklist import DomainChecklist
from pe_desktop.ui.widgets.editor_dialog import EditorDialog
from pe_desktop.ui.widgets.mode_box import ModeBox


def _area(parent: QWidget, hint: str, height: int = 70) -> QPlainTextEdit:
    w = QPlainTextEdit(parent)
    w.setPlaceholderText(hint)
    w.setMinimumHeight(height)
    w.setTabChangesFocus(True)
    return w


def _combo(parent: QWidget, values: Any) -> QComboBox:
    c = QComboBox(parent)
    for v in values:
        c.addItem(label(v), v.value)
    return c


def _set_combo(c: QComboBox, value: Any) -> None:
    i = c.findData(value)
    c.setCurrentIndex(max(0, i))


class ObservationEditor(EditorDialog):
    def __init__(self, ctx: AppContext, placement_id: int, observation: ObservationRow | None = None,
                 parent: QWidget | None = None) -> None:
        self.placement_id = placement_id
        self.observation = observation
        self.service = ObservationService(ctx)
        with ctx.read_session() as s:
            self.framework = framework_for(ctx, s.get(Placement, placement_id))
        profile = ProfileService(ctx).get()
        self.pe_name = profile.full_name if profile else ""
        key = f"observation:{observation.id}" if observation else f"observation:new:p{placement_id}"
        title = (f"Direct observation {observation.observed_on:%d/%m/%Y}" if observation
                 else "New direct observation")
        super().__init__(ctx, key, title, parent)
        if observation is not None:
            self.set_fields(self._row_fields(observation))
        self._role_changed()
        self.after_load()
        from pe_desktop.ui.oss.imported_banner import lock_if_from_oss

        lock_if_from_oss(self, "observation", observation.id if observation else None)

    def build(self) -> None:
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        row = QHBoxLayout()
        self.status = _combo(self.body, ObservationStatus)
        self.observed_on = DateField(self.ctx.today(), parent=self.body, today=self.ctx.today)
        row.addWidget(self.status)
        row.addWidget(QLabel("on"))
        row.addWidget(self.observed_on)
        row.addStretch(1)
        form.addRow("Status", row)
        who = QHBoxLayout()
        self.observer_role = _combo(self.body, ObserverRole)
        self.observer_role.currentIndexChanged.connect(self._role_changed)
        self.observer_name = QLineEdit(self.body)
        self.observer_name.setPlaceholderText("Observer's name")
        self.observer_name.setAccessibleName("Observer's name")
        self.observer_role.setAccessibleName("Observer")
        self.status.setAccessibleName("Status")
        self.observed_on.setAccessibleName("Date observed")
        self.observer_role_detail = QLineEdit(self.body)
        self.observer_role_detail.setPlaceholderText("Their role (e.g. senior practitioner)")
        self.observer_role_detail.setAccessibleName("Observer's role")
        who.addWidget(self.observer_role)
        who.addWidget(self.observer_name, 1)
        who.addWidget(self.observer_role_detail, 1)
        form.addRow("Observer", who)
        self.mode = ModeBox(self.body)
        form.addRow("How", self.mode)
        self.setting = _area(self.body, "Setting and context — describe without identifying the "
                             "person who uses services (no names, addresses or dates of birth)", 50)
        self.setting.setMaximumHeight(80)
        form.addRow("Se&tting", self.setting)
        consent = QHBoxLayout()
        self.consent = QCheckBox("Consent given by the person using services", self.body)
        self.consent_notes = QLineEdit(self.body)
        self.consent_notes.setPlaceholderText("How consent was obtained")
        self.consent_notes.setAccessibleName("How consent was obtained")
        self.setting.setAccessibleName("Setting")
        consent.addWidget(self.consent)
        consent.addWidget(self.consent_notes, 1)
        form.addRow("Consent", consent)
        outer.addLayout(form)
        tabs = QTabWidget(self.body)
        self.tabs = tabs
        acc = QWidget()
        al = QVBoxLayout(acc)
        al.addWidget(QLabel("Observer's account"))
        self.account = _area(acc, "What the observer saw", 100)
        self.account.setAccessibleName("Observer's account")
        al.addWidget(self.account, 2)
        al.addWidget(QLabel("Feedback given to the student"))
        self.feedback = _area(acc, "Strengths and areas to develop")
        self.feedback.setAccessibleName("Feedback given to the student")
        al.addWidget(self.feedback, 1)
        al.addWidget(QLabel("Student's reflection"))
        self.reflection = _area(acc, "The student's reflection on the observed practice")
        self.reflection.setAccessibleName("Student's reflection")
        al.addWidget(self.reflection, 1)
        tabs.addTab(acc, "&Account and feedback")
        self.judgements = QTableWidget(len(self.framework.domains), 3, tabs)
        self.judgements.setHorizontalHeaderLabels(["Domain", "Judgement", "Comment"])
        self.judgements.verticalHeader().hide()
        self.judgements.setAccessibleName("Judgements by domain")
        for r, d in enumerate(self.framework.domains):
            item = QTableWidgetItem(f"{d.number}. {d.title}")
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setData(Qt.ItemDataRole.UserRole, d.key)
            item.setToolTip(d.summary)
            self.judgements.setItem(r, 0, item)
            box = QComboBox()
            box.addItem("— not judged —", None)
            for j in JUDGEMENT_ORDER:
                box.addItem(label(j), j.value)
            box.setAccessibleName(f"Judgement for {d.title}")
            self.judgements.setCellWidget(r, 1, box)
            self.judgements.setItem(r, 2, QTableWidgetItem(""))
        hh = self.judgements.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        tabs.addTab(self.judgements, "&Judgements by domain")
        outer.addWidget(tabs, 1)

    def _role_changed(self, *_: object) -> None:
        role = self.observer_role.currentData()
        self.observer_role_detail.setVisible(role == ObserverRole.OTHER.value)
        if role == ObserverRole.PE.value and not self.observer_name.text().strip():
            self.observer_name.setPlaceholderText(self.pe_name or "Observer's name")
        else:
            self.observer_name.setPlaceholderText("Observer's name")

    def _judgement_inputs(self) -> tuple[JudgementInput, ...]:
        out = []
        for r in range(self.judgements.rowCount()):
            value = self.judgements.cellWidget(r, 1).currentData()
            if value:
                out.append(JudgementInput(
                    self.judgements.item(r, 0).data(Qt.ItemDataRole.UserRole), Judgement(value),
                    self.judgements.item(r, 2).text()))
        return tuple(out)

    @staticmethod
    def _row_fields(o: ObservationRow) -> dict[str, Any]:
        return {
            "status": o.status.value, "observed_on": o.observed_on.isoformat(),
            "observer_role": o.observer_role.value, "observer_name": o.observer_name,
            "observer_role_detail": o.observer_role_detail, "setting": o.setting,
            "consent": o.consent_obtained, "consent_notes": o.consent_notes,
            "account": o.observer_account, "feedback": o.feedback,
            "reflection": o.student_reflection,
            "judgements": {j.domain_key: [j.judgement.value, j.comment] for j in o.judgements},
            "mode": o.mode.value if o.mode else None,
        }

    def fields(self) -> dict[str, Any]:
        return {
            "status": self.status.currentData(),
            "observed_on": self.observed_on.draft(),
            "observer_role": self.observer_role.currentData(),
            "observer_name": self.observer_name.text(),
            "observer_role_detail": self.observer_role_detail.text(),
            "setting": self.setting.toPlainText(),
            "consent": self.consent.isChecked(),
            "consent_notes": self.consent_notes.text(),
            "account": self.account.toPlainText(),
            "feedback": self.feedback.toPlainText(),
            "reflection": self.reflection.toPlainText(),
            "judgements": {j.domain_key: [j.judgement.value, j.comment]
                           for j in self._judgement_inputs()},
            "mode": self.mode.currentData(),
        }

    def set_fields(self, f: dict[str, Any]) -> None:
        _set_combo(self.status, f.get("status"))
        self.observed_on.restore(f.get("observed_on"))
        _set_combo(self.observer_role, f.get("observer_role"))
        self.observer_name.setText(f.get("observer_name", ""))
        self.observer_role_detail.setText(f.get("observer_role_detail", ""))
        self.setting.setPlainText(f.get("setting", ""))
        self.mode.set_value(f.get("mode", "in_person"))
        self.consent.setChecked(bool(f.get("consent")))
        self.consent_notes.setText(f.get("consent_notes", ""))
        self.account.setPlainText(f.get("account", ""))
        self.feedback.setPlainText(f.get("feedback", ""))
        self.reflection.setPlainText(f.get("reflection", ""))
        js = f.get("judgements", {})
        for r in range(self.judgements.rowCount()):
            key = self.judgements.item(r, 0).data(Qt.ItemDataRole.UserRole)
            value, comment = js.get(key, [None, ""])
            _set_combo(self.judgements.cellWidget(r, 1), value)
            self.judgements.item(r, 2).setText(comment)

    def watch(self, root: QWidget) -> None:
        super().watch(root)
        if hasattr(self, "judgements"):
            for r in range(self.judgements.rowCount()):
                box = self.judgements.cellWidget(r, 1)
                if not box.property("_watched"):
                    box.currentIndexChanged.connect(self.autosaver.touch)
                    box.setProperty("_watched", True)

    def collect(self) -> ObservationInput:
        role = ObserverRole(self.observer_role.currentData())
        name = self.observer_name.text().strip()
        if role == ObserverRole.PE and not name:
            name = self.pe_name
        return ObservationInput(
            observed_on=self.observed_on.value(),
            status=ObservationStatus(self.status.currentData()),
            observer_role=role, observer_name=name,
            observer_role_detail=self.observer_role_detail.text()
            if role == ObserverRole.OTHER else "",
            setting=self.setting.toPlainText(), consent_obtained=self.consent.isChecked(),
            consent_notes=self.consent_notes.text(), observer_account=self.account.toPlainText(),
            feedback=self.feedback.toPlainText(), student_reflection=self.reflection.toPlainText(),
            judgements=self._judgement_inputs(), mode=self.mode.value(),
        )

    def write(self, data: ObservationInput) -> ObservationRow:
        if self.observation is None:
            self.observation = self.service.create(self.placement_id, data)
        else:
            self.observation = self.service.update(self.observation.id, data)
        return self.observation


class FeedbackEditor(EditorDialog):
    def __init__(self, ctx: AppContext, placement_id: int, feedback: FeedbackRow | None = None,
                 parent: QWidget | None = None) -> None:
        self.placement_id = placement_id
        self.feedback_row = feedback
        self.service = ObservationService(ctx)
        with ctx.read_session() as s:
            self.framework = framework_for(ctx, s.get(Placement, placement_id))
        self.observations = self.service.list(placement_id)
        key = f"feedback:{feedback.id}" if feedback else f"feedback:new:p{placement_id}"
        super().__init__(ctx, key, "Service-user / carer feedback", parent)
        self.resize(700, 700)
        if feedback is not None:
            self.set_fields(self._row_fields(feedback))
        self.after_load()

    def build(self) -> None:
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.received_on = DateField(self.ctx.today(), parent=self.body, today=self.ctx.today)
        self.source = _combo(self.body, FeedbackSource)
        self.method = _combo(self.body, FeedbackMethod)
        for w in (self.received_on, QLabel("from"), self.source, QLabel("by"), self.method):
            row.addWidget(w)
        row.addStretch(1)
        form.addRow("Received", row)
        self.how = QLineEdit(self.body)
        self.how.setPlaceholderText("How it was gathered (e.g. asked by the PE after the visit)")
        form.addRow("&How gathered", self.how)
        self.content = _area(self.body, "What was said — anonymised", 100)
        self.content.setMaximumHeight(170)
        self.content.setAccessibleName("What was said")
        form.addRow("&What was said", self.content)
        self.observation = QComboBox(self.body)
        self.observation.addItem("— not linked —", None)
        for o in self.observations:
            self.observation.addItem(
                f"{o.observed_on:%d/%m/%Y} — {label(o.status)} ({o.observer_name or label(o.observer_role)})",
                o.id)
        form.addRow("&Observation", self.observation)
        self.domains = DomainChecklist(self.framework, parent=self.body)
        form.addRow("&Domains", self.domains)

    @staticmethod
    def _row_fields(f: FeedbackRow) -> dict[str, Any]:
        return {"received_on": f.received_on.isoformat(), "source": f.source.value,
                "method": f.method.value, "how": f.how_gathered, "content": f.content,
                "observation_id": f.observation_id, "domains": list(f.domains)}

    def fields(self) -> dict[str, Any]:
        return {"received_on": self.received_on.draft(),
                "source": self.source.currentData(), "method": self.method.currentData(),
                "how": self.how.text(), "content": self.content.toPlainText(),
                "observation_id": self.observation.currentData(),
                "domains": list(self.domains.keys())}

    def set_fields(self, f: dict[str, Any]) -> None:
        self.received_on.restore(f.get("received_on"))
        _set_combo(self.source, f.get("source"))
        _set_combo(self.method, f.get("method"))
        self.how.setText(f.get("how", ""))
        self.content.setPlainText(f.get("content", ""))
        _set_combo(self.observation, f.get("observation_id"))
        self.domains.set_checked(f.get("domains", []))

    def collect(self) -> FeedbackInput:
        return FeedbackInput(
            received_on=self.received_on.value(), source=FeedbackSource(self.source.currentData()),
            method=FeedbackMethod(self.method.currentData()), how_gathered=self.how.text(),
            content=self.content.toPlainText(), observation_id=self.observation.currentData(),
            domains=self.domains.keys())

    def write(self, data: FeedbackInput) -> FeedbackRow:
        if self.feedback_row is None:
            self.feedback_row = self.service.create_feedback(self.placement_id, data)
        else:
            self.feedback_row = self.service.update_feedback(self.feedback_row.id, data)
        return self.feedback_row
