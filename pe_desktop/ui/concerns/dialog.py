"""Editor for one cause for concern: what and who, domains, action plan, meetings, outcome."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.concerns import ConcernOutcome, ConcernRaiser, label
from pe_desktop.services.concerns.rows import ActionInput, ConcernInput, ConcernRow, MeetingInput
from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import framework_for
from pe_desktop.storage.models import Placement
from pe_desktop.ui.concerns.tables import ActionPlanTable, MeetingsTable, action_json, meeting_json
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.domain_checklist import DomainChecklist
from pe_desktop.ui.widgets.editor_dialog import EditorDialog


def _buttons(parent: QWidget, add_text: str, add, remove_text: str, remove) -> QHBoxLayout:
    row = QHBoxLayout()
    a = QPushButton(add_text, parent)
    a.clicked.connect(add)
    r = QPushButton(remove_text, parent)
    r.clicked.connect(remove)
    row.addWidget(a)
    row.addWidget(r)
    row.addStretch(1)
    return row


class ConcernDialog(EditorDialog):
    """``concern=None`` records a new concern on ``placement_id``; ``link_midway``
    makes the new concern the one the midway report records."""

    def __init__(self, ctx: AppContext, placement_id: int, concern: ConcernRow | None = None,
                 *, link_midway: bool = False, parent: QWidget | None = None) -> None:
        self.placement_id = placement_id
        self.concern = concern
        self.link_midway = link_midway
        self.service = ConcernService(ctx)
        with ctx.read_session() as s:
            self.framework = framework_for(ctx, s.get(Placement, placement_id))
        key = f"concern:{concern.id}" if concern else f"concern:new:p{placement_id}"
        title = (f"Cause for concern raised {concern.raised_on:%d/%m/%Y}" if concern
                 else "New cause for concern")
        super().__init__(ctx, key, title, parent)
        self.resize(820, 640)
        if concern is not None:
            self.set_fields(self._row_fields(concern))
        self.after_load()

    # -- form -------------------------------------------------------------------
    def build(self) -> None:
        outer = QVBoxLayout(self.body)
        outer.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget(self.body)

        what = QWidget()
        form = QFormLayout(what)
        self.raised_on = DateField(self.ctx.today(), parent=what, today=self.ctx.today)
        self.raised_on.setAccessibleName("Date raised")
        form.addRow("Date &raised", self.raised_on)
        who = QHBoxLayout()
        self.raised_by = QComboBox(what)
        self.raised_by.setAccessibleName("Raised by")
        for r in ConcernRaiser:
            self.raised_by.addItem(label(r), r.value)
        self.raised_by_name = QLineEdit(what)
        self.raised_by_name.setAccessibleName("Name of the person who raised it")
        self.raised_by_name.setPlaceholderText("Name (optional)")
        who.addWidget(self.raised_by)
        who.addWidget(self.raised_by_name, 1)
        form.addRow("Raised &by", who)
        self.description = QPlainTextEdit(what)
        self.description.setAccessibleName("The concern")
        self.description.setPlaceholderText("What the concern is, with examples (anonymise "
                                            "people who use services)")
        self.description.setTabChangesFocus(True)
        form.addRow("The &concern", self.description)
        self.domains = DomainChecklist(self.framework, parent=what)
        self.domains.setAccessibleName("Domains affected")
        self.domains.setMinimumHeight(200)
        form.addRow("Domains affected", self.domains)
        self.tabs.addTab(what, "The c&oncern")

        plan = QWidget()
        pl = QVBoxLayout(plan)
        hint = QLabel("The agreed action plan: each action with who owns it and when it is "
                      "reviewed. Reviews due show on the dashboard.")
        hint.setWordWrap(True)
        pl.addWidget(hint)
        self.actions = ActionPlanTable(self.ctx.today, "Action plan", plan)
        self.actions.touched.connect(lambda: self.autosaver.touch())
        pl.addWidget(self.actions, 1)
        pl.addLayout(_buttons(plan, "Add actio&n", lambda: self.actions.add_action(
            ActionInput("")), "Remove action", self.actions.remove_current))
        self.tabs.addTab(plan, "Action &plan")

        meet = QWidget()
        ml = QVBoxLayout(meet)
        self.meetings = MeetingsTable(self.ctx.today, "Concerns meetings", meet)
        self.meetings.touched.connect(lambda: self.autosaver.touch())
        ml.addWidget(self.meetings, 1)
        ml.addLayout(_buttons(meet, "Add m&eeting", lambda: self.meetings.add_meeting(
            MeetingInput(self.ctx.today())), "Remove meeting", self.meetings.remove_current))
        self.tabs.addTab(meet, "&Meetings")

        end = QWidget()
        ef = QFormLayout(end)
        self.outcome = QComboBox(end)
        self.outcome.setAccessibleName("Outcome")
        for o in ConcernOutcome:
            self.outcome.addItem(label(o), o.value)
        ef.addRow("O&utcome", self.outcome)
        self.outcome_on = DateField(None, optional=True, parent=end, today=self.ctx.today)
        self.outcome_on.setAccessibleName("Outcome date")
        ef.addRow("Date", self.outcome_on)
        self.outcome_notes = QPlainTextEdit(end)
        self.outcome_notes.setAccessibleName("Outcome notes")
        self.outcome_notes.setTabChangesFocus(True)
        ef.addRow("Notes", self.outcome_notes)
        self.tabs.addTab(end, "Ou&tcome")
        outer.addWidget(self.tabs, 1)

    # -- fields ---------------------------------------------------------------------
    @classmethod
    def _row_fields(cls, c: ConcernRow) -> dict[str, Any]:
        return cls._row_fields_from(c.to_input())

    def fields(self) -> dict[str, Any]:
        return self._row_fields_from(self.collect_raw())

    def collect_raw(self) -> ConcernInput:
        return ConcernInput(
            raised_on=self.raised_on.value() or self.ctx.today(),
            raised_by=ConcernRaiser(self.raised_by.currentData()),
            description=self.description.toPlainText(),
            raised_by_name=self.raised_by_name.text(), domains=self.domains.keys(),
            actions=self.actions.actions(), meetings=self.meetings.meetings(),
            outcome=ConcernOutcome(self.outcome.currentData()),
            outcome_on=self.outcome_on.value(), outcome_notes=self.outcome_notes.toPlainText(),
        )

    @staticmethod
    def _row_fields_from(c: ConcernInput) -> dict[str, Any]:
        return {
            "raised_on": c.raised_on.isoformat(), "raised_by": c.raised_by.value,
            "raised_by_name": c.raised_by_name, "description": c.description,
            "domains": list(c.domains), "actions": [action_json(a) for a in c.actions],
            "meetings": [meeting_json(m) for m in c.meetings], "outcome": c.outcome.value,
            "outcome_on": c.outcome_on.isoformat() if c.outcome_on else None,
            "outcome_notes": c.outcome_notes,
        }

    def set_fields(self, f: dict[str, Any]) -> None:
        self.raised_on.set_value(date.fromisoformat(f.get("raised_on")
                                                    or self.ctx.today().isoformat()))
        self.raised_by.setCurrentIndex(max(0, self.raised_by.findData(f.get("raised_by"))))
        self.raised_by_name.setText(f.get("raised_by_name", ""))
        self.description.setPlainText(f.get("description", ""))
        self.domains.set_checked(f.get("domains", []))
        self.actions.set_actions(f.get("actions", []))
        self.meetings.set_meetings(f.get("meetings", []))
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(f.get("outcome"))))
        on = f.get("outcome_on")
        self.outcome_on.set_value(date.fromisoformat(on) if on else None)
        self.outcome_notes.setPlainText(f.get("outcome_notes", ""))

    def collect(self) -> ConcernInput:
        return self.collect_raw()

    def write(self, data: ConcernInput) -> ConcernRow:
        if self.concern is None:
            self.concern = self.service.create(self.placement_id, data,
                                               link_midway=self.link_midway)
        else:
            self.concern = self.service.update(self.concern.id, data)
        return self.concern
