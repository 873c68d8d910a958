"""Add or edit a student."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import ProgrammeKind, label
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.students import StudentInput, StudentRow, StudentService
from pe_desktop.ui.widgets.forms import FormErrors, save_cancel_buttons
from pe_desktop.ui.widgets.messages import show_error


class StudentDialog(QDialog):
    """Saves through :class:`StudentService`; ``saved`` holds the result row."""

    def __init__(self, ctx: AppContext, student: StudentRow | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = StudentService(ctx)
        self.student = student
        self.saved: StudentRow | None = None
        self.setWindowTitle("Edit student" if student else "New student")
        self.setMinimumWidth(520)

        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.full_name = QLineEdit()
        self.preferred_name = QLineEdit()
        self.preferred_name.setPlaceholderText("Optional")
        self.university = QComboBox()
        self.university.setEditable(True)
        self.university.addItems(self.service.universities())
        self.university.setCurrentIndex(-1)
        self.university.lineEdit().setPlaceholderText("Type or choose a university")
        self.student_number = QLineEdit()
        self.email = QLineEdit()
        self.email.setPlaceholderText("Optional")
        self.programme = QComboBox()
        self.programme.setEditable(True)
        self.programme.lineEdit().setPlaceholderText("e.g. BA (Hons) Social Work")
        self.programme_kind = QComboBox()
        for kind in ProgrammeKind:
            self.programme_kind.addItem(label(kind), kind)
        self.cohort = QLineEdit()
        self.cohort.setPlaceholderText("e.g. 2025")
        self.adjustments = QPlainTextEdit()
        self.adjustments.setPlaceholderText("Reasonable adjustments agreed with the student")
        self.adjustments.setTabChangesFocus(True)
        self.adjustments.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)

        add = self.errors.add_row
        add(form, "full_name", "&Name:", self.full_name)
        add(form, "preferred_name", "&Preferred name:", self.preferred_name)
        add(form, "university", "&University:", self.university)
        add(form, "student_number", "University student &ID:", self.student_number)
        add(form, "email", "&Email:", self.email)
        add(form, "programme", "P&rogramme:", self.programme)
        add(form, "programme_kind", "Programme r&oute:", self.programme_kind)
        add(form, "cohort", "&Cohort:", self.cohort)
        add(form, "adjustments", "Reasonable &adjustments:", self.adjustments)

        self._programmes: dict[str, ProgrammeKind] = {}
        self.university.currentTextChanged.connect(self._load_programmes)
        self.programme.currentTextChanged.connect(self._programme_chosen)

        buttons = save_cancel_buttons(self, self.save)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(buttons)
        if student is not None:
            self._fill(student)
        self.full_name.setFocus()

    def _fill(self, s: StudentRow) -> None:
        self.full_name.setText(s.full_name)
        self.preferred_name.setText(s.preferred_name)
        self.university.setCurrentText(s.university)
        self.student_number.setText(s.student_number)
        self.email.setText(s.email)
        self.programme.setCurrentText(s.programme)
        kind = s.programme_kind or ProgrammeKind.OTHER
        self.programme_kind.setCurrentIndex(self.programme_kind.findData(kind))
        self.cohort.setText(s.cohort)
        self.adjustments.setPlainText(s.adjustments)

    def _load_programmes(self, university: str) -> None:
        current = self.programme.currentText()
        self._programmes = dict(self.service.programmes(university)) if university.strip() else {}
        self.programme.blockSignals(True)
        self.programme.clear()
        self.programme.addItems(list(self._programmes))
        self.programme.setCurrentText(current)
        self.programme.blockSignals(False)

    def _programme_chosen(self, name: str) -> None:
        kind = self._programmes.get(name)
        if kind is not None:
            self.programme_kind.setCurrentIndex(self.programme_kind.findData(kind))

    def data(self) -> StudentInput:
        return StudentInput(
            full_name=self.full_name.text(),
            university=self.university.currentText(),
            student_number=self.student_number.text(),
            preferred_name=self.preferred_name.text(),
            email=self.email.text(),
            programme=self.programme.currentText(),
            programme_kind=ProgrammeKind(self.programme_kind.currentData()),
            cohort=self.cohort.text(),
            adjustments=self.adjustments.toPlainText(),
        )

    def save(self) -> None:
        self.errors.clear()
        try:
            if self.student is None:
                self.saved = self.service.create(self.data())
            else:
                self.saved = self.service.update(self.student.id, self.data())
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        except PEDesktopError as exc:
            show_error(self, exc, "Student not saved")
            return
        self.accept()
