"""Dialogs used by the Reports page: sign-off, confirmations, reopen, passphrases."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.reports import (
    TYPED_CONFIRMATIONS,
    CheckItem,
    ConfirmationMethod,
    label,
)
from pe_desktop.domain.wording import count
from pe_desktop.ui.widgets.date_field import DateField


def checklist_item(item: CheckItem) -> QListWidgetItem:
    mark = "✔" if item.ok else "✘"
    text = f"{mark}  {item.label}" + (f"\n     {item.detail}" if item.detail else "")
    row = QListWidgetItem(text)
    row.setToolTip(item.detail or "Done")
    return row


class SignOffDialog(QDialog):
    """Confirm the sign-off; with items outstanding, an override needs a reason."""

    def __init__(self, title: str, checklist: list[CheckItem], parent: QWidget | None = None,
                 *, recommendation: str = "", borderline: bool = False) -> None:
        """``recommendation`` (its label) and ``borderline`` are what is being signed:
        shown so a value changed by accident cannot be signed unseen."""
        super().__init__(parent)
        self.setWindowTitle(f"Sign off the {title.lower()}")
        self.outstanding = [c for c in checklist if not c.ok]
        layout = QVBoxLayout(self)
        self.signing = QLabel(
            f"<b>Recommendation being signed:</b> {recommendation or 'Not yet decided'}"
            + ("<br><b>Flagged as borderline</b>" if borderline else ""))
        self.signing.setObjectName("signing")
        self.signing.setStyleSheet("QLabel#signing { background: #eef3fb; padding: 8px; }")
        layout.addWidget(self.signing)
        intro = QLabel(
            "Signing locks this version: it can no longer be edited. To change it later you "
            "reopen the report, which keeps this signed version and starts a new one."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.setMinimumWidth(480)
        lst = QListWidget()
        lst.setAccessibleName("Checklist before signing")
        lst.setWordWrap(True)
        for c in checklist:
            lst.addItem(checklist_item(c))
        layout.addWidget(lst)
        self.override = QCheckBox("Sign anyway, with the items above outstanding")
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why are you signing with items outstanding?")
        self.reason.setMaximumHeight(80)
        self.reason.setAccessibleName("Override reason")
        if self.outstanding:
            layout.addWidget(self.override)
            layout.addWidget(self.reason)
            self.reason.setEnabled(False)
            self.override.toggled.connect(self._update)
            self.reason.textChanged.connect(self._update)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_button = self.buttons.addButton("Sign and lock",
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self, *_: object) -> None:
        self.reason.setEnabled(self.override.isChecked())
        ok = not self.outstanding or (
            self.override.isChecked() and bool(self.reason.toPlainText().strip()))
        self.sign_button.setEnabled(ok)
        self.error.setText("" if ok or not self.outstanding else
                           f"{count(len(self.outstanding), 'item')} outstanding: complete them, or "
                           "override with a reason.")

    @property
    def override_reason(self) -> str:
        return self.reason.toPlainText().strip() if self.override.isChecked() else ""


class ConfirmationDialog(QDialog):
    """Record who confirmed the signed report, when and how."""

    def __init__(self, who_label: str, default_name: str, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Record the {who_label}'s confirmation")
        form = QFormLayout(self)
        self.name = QLineEdit(default_name)
        form.addRow("Name", self.name)
        self.on = DateField(today, today=lambda: today)
        self.on.set_range(maximum=today)
        form.addRow("Date", self.on)
        self.how = QComboBox()
        for m in TYPED_CONFIRMATIONS:
            self.how.addItem(label(m), m)
        form.addRow("How", self.how)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        if self.on.is_valid():  # otherwise the field says what is wrong
            super().accept()
        else:
            self.on.setFocus()

    def values(self) -> tuple[str, date, ConfirmationMethod]:
        return self.name.text().strip(), self.on.value(), self.how.currentData()


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        text = QLabel(prompt)
        text.setWordWrap(True)
        layout.addWidget(text)
        self.reason = QPlainTextEdit()
        self.reason.setAccessibleName("Reason")
        self.reason.setMaximumHeight(90)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip())))

    def text(self) -> str:
        return self.reason.toPlainText().strip()


class PassphraseDialog(QDialog):
    """Ask for the encrypted secrets file's passphrase (twice when creating it)."""

    def __init__(self, creating: bool, location: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.creating = creating
        self.setWindowTitle("Passphrase for your secrets")
        form = QFormLayout(self)
        msg = QLabel(
            "No system keyring is available, so PE Desktop keeps your signing key's "
             f"passphrase in an encrypted file ({location}). " +
             ("Choose a passphrase of at least 8 characters to protect it; you will need it "
              "each time you start PE Desktop and sign." if creating else
              "Enter the passphrase that protects it.")
        )
        msg.setWordWrap(True)
        form.addRow(msg)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Passphrase", self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if creating:
            form.addRow("Repeat", self.second)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _accept(self) -> None:
        if self.creating and len(self.first.text()) < 8:
            self.error.setText("Use at least 8 characters.")
            return
        if self.creating and self.first.text() != self.second.text():
            self.error.setText("The two passphrases differ.")
            return
        if not self.first.text():
            self.error.setText("Enter the passphrase.")
            return
        self.accept()

    def passphrase(self) -> str:
        return self.first.text()
