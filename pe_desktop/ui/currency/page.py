"""The Currency page (Ctrl+6): status at a glance and the record behind it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.currency import (
    CpdKind,
    QualificationKind,
    StudentOutcome,
    currency_label,
    fmt,
)
from pe_desktop.domain.enums import PlacementKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.service import (
    CheckInInput,
    CpdInput,
    CurrencyOverview,
    CurrencyService,
    MentoringInput,
    PastStudentInput,
    QualificationInput,
    RegistrationInput,
    domain_choices,
    domain_short_label,
)
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.currency.form import Field, RecordDialog
from pe_desktop.ui.currency.policy_form import PolicyForm
from pe_desktop.ui.currency.status import StatusPanel
from pe_desktop.ui.currency.tables import Column, RecordTab
from pe_desktop.ui.widgets.messages import confirm, show_error


def _d(value: date | None, empty: str = "—") -> str:
    return value.strftime("%d/%m/%Y") if value else empty


def _choices(enum_cls: type) -> list[tuple[str, Any]]:
    return [(currency_label(v), v) for v in enum_cls]


def _files(row: Any) -> str:
    names = [a.filename for a in getattr(row, "attachments", ())]
    return ", ".join(names) if names else ""


class CurrencyPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.svc = CurrencyService(ctx)
        self.overview: CurrencyOverview | None = None
        self._domain_choices: list[tuple[str, str]] | None = None
        self.loading = False

        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel("<h2>Your currency as a practice educator</h2>", self)
        head.addWidget(title, 1)
        self.statement_button = QPushButton("Currency &statement (PDF)…", self)
        self.statement_button.setToolTip(
            "Save a statement of your currency for your partnership's PE database")
        self.statement_button.clicked.connect(self.export_statement)
        head.addWidget(self.statement_button)
        self.return_button = QPushButton("Partnership &return…", self)  # preview, then save
        self.return_button.clicked.connect(self.open_return)
        head.addWidget(self.return_button)
        layout.addLayout(head)
        self.status_panel = StatusPanel(self)
        self.status_panel.reason_activated.connect(self.show_reason)
        layout.addWidget(self.status_panel)
        self.start_hint = QLabel(
            "<b>Start your currency record:</b> add your PEPS qualifications, the date your "
            "Social Work England registration runs to, and your CPD. Students supported are "
            "filled in from your placements; add earlier students by hand.", self)
        self.start_hint.setWordWrap(True)
        self.start_hint.setStyleSheet(
            "background: #e8f1f8; border: 1px solid #9cc2dc; border-radius: 4px; padding: 6px;")
        self.start_hint.hide()
        layout.addWidget(self.start_hint)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self._build_tabs()

    # -- tabs ----------------------------------------------------------------
    def _build_tabs(self) -> None:
        self.qual_tab = RecordTab(
            [Column("Qualification", lambda r: r.display_title),
             Column("Completed", lambda r: _d(r.completed_on, "in progress"),
                    sort=lambda r: r.completed_on or date.max),
             Column("Provider / university", lambda r: r.provider),
             Column("Credits", lambda r: "" if r.credits is None else str(r.credits),
                    sort=lambda r: r.credits or 0),
             Column("Certificate", _files)],
            noun="qualification", empty_text="No qualifications yet. Add PEPS stage 1 and "
            "stage 2 with the date you completed them and attach the certificates.",
            on_add=lambda: self.edit_qualification(None), on_edit=self.edit_qualification,
            on_delete=lambda r: self._delete(r, f"the qualification '{r.display_title}'",
                                             self.svc.delete_qualification),
            parent=self)
        self._add_file_buttons(self.qual_tab, "certificate", "qualification_id")
        self.tabs.addTab(self.qual_tab, "&Qualifications")

        reg = QWidget(self)
        reg_layout = QVBoxLayout(reg)
        number_row = QHBoxLayout()
        number_row.addWidget(QLabel("Social Work England &registration number:", reg))
        self.reg_number = QLineEdit(reg)
        self.reg_number.setPlaceholderText("SW123456")
        self.reg_number.setMaximumWidth(160)
        number_row.itemAt(0).widget().setBuddy(self.reg_number)
        save_number = QPushButton("Save &number", reg)
        save_number.clicked.connect(self.save_registration_number)
        number_row.addWidget(self.reg_number)
        number_row.addWidget(save_number)
        number_row.addStretch(1)
        reg_layout.addLayout(number_row)
        self.reg_tab = RecordTab(
            [Column("Registered until", lambda r: _d(r.valid_until), sort=lambda r: r.valid_until),
             Column("Renewed on", lambda r: _d(r.renewed_on), sort=lambda r: r.renewed_on
                    or date.min),
             Column("Notes", lambda r: r.notes)],
            noun="registration period", empty_text="Add the date your current registration "
            "runs to (shown on your Social Work England online account). Add a new period "
            "each time you renew.",
            on_add=lambda: self.edit_registration(None), on_edit=self.edit_registration,
            on_delete=lambda r: self._delete(
                r, f"the registration period ending {_d(r.valid_until)}",
                self.svc.delete_registration),
            parent=reg)
        reg_layout.addWidget(self.reg_tab, 1)
        self.tabs.addTab(reg, "Re&gistration")

        self.students_tab = RecordTab(
            [Column("Student", lambda r: r.initials),
             Column("Placement", lambda r: label(PlacementKind(r.kind))),
             Column("University", lambda r: r.university),
             Column("From", lambda r: _d(r.start), sort=lambda r: r.start),
             Column("To", lambda r: _d(r.end, "running"), sort=lambda r: r.end or date.max),
             Column("Outcome", lambda r: _outcome(r.outcome)),
             Column("Recorded", lambda r: "from placements in PE Desktop"
                    if r.source == "placement" else "entered by hand")],
            noun="past student", empty_text="Students appear here from your placements. Add "
            "the students you supported before you used PE Desktop (initials only).",
            on_add=lambda: self.edit_past_student(None), on_edit=self.edit_past_student,
            on_delete=lambda r: self._delete(r, f"past student {r.initials}",
                                             self.svc.delete_past_student),
            editable=lambda r: r.source == "manual", parent=self)
        self.tabs.addTab(self.students_tab, "S&tudents supported")

        cpd = QWidget(self)
        cpd_layout = QVBoxLayout(cpd)
        cpd_layout.setContentsMargins(0, 0, 0, 0)
        self.cpd_tab = RecordTab(
            [Column("Date", lambda r: _d(r.on_date), sort=lambda r: r.on_date),
             Column("Title", lambda r: r.title, tooltip=lambda r: r.reflection),
             Column("Type", lambda r: currency_label(r.kind)),
             Column("Hours", lambda r: f"{r.hours:g}", sort=lambda r: r.hours),
             Column("Provider", lambda r: r.provider),
             Column("Domains", lambda r: ", ".join(domain_short_label(self.ctx, d)
                                                   for d in r.domains)),
             Column("Files", _files)],
            noun="CPD", empty_text="No CPD recorded yet. Log courses, workshops, reading, peer "
            "groups and PE forums with the hours and what you learnt.",
            on_add=lambda: self.edit_cpd(None), on_edit=self.edit_cpd,
            on_delete=lambda r: self._delete(r, f"the CPD entry '{r.title}'", self.svc.delete_cpd),
            parent=cpd)
        self._add_file_buttons(self.cpd_tab, "file", "cpd_entry_id")
        self.cpd_totals = QLabel("", cpd)
        self.cpd_totals.setWordWrap(True)
        cpd_layout.addWidget(self.cpd_totals)
        cpd_layout.addWidget(self.cpd_tab, 1)
        self.tabs.addTab(cpd, "&CPD")

        self.checkin_tab = RecordTab(
            [Column("Date", lambda r: _d(r.held_on), sort=lambda r: r.held_on),
             Column("Manager", lambda r: r.manager),
             Column("Caseload appropriate", lambda r: "Yes" if r.caseload_ok else "No"),
             Column("Placement", lambda r: r.placement_label or "—"),
             Column("Notes", lambda r: r.notes)],
            noun="check-in", empty_text="Record each conversation with your manager about "
            "whether your caseload allows you to take a student.",
            on_add=lambda: self.edit_checkin(None), on_edit=self.edit_checkin,
            on_delete=lambda r: self._delete(r, f"the check-in of {_d(r.held_on)}",
                                             self.svc.delete_checkin),
            parent=self)
        self.tabs.addTab(self.checkin_tab, "&Manager check-ins")

        self.mentoring_tab = RecordTab(
            [Column("Mentor", lambda r: r.mentor),
             Column("Role", lambda r: r.mentor_role),
             Column("Placement", lambda r: r.placement_label or "—"),
             Column("Ratified on", lambda r: _d(r.ratified_on, "not yet"),
                    sort=lambda r: r.ratified_on or date.max),
             Column("Decision", lambda r: r.decision)],
            noun="mentor", empty_text="Stage 1 PEs cannot take sole responsibility for a final "
            "placement. Record the stage 2 PE who mentors you and ratifies the decisions.",
            on_add=lambda: self.edit_mentoring(None), on_edit=self.edit_mentoring,
            on_delete=lambda r: self._delete(r, f"the mentoring record for {r.mentor}",
                                             self.svc.delete_mentoring),
            parent=self)
        self.tabs.addTab(self.mentoring_tab, "Mentoring (stage &1)")

        self.policy_form = PolicyForm(self.svc, self.refresh, self)
        self.tabs.addTab(self.policy_form, "&Policy")

    def _add_file_buttons(self, tab: RecordTab, noun: str, owner: str) -> None:
        tab.add_extra_button(f"Attach {noun}…", lambda r: self.attach(r, owner))
        tab.add_extra_button(f"Save {noun} as…", self.save_attachment,
                             enabled=lambda r: bool(r.attachments))
        tab.add_extra_button(f"Remove {noun}…", self.remove_attachment,
                             enabled=lambda r: bool(r.attachments))

    # -- loading ---------------------------------------------------------------
    def refresh(self) -> None:
        self.loading = True
        run_in_background(self.svc.overview, self._show, self._load_failed)

    def _load_failed(self, exc: BaseException) -> None:
        self.loading = False
        show_error(self, exc, "Currency record not loaded")

    def _show(self, ov: CurrencyOverview) -> None:
        self.loading = False
        self.overview = ov
        self.status_panel.show_status(ov.status, ov.pe_name)
        self.start_hint.setVisible(not (ov.qualifications or ov.registrations or ov.cpd
                                        or ov.past_students or ov.checkins or ov.mentoring))
        self.qual_tab.set_rows(ov.qualifications)
        if not self.reg_number.isModified():
            self.reg_number.setText(ov.registration_number)
        self.reg_tab.set_rows(ov.registrations)
        self.students_tab.set_rows(ov.students)
        self.cpd_tab.set_rows(ov.cpd)
        per_year = ov.cpd_hours_by_year()
        policy = ov.policy
        self.cpd_totals.setText(
            f"<b>{ov.status.cpd_hours_in_window:g} hours</b> in the last "
            f"{policy.cpd_window_months} months (policy minimum: "
            f"{f'{policy.cpd_min_hours:g} h' if policy.cpd_min_hours else 'one activity'}). "
            + ("By year: " + " · ".join(f"{y}: {h:g} h" for y, h in per_year.items())
               if per_year else ""))
        self.checkin_tab.set_rows(ov.checkins)
        self.mentoring_tab.set_rows(ov.mentoring)
        self.policy_form.show_policy(ov.policy, ov.policy_is_custom)

    #: Which tab shows the records behind each rule.
    RULE_TABS = {"registration": 1, "student": 2, "cpd": 3, "checkin": 4}

    def show_reason(self, rule: str, placement_id: int | None) -> None:
        """Open the tab holding the records behind a reason (add one if the
        reason is a missing check-in for a placement)."""
        self.tabs.setCurrentIndex(self.RULE_TABS.get(rule, 0))
        if rule == "checkin" and placement_id is not None:
            self.edit_checkin(None, placement_id=placement_id)

    # -- editing -------------------------------------------------------------------
    def _dialog(self, title: str, fields: list[Field], values: dict[str, Any],
                save: Callable[[dict[str, Any]], Any]) -> bool:
        dlg = RecordDialog(title, fields, values, save, self.ctx.today(), self)
        ok = dlg.exec() == RecordDialog.DialogCode.Accepted
        if ok:
            self.refresh()
        return ok

    def _placement_choices(self, current: int | None) -> list[tuple[str, Any]]:
        rows = self.overview.placements if self.overview else []
        out: list[tuple[str, Any]] = [("— not about one placement —", None)]
        out += [(p.label + ("" if p.open else " (ended)"), p.id) for p in rows
                if p.open or p.id == current or len(out) < 40]
        return out

    def edit_qualification(self, row: Any) -> None:
        fields = [
            Field("kind", "Qualification", "choice", _choices(QualificationKind)),
            Field("title", "Title", "text", placeholder="e.g. PEPS stage 2 (Eastbrook)"),
            Field("completed_on", "Completed", "optional_date", unset_text="In progress"),
            Field("provider", "Provider / university", "text"),
            Field("credits", "Credits", "optional_int", help="Academic credits, if any"),
            Field("notes", "Notes", "multiline"),
        ]
        values = row.__dict__ if row else {"kind": QualificationKind.PEPS1}

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_qualification(QualificationInput(
                v["kind"], v["completed_on"], v["title"], v["provider"], v["credits"],
                v["notes"]), row.id if row else None)

        self._dialog("Edit qualification" if row else "Add qualification", fields, values, save)

    def edit_registration(self, row: Any) -> None:
        fields = [
            Field("valid_until", "Registered until", "date"),
            Field("renewed_on", "Renewed on", "optional_date", unset_text="Not recorded"),
            Field("notes", "Notes", "multiline"),
        ]
        today = self.ctx.today()
        default_until = today.replace(month=11, day=30)
        if default_until < today:
            default_until = default_until.replace(year=today.year + 1)
        values = row.__dict__ if row else {"valid_until": default_until, "renewed_on": today}

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_registration(RegistrationInput(
                v["valid_until"], v["renewed_on"], v["notes"]), row.id if row else None)

        self._dialog("Edit registration period" if row else "Add registration period",
                     fields, values, save)

    def save_registration_number(self) -> None:
        number = self.reg_number.text()

        def done(_: Any) -> None:
            self.reg_number.setModified(False)
            self.refresh()

        run_in_background(lambda: self.svc.set_registration_number(number), done,
                          lambda exc: show_error(self, exc, "Registration number not saved"))

    def edit_past_student(self, row: Any) -> None:
        fields = [
            Field("initials", "Initials", "text", placeholder="e.g. A.B. (no full names)"),
            Field("kind", "Placement", "choice",
                  [(label(k), k) for k in PlacementKind]),
            Field("university", "University", "text"),
            Field("start_date", "From", "date"),
            Field("end_date", "To", "optional_date", unset_text="Still running"),
            Field("outcome", "Outcome", "choice", _choices(StudentOutcome)),
            Field("notes", "Notes", "multiline"),
        ]
        values: dict[str, Any] = {"kind": PlacementKind.FIRST, "outcome": StudentOutcome.PASSED}
        if row:
            values = {"initials": row.initials, "kind": PlacementKind(row.kind),
                      "university": row.university, "start_date": row.start,
                      "end_date": row.end, "outcome": StudentOutcome(row.outcome)}
            past = next((p for p in (self.overview.past_students if self.overview else [])
                         if p.id == row.ref_id), None)
            if past:
                values["notes"] = past.notes

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_past_student(PastStudentInput(
                v["initials"], v["start_date"], v["end_date"], v["kind"], v["university"],
                v["outcome"], v["notes"]), row.ref_id if row else None)

        self._dialog("Edit past student" if row else "Add past student", fields, values, save)

    def edit_cpd(self, row: Any) -> None:
        if self._domain_choices is None:
            self._domain_choices = domain_choices(self.ctx)
        fields = [
            Field("on_date", "Date", "date"),
            Field("title", "Title", "text"),
            Field("kind", "Type", "choice", _choices(CpdKind)),
            Field("hours", "Hours", "hours"),
            Field("provider", "Provider", "text"),
            Field("reflection", "Reflection", "multiline",
                  placeholder="What did you learn, and how will it change your practice "
                  "education?"),
            Field("domains", "PCF / PEPS domains", "domains", self._domain_choices),
        ]
        values = row.__dict__ if row else {"kind": CpdKind.COURSE, "hours": 1.0}

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_cpd(CpdInput(
                v["on_date"], v["title"], v["hours"], v["kind"], v["provider"], v["reflection"],
                v["domains"]), row.id if row else None)

        self._dialog("Edit CPD" if row else "Add CPD", fields, values, save)

    def edit_checkin(self, row: Any, placement_id: int | None = None) -> None:
        fields = [
            Field("held_on", "Date", "date"),
            Field("manager", "Manager", "text"),
            Field("caseload_ok", "Caseload judged appropriate for taking a student", "bool"),
            Field("placement_id", "Placement", "choice",
                  self._placement_choices(row.placement_id if row else placement_id)),
            Field("notes", "Notes", "multiline"),
        ]
        values = row.__dict__ if row else {"caseload_ok": True, "placement_id": placement_id}

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_checkin(CheckInInput(
                v["held_on"], v["manager"], v["caseload_ok"], v["placement_id"], v["notes"]),
                row.id if row else None)

        self._dialog("Edit manager check-in" if row else "Add manager check-in",
                     fields, values, save)

    def edit_mentoring(self, row: Any) -> None:
        fields = [
            Field("mentor", "Mentor (stage 2 PE)", "text"),
            Field("mentor_role", "Role", "text", placeholder="e.g. Practice Education Lead"),
            Field("placement_id", "Final placement", "choice",
                  self._placement_choices(row.placement_id if row else None)),
            Field("ratified_on", "Decisions ratified on", "optional_date", unset_text="Not yet"),
            Field("decision", "What was ratified", "multiline"),
        ]
        values = row.__dict__ if row else {}

        def save(v: dict[str, Any]) -> int:
            return self.svc.save_mentoring(MentoringInput(
                v["mentor"], v["placement_id"], v["mentor_role"], v["ratified_on"],
                v["decision"]), row.id if row else None)

        self._dialog("Edit mentoring" if row else "Add mentoring", fields, values, save)

    def _delete(self, row: Any, what: str, fn: Callable[[int], None]) -> None:
        row_id = getattr(row, "ref_id", None) if hasattr(row, "source") else row.id
        if not confirm(self, "Delete", f"Delete {what}? This cannot be undone.", "Delete"):
            return
        run_in_background(lambda: fn(row_id), lambda _r: self.refresh(),
                          lambda exc: show_error(self, exc, "Not deleted"))

    # -- attachments -----------------------------------------------------------------
    def attach(self, row: Any, owner: str) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Attach a file", "",
                                              "Documents (*.pdf *.png *.jpg *.jpeg *.docx "
                                              "*.odt *.txt);;All files (*)")
        if path:
            run_in_background(lambda: self.svc.attach(Path(path), **{owner: row.id}),
                              lambda _a: self.refresh(),
                              lambda exc: show_error(self, exc, "File not attached"))

    def _pick_attachment(self, row: Any, verb: str) -> Any:
        files = list(row.attachments)
        if len(files) == 1:
            return files[0]
        names = [f"{a.filename} ({a.size // 1024 + 1} KB)" for a in files]
        name, ok = QInputDialog.getItem(self, f"{verb} file", "File:", names, 0, False)
        return files[names.index(name)] if ok else None

    def save_attachment(self, row: Any) -> None:
        a = self._pick_attachment(row, "Save")
        if a is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Save file as", a.filename)
        if path:
            run_in_background(lambda: self.svc.save_attachment_as(a.id, Path(path)),
                              lambda _p: None,
                              lambda exc: show_error(self, exc, "File not saved"))

    def remove_attachment(self, row: Any) -> None:
        a = self._pick_attachment(row, "Remove")
        if a is None or not confirm(self, "Remove file",
                                    f"Remove {a.filename}? The stored copy is deleted.",
                                    "Remove"):
            return
        run_in_background(lambda: self.svc.remove_attachment(a.id), lambda _r: self.refresh(),
                          lambda exc: show_error(self, exc, "File not removed"))

    # -- statement --------------------------------------------------------------------
    def open_return(self) -> None:
        from pe_desktop.ui.partnership.dialog import ReturnDialog

        ReturnDialog(self.ctx, self).exec()

    def export_statement(self) -> None:
        """Save the statement PDF (signed when the PE has a signing identity)."""
        from pe_desktop.ui.currency.export import save_statement

        self.statement_button.setEnabled(False)
        self.statement_button.setText("Saving statement…")

        def finished() -> None:
            self.statement_button.setEnabled(True)
            self.statement_button.setText("Currency &statement (PDF)…")

        save_statement(self.ctx, self, finished)


def _outcome(value: str) -> str:
    if value == "completed":
        return "Completed"
    try:
        return currency_label(StudentOutcome(value))
    except ValueError:
        return value.capitalize()


__all__ = ["CurrencyPage", "fmt"]
