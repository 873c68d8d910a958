"""First run: create the PE's profile, or load the demo data instead."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import PEArrangement, label
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.profile import ProfileData, ProfileService
from pe_desktop.ui.widgets.forms import FormErrors
from pe_desktop.ui.widgets.messages import show_error


class SetupDialog(QDialog):
    """Accepted once a profile exists (typed in, or from the demo data)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded_demo = False
        self.joined_as_oss = False
        self.setWindowTitle("Welcome to PE Desktop")
        self.setMinimumWidth(520)

        intro = QLabel(
            "<h2>Welcome to PE Desktop</h2>"
            "<p>Your placements, evidence and reports stay on this computer. "
            "Start by telling PE Desktop who you are; this goes on the reports you write.</p>"
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.RichText)

        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.full_name = QLineEdit()
        self.full_name.setPlaceholderText("e.g. Máire Ó Dónaill")
        self.registration = QLineEdit()
        self.registration.setPlaceholderText("SW123456")
        self.organisation = QLineEdit()
        self.organisation.setPlaceholderText("Employer or 'Independent practice educator'")
        self.email = QLineEdit()
        self.email.setPlaceholderText("you@example.org.uk")
        self.arrangement = QComboBox()
        for value in PEArrangement:
            self.arrangement.addItem(label(value), value)
        self.errors.add_row(form, "full_name", "Your &name:", self.full_name)
        self.errors.add_row(
            form, "swe_registration", "Social Work England &registration:", self.registration
        )
        self.errors.add_row(form, "organisation", "&Organisation:", self.organisation)
        self.errors.add_row(form, "email", "&Email:", self.email)
        self.errors.add_row(
            form, "usual_arrangement", "Usual PE &arrangement:", self.arrangement
        )

        buttons = QDialogButtonBox()
        self.create_button = buttons.addButton(
            "Create profile", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.demo_button = QPushButton("Load &demo data instead")
        self.demo_button.setToolTip(
            "Fill PE Desktop with invented students and placements to try it out"
        )
        buttons.addButton(self.demo_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.oss_button = QPushButton("I am an on-site &supervisor…")
        self.oss_button.setToolTip("Join with the invitation file a practice educator sent you")
        self.oss_button.clicked.connect(self.join_as_oss)
        buttons.addButton(self.oss_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.create_button.clicked.connect(self.create_profile)
        self.demo_button.clicked.connect(self.load_demo)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(buttons)
        self.full_name.setFocus()

    def data(self) -> ProfileData:
        return ProfileData(
            full_name=self.full_name.text(),
            swe_registration=self.registration.text(),
            organisation=self.organisation.text(),
            email=self.email.text(),
            usual_arrangement=PEArrangement(self.arrangement.currentData()),
        )

    def create_profile(self) -> None:
        self.errors.clear()
        try:
            ProfileService(self.ctx).save(self.data())
        except ValidationError as exc:
            self.errors.show(exc.problems)
            return
        except PEDesktopError as exc:
            show_error(self, exc, "Profile not saved")
            return
        self.accept()

    def join_as_oss(self) -> None:
        """On-site supervisors get the reduced app instead of a PE profile."""
        from pe_desktop.ui.oss.join_dialog import JoinDialog
        from pe_desktop.ui.signing import SigningSupport

        dlg = JoinDialog(self.ctx, SigningSupport(self.ctx, self), self)

        def joined() -> None:
            self.joined_as_oss = True
            self.accept()

        dlg.accepted.connect(joined)
        dlg.open()
        self.join_dialog = dlg

    def load_demo(self) -> None:
        """Create the demo data off the GUI thread; accept when it is in."""
        from pe_desktop.services.demo import create_demo_data
        from pe_desktop.ui.background import run_in_background

        self._set_busy(True)

        def failed(exc: BaseException) -> None:
            self._set_busy(False)
            show_error(self, exc, "Demo data not loaded")

        def done(_counts: object) -> None:
            self._set_busy(False)
            self.loaded_demo = True
            self.accept()

        run_in_background(lambda: create_demo_data(self.ctx), done, failed)

    def _set_busy(self, busy: bool) -> None:
        for w in (self.create_button, self.demo_button):
            w.setEnabled(not busy)
        if busy:
            self.setCursor(Qt.CursorShape.WaitCursor)
            self.demo_button.setText("Loading demo data…")
        else:
            self.unsetCursor()
            self.demo_button.setText("Load &demo data instead")
