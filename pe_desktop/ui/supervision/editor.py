"""Editor for one supervision session: notes, domains discussed, agreed actions,
and the student's acknowledgement."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.evidence_vocab import SupervisionType, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import framework_for
from pe_desktop.services.supervision import (
    ActionInput,
    SessionInput,
    SessionRow,
    SupervisionService,
)
from pe_desktop.storage.models import Placement
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.domain_checklist import DomainChecklist
from pe_desktop.ui.widgets.editor_dialog import EditorDialog
from pe_desktop.ui.widgets.messages import show_error
from pe_desktop.ui.widgets.mode_box import ModeBox


def _text(w: QPlainTextEdit, hint: str, height: int = 90) -> QPlainTextEdit:
    w.setPlaceholderText(hint)
    w.setMinimumHeight(height)
    w.setTabChangesFocus(True)
    return w


class SupervisionEditor(EditorDialog):
    """``session=None`` creates a new session on ``placement_id``."""

    def __init__(self, ctx: AppContext, placement_id: int, session: SessionRow | None = None,
                 agenda: str = "", parent: QWidget | None = None) -> None:
        self.placement_id = placement_id
        self.session = session
        self.service = SupervisionService(ctx)
        with ctx.read_session() as s:
            self.framework = framework_for(ctx, s.get(Placement, placement_id))
        key = f"supervision:{session.id}" if session else f"supervision:new:p{placement_id}"
        title = (f"Supervision {session.held_on:%d/%m/%Y}" if session else "New supervision session")
        super().__init__(ctx, key, title, parent)
        if session is not None:
            self.set_fields(self._row_fields(session))
        elif agenda:
            self.agenda.setPlainText(agenda)
        self._show_ack()
        self.after_load()
        from pe_desktop.ui.oss.imported_banner import lock_if_from_oss

        lock_if_from_oss(self, "supervision", session.id if session else None)

    # -- form ---------------------------------------------------------------
    def build(self) -> None:
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QFormLayout()
        row = QHBoxLayout()
        self.held_on = DateField(self.ctx.today(), parent=self.body, today=self.ctx.today)
        self.held_on.setAccessibleName("Date")
        self.start_time = QLineEdit(self.body)
        self.start_time.setPlaceholderText("14:30")
        self.start_time.setMaximumWidth(70)
        self.start_time.setInputMask("")
        self.start_time.setAccessibleName("Start time")
        self.duration = QSpinBox(self.body)
        self.duration.setRange(5, 600)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(" min")
        self.duration.setAccessibleName("Length in minutes")
        self.kind = QComboBox(self.body)
        self.kind.setAccessibleName("Type of supervision")
        for t in SupervisionType:
            self.kind.addItem(label(t), t.value)
        self.mode = ModeBox(self.body)
        for w in (QLabel("&Date"), self.held_on, QLabel("Start"), self.start_time,
                  QLabel("Length"), self.duration, QLabel("Type"), self.kind, self.mode):
            row.addWidget(w)
        row.itemAt(0).widget().setBuddy(self.held_on)
        row.addStretch(1)
        top.addRow(row)
        self.attendees = QLineEdit(self.body)
        self.attendees.setPlaceholderText("Who attended (student, PE, on-site supervisor…)")
        top.addRow("A&ttended", self.attendees)
        outer.addLayout(top)

        tabs = QTabWidget(self.body)
        self.tabs = tabs
        notes = QWidget()
        nl = QVBoxLayout(notes)
        ag_row = QHBoxLayout()
        ag_row.addWidget(QLabel("Agenda"))
        ag_row.addStretch(1)
        self.template_box = QComboBox(notes)
        self.template_box.setToolTip("Insert an agenda template")
        self.template_box.addItem("Insert template…", None)
        for t in self.service.templates():
            self.template_box.addItem(t.name, t.body)
        self.template_box.activated.connect(self._insert_template)
        self.carry_button = QPushButton("Carry forward open actions", notes)
        self.carry_button.clicked.connect(self._carry_forward)
        ag_row.addWidget(self.template_box)
        ag_row.addWidget(self.carry_button)
        nl.addLayout(ag_row)
        self.agenda = _text(QPlainTextEdit(notes), "Agenda", 70)
        self.agenda.setAccessibleName("Agenda")
        nl.addWidget(self.agenda)
        nl.addWidget(QLabel("Discussion notes"))
        self.discussion = _text(QPlainTextEdit(notes), "What was discussed (anonymise people who use services)")
        self.discussion.setAccessibleName("Discussion notes")
        nl.addWidget(self.discussion, 2)
        nl.addWidget(QLabel("Student's reflections"))
        self.reflections = _text(QPlainTextEdit(notes), "Reflections on learning", 60)
        self.reflections.setAccessibleName("Student's reflections")
        nl.addWidget(self.reflections, 1)
        nl.addWidget(QLabel("Wellbeing check"))
        self.wellbeing = _text(QPlainTextEdit(notes), "How the student is; workload; support agreed", 40)
        self.wellbeing.setAccessibleName("Wellbeing check")
        nl.addWidget(self.wellbeing)
        tabs.addTab(notes, "&Notes")

        self.domains = DomainChecklist(self.framework, parent=tabs)
        tabs.addTab(self.domains, "Do&mains discussed")

        actions = QWidget()
        al = QVBoxLayout(actions)
        self.actions = QTableWidget(0, 4, actions)
        self.actions.setHorizontalHeaderLabels(["Action", "Owner", "Due", "Done on"])
        self.actions.verticalHeader().hide()
        self.actions.setAccessibleName("Agreed actions")
        self.actions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        al.addWidget(self.actions)
        ab = QHBoxLayout()
        add = QPushButton("&Add action", actions)
        add.clicked.connect(lambda: self._add_action_row(ActionInput("")))
        rem = QPushButton("&Remove action", actions)
        rem.clicked.connect(self._remove_action)
        ab.addWidget(add)
        ab.addWidget(rem)
        ab.addStretch(1)
        al.addLayout(ab)
        tabs.addTab(actions, "Agreed a&ctions")

        ack = QWidget()
        kl = QVBoxLayout(ack)
        self.ack_status = QLabel(ack)
        self.ack_status.setWordWrap(True)
        kl.addWidget(self.ack_status)
        kr = QHBoxLayout()
        self.ack_name = QLineEdit(ack)
        self.ack_name.setAccessibleName("Student's name for the acknowledgement")
        self.ack_name.setPlaceholderText("Student types their full name")
        self.ack_button = QPushButton("Record acknowledgement", ack)
        self.ack_button.clicked.connect(self._acknowledge)
        kr.addWidget(self.ack_name, 1)
        kr.addWidget(self.ack_button)
        kl.addLayout(kr)
        kl.addStretch(1)
        tabs.addTab(ack, "Ac&knowledgement")
        outer.addWidget(tabs, 1)

    # -- actions table -------------------------------------------------------
    def _add_action_row(self, a: ActionInput) -> None:
        r = self.actions.rowCount()
        self.actions.insertRow(r)
        item = QTableWidgetItem(a.description)
        item.setData(Qt.ItemDataRole.UserRole, a.id)
        self.actions.setItem(r, 0, item)
        self.actions.setItem(r, 1, QTableWidgetItem(a.owner))
        due = DateField(a.due_date, optional=True, today=self.ctx.today)
        done = DateField(a.done_on, optional=True, today=self.ctx.today)
        due.setAccessibleName("Action due date")
        done.setAccessibleName("Action done on")
        due.valueChanged.connect(self.autosaver.touch)
        done.valueChanged.connect(self.autosaver.touch)
        self.actions.setCellWidget(r, 2, due)
        self.actions.setCellWidget(r, 3, done)
        if not a.description:
            self.actions.setCurrentCell(r, 0)
            self.actions.editItem(item)

    def _remove_action(self) -> None:
        r = self.actions.currentRow()
        if r >= 0:
            self.actions.removeRow(r)
            self.autosaver.touch()

    def _action_inputs(self, strict: bool = True) -> tuple[ActionInput, ...]:
        """``strict``: a date that is not one raises (saving); otherwise it reads as blank."""
        out = []
        for r in range(self.actions.rowCount()):
            desc = self.actions.item(r, 0)
            owner = self.actions.item(r, 1)
            text = desc.text() if desc else ""
            if not text.strip() and not (owner and owner.text().strip()):
                continue  # an empty row the user never filled in
            out.append(ActionInput(
                text, owner.text() if owner else "", self._cell_date(r, 2, strict),
                self._cell_date(r, 3, strict),
                desc.data(Qt.ItemDataRole.UserRole) if desc else None,
            ))
        return tuple(out)

    def _cell_date(self, row: int, col: int, strict: bool) -> date | None:
        field = self.actions.cellWidget(row, col)
        if strict or field.is_valid():
            return field.value()
        return None

    # -- agenda helpers -------------------------------------------------------
    def _insert_template(self, index: int) -> None:
        body = self.template_box.itemData(index)
        if body:
            cur = self.agenda.toPlainText()
            self.agenda.setPlainText((cur.rstrip() + "\n\n" if cur.strip() else "") + body)
        self.template_box.setCurrentIndex(0)

    def _carry_forward(self) -> None:
        text = self.service.open_actions_agenda(self.placement_id)
        if not text:
            self.draft_label.setText("There are no open actions to carry forward.")
            return
        cur = self.agenda.toPlainText()
        if text.strip() in cur:
            return
        self.agenda.setPlainText((cur.rstrip() + "\n\n" if cur.strip() else "") + text)

    # -- acknowledgement -------------------------------------------------------
    def _show_ack(self) -> None:
        s = self.session
        if s is None:
            self.ack_status.setText("Save the session first; the student then acknowledges it here.")
            self.ack_name.setEnabled(False)
            self.ack_button.setEnabled(False)
        elif s.acknowledged:
            when = s.acknowledged_at.astimezone()
            self.ack_status.setText(
                f"✔ Acknowledged by {s.acknowledged_by} on {when:%d/%m/%Y at %H:%M}. Changing the "
                "notes withdraws the acknowledgement.")
            self.ack_name.setEnabled(False)
            self.ack_button.setEnabled(False)
        else:
            self.ack_status.setText("Pending: the student has not acknowledged this record yet.")
            self.ack_name.setEnabled(True)
            self.ack_button.setEnabled(True)

    def _acknowledge(self) -> None:
        if self.session is None:
            return
        if self.is_dirty():
            self.show_problems(PEDesktopError("Save your changes before the student acknowledges."))
            return
        try:
            self.session = self.service.acknowledge(self.session.id, self.ack_name.text())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.ack_name.clear()
        self._show_ack()
        self.saved.emit(self.session)

    # -- fields ------------------------------------------------------------------
    @staticmethod
    def _row_fields(s: SessionRow) -> dict[str, Any]:
        return {
            "held_on": s.held_on.isoformat(), "start_time": s.start_time,
            "duration": s.duration_minutes, "kind": s.kind.value, "attendees": s.attendees,
            "agenda": s.agenda, "discussion": s.discussion, "reflections": s.reflections,
            "wellbeing": s.wellbeing, "domains": list(s.domains),
            "actions": [_action_json(a.to_input()) for a in s.actions],
            "mode": s.mode.value if s.mode else None,
        }

    def fields(self) -> dict[str, Any]:
        return {
            "held_on": self.held_on.draft(),
            "start_time": self.start_time.text().strip(),
            "duration": self.duration.value(),
            "kind": self.kind.currentData(),
            "attendees": self.attendees.text(),
            "agenda": self.agenda.toPlainText(),
            "discussion": self.discussion.toPlainText(),
            "reflections": self.reflections.toPlainText(),
            "wellbeing": self.wellbeing.toPlainText(),
            "domains": list(self.domains.keys()),
            "actions": [_action_json(a) for a in self._action_inputs(strict=False)],
            "mode": self.mode.currentData(),
        }

    def set_fields(self, f: dict[str, Any]) -> None:
        self.held_on.restore(f.get("held_on"))
        self.start_time.setText(f.get("start_time", ""))
        self.duration.setValue(int(f.get("duration", 60)))
        idx = self.kind.findData(f.get("kind"))
        self.kind.setCurrentIndex(max(0, idx))
        self.attendees.setText(f.get("attendees", ""))
        self.agenda.setPlainText(f.get("agenda", ""))
        self.discussion.setPlainText(f.get("discussion", ""))
        self.reflections.setPlainText(f.get("reflections", ""))
        self.wellbeing.setPlainText(f.get("wellbeing", ""))
        self.domains.set_checked(f.get("domains", []))
        self.mode.set_value(f.get("mode", "in_person"))
        self.actions.setRowCount(0)
        for a in f.get("actions", []):
            self._add_action_row(ActionInput(
                a.get("description", ""), a.get("owner", ""),
                date.fromisoformat(a["due_date"]) if a.get("due_date") else None,
                date.fromisoformat(a["done_on"]) if a.get("done_on") else None, a.get("id")))

    def collect(self) -> SessionInput:
        return SessionInput(
            held_on=self.held_on.value(), kind=SupervisionType(self.kind.currentData()),
            start_time=self.start_time.text().strip(), duration_minutes=self.duration.value(),
            attendees=self.attendees.text(), agenda=self.agenda.toPlainText(),
            discussion=self.discussion.toPlainText(), reflections=self.reflections.toPlainText(),
            wellbeing=self.wellbeing.toPlainText(), domains=self.domains.keys(),
            actions=self._action_inputs(), mode=self.mode.value(),
        )

    def write(self, data: SessionInput) -> SessionRow:
        if self.session is None:
            self.session = self.service.create(self.placement_id, data)
        else:
            self.session = self.service.update(self.session.id, data)
        return self.session


def _action_json(a: ActionInput) -> dict[str, Any]:
    return {"description": a.description, "owner": a.owner,
            "due_date": a.due_date.isoformat() if a.due_date else None,
            "done_on": a.done_on.isoformat() if a.done_on else None, "id": a.id}
