""""I am an on-site supervisor": choose the invitation file, give your name, join."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.ui.widgets.messages import show_error


class JoinDialog(QDialog):
    def __init__(self, ctx: AppContext, signing, parent: QWidget | None = None,
                 ask_name: bool = True) -> None:  # signing: SigningSupport
        super().__init__(parent)
        self.ctx = ctx
        self.signing = signing
        self.setWindowTitle("Join as on-site supervisor")
        layout = QVBoxLayout(self)
        intro = QLabel("The practice educator sent you an invitation file (<i>.peinvite</i>). "
                       "PE Desktop keeps your observations and supervision notes on this "
                       "laptop and sends each finished record to the PE, signed by you and "
                       "readable only by them.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.file = QLineEdit(self)
        self.file.setPlaceholderText("Invitation file")
        self.file.setAccessibleName("Invitation file")
        browse = QPushButton("Choose…", self)
        browse.clicked.connect(self._browse)
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        form.addRow("Invitation", row)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Your full name, as the PE knows you")
        self.name.setAccessibleName("Your name")
        if ask_name:
            form.addRow("Your name", self.name)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.join_button = buttons.addButton("Join", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.join)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.result_text = ""

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open the invitation", "",
                                              "PE Desktop invitation (*.peinvite);;All (*)")
        if path:
            self.file.setText(path)

    def join(self) -> None:
        from pe_desktop.services.oss.profile import join

        store = self.signing.store()
        if store is None:
            return
        try:
            sv = join(self.ctx, store, Path(self.file.text().strip()), self.name.text())
        except Exception as exc:  # noqa: BLE001 - shown as one message; nothing was stored
            show_error(self, exc, "Cannot join")
            return
        self.result_text = f"You now supervise {sv.first_name}."
        self.accept()
