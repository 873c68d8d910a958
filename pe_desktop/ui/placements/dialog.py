"""Add or edit a placement."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import (
    DEFAULT_REQUIRED_DAYS,
    PEArrangement,
    PlacementKind,
    ServiceArea,
    label,
)
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.schedule import planned_end_date
from pe_desktop.domain.working_days import closed_days
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementInput, PlacementRow, PlacementService
from pe_desktop.services.placements.students import StudentRow
from pe_desktop.services.profile import ProfileService
from pe_desktop.ui.widgets.date_field import (
    DateField,
    DateParseError,
    from_qdate,
    parse_date,
    to_qdate,
)
from pe_desktop.ui.widgets.forms import FormErrors, save_cancel_buttons
from pe_desktop.ui.widgets.messages import confirm, show_error

DATE_FORMAT = "dd/MM/yyyy"


def date_edit(value: date, today: Callable[[], date]) -> DateField:
    """The app's date field (typed or picked; see ``widgets/date_field``)."""
    return DateField(value, today=today)


class PlacementDialog(QDialog):
    """Saves through :class:`PlacementService`; ``saved`` holds the result row."""

    def __init__(self, ctx: AppContext, students: list[StudentRow],
                 placement: PlacementRow | None = None, student_id: int | None = None,
                 parent: QWidget | None = None,
                 known: list[PlacementRow] | None = None) -> None:
        """``known`` placements supply type-ahead suggestions (organisations, people)."""
        super().__init__(parent)
        self.ctx = ctx
        self.service = PlacementService(ctx)
        self.placement = placement
        self.saved: PlacementRow | None = None
        self.setWindowTitle("Edit placement" if placement else "New placement")
        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        add = self.errors.add_row

        # -- the placement ---------------------------------------------------
        what = QFormLayout()
        self.student = QComboBox()
        for s in students:
            self.student.addItem(f"{s.display_name} — {s.university}", s.id)
        self.student.setCurrentIndex(-1)
        self.kind = QComboBox()
        for k in PlacementKind:
            self.kind.addItem(label(k), k)
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("e.g. Westmoor County Council")
        self.team = QLineEdit()
        self.service_area = QComboBox()
        for a in ServiceArea:
            self.service_area.addItem(label(a), a)
        self.statutory = QCheckBox("Statutory setting")
        self.arrangement = QComboBox()
        for a in PEArrangement:
            self.arrangement.addItem(label(a), a)
        self.level = QComboBox()
        add(what, "student_id", "&Student:", self.student)
        add(what, "kind", "&Type:", self.kind)
        add(what, "organisation", "&Organisation:", self.organisation)
        add(what, "team", "Tea&m:", self.team)
        add(what, "service_area", "Service &area:", self.service_area)
        add(what, "statutory", "", self.statutory)
        add(what, "pe_arrangement", "PE arran&gement:", self.arrangement)
        add(what, "framework_level", "Assessed at &level:", self.level)

        # -- dates -----------------------------------------------------------
        when = QFormLayout()
        today = ctx.today()
        self.start = date_edit(today, ctx.today)
        self.required = QSpinBox()
        self.required.setRange(1, 400)
        self.required.setSuffix(" days")
        self.per_week = QSpinBox()
        self.per_week.setRange(1, 5)
        self.per_week.setValue(5)
        self.per_week.setSuffix(" days a week")
        self.end = date_edit(today, ctx.today)
        self.auto_end = QCheckBox("Work out from the required days")
        self.auto_end.setChecked(True)
        end_box = QWidget()
        end_lay = QVBoxLayout(end_box)
        end_lay.setContentsMargins(0, 0, 0, 0)
        end_lay.addWidget(self.end)
        end_lay.addWidget(self.auto_end)
        add(when, "start_date", "Start &date:", self.start)
        add(when, "required_days", "&Required days:", self.required)
        add(when, "days_per_week", "&Pattern:", self.per_week)
        add(when, "planned_end_date", "Planned &end:", end_box)
        self.closures = QLineEdit()
        self.closures.setPlaceholderText("e.g. 24/12/2026, 29/12/2026")
        self.closures.setToolTip("Days the setting is closed, separated by commas: like bank "
                                 "holidays, they are not placement days")
        add(when, "closure_days", "Closure da&ys:", self.closures)
        self.errors.widgets["planned_end_date"] = self.end

        # -- people ----------------------------------------------------------
        who = QFormLayout()
        self.oss_name = QLineEdit()
        self.oss_contact = QLineEdit()
        self.tutor_name = QLineEdit()
        self.tutor_contact = QLineEdit()
        for w in (self.oss_contact, self.tutor_contact):
            w.setPlaceholderText("Email or phone")
        add(who, "oss_name", "On-site super&visor:", self.oss_name)
        add(who, "oss_contact", "Supervisor contact:", self.oss_contact)
        add(who, "tutor_name", "&University tutor:", self.tutor_name)
        add(who, "tutor_contact", "Tutor contact:", self.tutor_contact)

        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        notes_form = QFormLayout()
        add(notes_form, "notes", "&Notes:", self.notes)

        grid = QGridLayout()
        grid.addWidget(self._group("Placement", what), 0, 0, 2, 1)
        grid.addWidget(self._group("Dates", when), 0, 1)
        grid.addWidget(self._group("People", who), 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)

        buttons = save_cancel_buttons(self, self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addLayout(notes_form)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self._required_touched = False
        self._level_touched = False
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.required.valueChanged.connect(self._required_edited)
        self.level.activated.connect(lambda _i: setattr(self, "_level_touched", True))
        for sig in (self.start.dateChanged, self.required.valueChanged,
                    self.per_week.valueChanged, self.auto_end.toggled,
                    self.closures.editingFinished):
            sig.connect(self._update_end)

        self._suggest(known or [])
        if placement is not None:
            self._fill(placement)
        else:
            profile = ProfileService(ctx).get()
            if profile is not None:
                self.arrangement.setCurrentIndex(
                    self.arrangement.findData(profile.usual_arrangement))
            if student_id is not None:
                self.student.setCurrentIndex(self.student.findData(student_id))
            self._kind_changed()
        self._update_end()
        (self.organisation if self.student.currentIndex() >= 0 else self.student).setFocus()

    def _suggest(self, known: list[PlacementRow]) -> None:
        for edit, attr in ((self.organisation, "organisation"), (self.team, "team"),
                           (self.oss_name, "oss_name"), (self.oss_contact, "oss_contact"),
                           (self.tutor_name, "tutor_name"),
                           (self.tutor_contact, "tutor_contact")):
            words = sorted({getattr(p, attr) for p in known if getattr(p, attr)}, key=str.casefold)
            if words:
                completer = QCompleter(words, edit)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                edit.setCompleter(completer)

    @staticmethod
    def _group(title: str, form: QFormLayout) -> QGroupBox:
        box = QGroupBox(title)
        box.setLayout(form)
        return box

    # -- behaviour ---------------------------------------------------------
    def _framework(self, ref: str | None = None):  # -> Framework
        frameworks = self.ctx.frameworks
        return frameworks.get(ref) if ref and ref in frameworks else frameworks.default

    def _fill_levels(self, ref: str | None, select: str | None) -> None:
        fw = self._framework(ref)
        self.level.clear()
        for lv in fw.levels:
            self.level.addItem(lv.title, lv.key)
        if select is not None:
            self.level.setCurrentIndex(max(0, self.level.findData(select)))

    def _kind_changed(self, *_: object) -> None:
        kind = PlacementKind(self.kind.currentData())
        if not self._required_touched:
            self.required.blockSignals(True)
            self.required.setValue(DEFAULT_REQUIRED_DAYS[kind])
            self.required.blockSignals(False)
            self._update_end()
        if not self._level_touched:
            ref = self.placement.framework_ref if self.placement else None
            self._fill_levels(ref, self._framework(ref).default_level_for(kind.value).key)

    def _required_edited(self, *_: object) -> None:
        self._required_touched = True

    def _update_end(self, *_: object) -> None:
        auto = self.auto_end.isChecked()
        self.end.setEnabled(not auto)
        if auto and self.start.is_valid():
            try:
                closed = closed_days(self._closure_days())
            except ValidationError:
                return  # the closures field says what is wrong when saving
            self.end.setDate(to_qdate(planned_end_date(
                from_qdate(self.start.date()), self.required.value(), self.per_week.value(),
                closed)))

    def _closure_days(self) -> tuple[date, ...]:
        days = []
        for part in self.closures.text().replace(";", ",").split(","):
            if not part.strip():
                continue
            try:
                days.append(parse_date(part, self.ctx.today()))
            except DateParseError:
                raise ValidationError({"closure_days": f"“{part.strip()}” is not a date "
                                       "(e.g. 24/12/2026)"}, record="Placement") from None
        return tuple(sorted(set(days)))

    def _fill(self, p: PlacementRow) -> None:
        self._required_touched = True
        self._level_touched = True
        self.student.setCurrentIndex(self.student.findData(p.student_id))
        self.kind.setCurrentIndex(self.kind.findData(p.kind))
        self.organisation.setText(p.organisation)
        self.team.setText(p.team)
        self.service_area.setCurrentIndex(self.service_area.findData(p.service_area))
        self.statutory.setChecked(p.statutory)
        self.arrangement.setCurrentIndex(self.arrangement.findData(p.pe_arrangement))
        self._fill_levels(p.framework_ref, p.framework_level)
        self.start.setDate(to_qdate(p.start_date))
        self.required.setValue(p.required_days)
        self.per_week.setValue(p.days_per_week)
        closures = self.service.closure_days(p.id)
        self.closures.setText(", ".join(f"{d:%d/%m/%Y}" for d in closures))
        computed = planned_end_date(p.start_date, p.required_days, p.days_per_week,
                                    closed_days(closures))
        self.auto_end.setChecked(computed == p.planned_end_date)
        self.end.setDate(to_qdate(p.planned_end_date))
        self.oss_name.setText(p.oss_name)
        self.oss_contact.setText(p.oss_contact)
        self.tutor_name.setText(p.tutor_name)
        self.tutor_contact.setText(p.tutor_contact)
        self.notes.setPlainText(p.notes)

    def data(self) -> PlacementInput:
        sid = self.student.currentData()
        return PlacementInput(
            student_id=int(sid) if sid is not None else 0,
            kind=PlacementKind(self.kind.currentData()),
            organisation=self.organisation.text(),
            start_date=from_qdate(self.start.date()),
            required_days=self.required.value(),
            planned_end_date=None if self.auto_end.isChecked() else from_qdate(self.end.date()),
            days_per_week=self.per_week.value(),
            team=self.team.text(),
            service_area=ServiceArea(self.service_area.currentData()),
            statutory=self.statutory.isChecked(),
            pe_arrangement=PEArrangement(self.arrangement.currentData()),
            oss_name=self.oss_name.text(),
            oss_contact=self.oss_contact.text(),
            tutor_name=self.tutor_name.text(),
            tutor_contact=self.tutor_contact.text(),
            framework_ref=self.placement.framework_ref if self.placement else None,
            framework_level=self.level.currentData(),
            notes=self.notes.toPlainText(),
            closure_days=self._closure_days(),
        )

    def save(self) -> None:
        self.errors.clear()
        try:
            if self.student.currentData() is None:
                problems = {"student_id": "Choose a student"}
                try:
                    self.service.validate(self.data())
                except ValidationError as exc:
                    problems.update(exc.problems)
                raise ValidationError(problems, record="Placement")
            self.service.validate(self.data())
            if self._sole_final_declined():
                return
            if self.placement is None:
                self.saved = self.service.create(self.data())
            else:
                self.saved = self.service.update(self.placement.id, self.data())
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        except PEDesktopError as exc:
            show_error(self, exc, "Placement not saved")
            return
        self.accept()

    def _sole_final_declined(self) -> bool:
        """Currency (issue 5): a stage 1 PE cannot take sole responsibility for a
        final placement. Warn when a placement becomes final; the PE may go on."""
        kind = PlacementKind(self.kind.currentData())
        if kind != PlacementKind.FINAL or (
                self.placement is not None and self.placement.kind == PlacementKind.FINAL):
            return False
        from pe_desktop.services.currency.service import CurrencyService

        warning = CurrencyService(self.ctx).sole_final_warning(
            kind, self.placement.id if self.placement else None)
        return bool(warning) and not confirm(self, "Stage 1 PE on a final placement", warning,
                                             "Save anyway")
