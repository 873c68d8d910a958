"""The PE confirms a first package's on-site supervisor key (trust on first use)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class TrustDialog(QDialog):
    def __init__(self, oss_name: str, fingerprint: str, first_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fingerprint = fingerprint
        self.setWindowTitle("Confirm the on-site supervisor's key")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        text = QLabel(
            f"<p>This is the first record from <b>{oss_name}</b> for <b>{first_name}</b>.</p>"
            "<p>Ask them to read out the key fingerprint their app shows "
            "(<i>pe-desktop oss identity show</i>, or the top of their window) and compare "
            "it with this one. Once you confirm, only this key is accepted for this "
            "placement.</p>")
        text.setWordWrap(True)
        layout.addWidget(text)
        groups = fingerprint.split(":")
        fp = QLabel("<br>".join(":".join(groups[i:i + 8]) for i in range(0, len(groups), 8)))
        fp.setObjectName("fingerprint")
        fp.setStyleSheet("font-family: monospace; font-size: 11pt; padding: 8px; "
                         "background: palette(alternate-base);")
        fp.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(fp)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.trust_button = buttons.addButton("The fingerprints match — import",
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
