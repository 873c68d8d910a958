"""Unlocking at start-up: the secrets-file passphrase and the recovery key.

Without an OS keyring the data key lives in the encrypted secrets file, so
the app asks for its passphrase once per start. Deriving the file's key takes
a moment, so the check runs in the background while the dialog stays
responsive; a wrong passphrase is said inline and the dialog stays open.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.ui.background import run_in_background

WRONG_STYLE = "color: #b00020;"


class UnlockDialog(QDialog):
    """Ask for the secrets file's passphrase (twice when creating it) and open the store."""

    def __init__(self, keys_dir: Path, creating: bool, parent: QWidget | None = None,
                 opener: Callable[[Path, str], Any] | None = None) -> None:
        super().__init__(parent)
        self.keys_dir = Path(keys_dir)
        self.creating = creating
        self.store: Any = None
        self.wants_recovery = False
        self._opener = opener or _open_file_store
        self.setWindowTitle("Unlock PE Desktop")
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        intro = QLabel(
            "Your data is encrypted. No system keyring is available on this computer, so its "
            "key is kept in an encrypted file protected by a passphrase. " + (
                "<b>Choose a passphrase</b> of at least 8 characters; you will type it each "
                "time PE Desktop starts." if creating else
                "<b>Enter your passphrase</b> to open your data."))
        intro.setWordWrap(True)
        intro.setMinimumWidth(460)
        outer.addWidget(intro)
        form = QFormLayout()
        outer.addLayout(form)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow("Passphrase", self.first)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        if creating:
            form.addRow("Repeat", self.second)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setVisible(False)
        form.addRow(self.busy)
        self.error = QLabel()
        self.error.setStyleSheet(WRONG_STYLE)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Unlock")
        self.recovery_button = QPushButton("Use recovery key…")
        self.buttons.addButton(self.recovery_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.recovery_button.clicked.connect(self._use_recovery)
        self.buttons.accepted.connect(self._unlock)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def _use_recovery(self) -> None:
        self.wants_recovery = True
        self.reject()

    def _problem(self) -> str:
        phrase = self.first.text()
        if not phrase:
            return "Enter the passphrase."
        if self.creating and len(phrase) < 8:
            return "Use at least 8 characters."
        if self.creating and phrase != self.second.text():
            return "The two passphrases differ."
        return ""

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.buttons.setEnabled(not busy)
        self.first.setEnabled(not busy)
        self.second.setEnabled(not busy)

    def _unlock(self) -> None:
        problem = self._problem()
        if problem:
            self.error.setText(problem)
            return
        self.error.setText("")
        self._set_busy(True)
        phrase = self.first.text()
        run_in_background(lambda: self._opener(self.keys_dir, phrase), self._opened,
                          self._failed, owner=self)

    def _opened(self, store: Any) -> None:
        self._set_busy(False)
        self.store = store
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.first.clear()
        self.second.clear()
        self.first.setFocus()
        self.error.setText(str(exc))


def _open_file_store(keys_dir: Path, phrase: str) -> Any:
    from pe_desktop.services.secret_store import SecretStore

    return SecretStore.open_encrypted_file(keys_dir, lambda _creating: phrase)


class RecoveryEntryDialog(QDialog):
    """Type the recovery key back in; it is checked against the data before it is kept."""

    def __init__(self, message: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Use your recovery key")
        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        text = QLabel(message + "<br><br>Type the recovery key you printed or wrote down when "
                      "you set PE Desktop up (it starts with PEDK).")
        text.setWordWrap(True)
        text.setMinimumWidth(520)
        outer.addWidget(text)
        form = QFormLayout()
        outer.addLayout(form)
        self.key = QLineEdit()
        self.key.setPlaceholderText("PEDK-XXXX-XXXX-…")
        form.addRow("Recovery key", self.key)
        self.error = QLabel()
        self.error.setStyleSheet(WRONG_STYLE)
        self.error.setWordWrap(True)
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

    def _check(self) -> None:
        from pe_desktop.domain.errors import PEDesktopError
        from pe_desktop.services.protection.keys import parse_key

        try:
            parse_key(self.key.text())
        except PEDesktopError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def text(self) -> str:
        return self.key.text()
