"""Showing the recovery key once (at set-up and after a key rotation), with printing."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

EXPLANATION = (
    "<b>Your data is encrypted.</b> The key that opens it is kept in {where}. If that is "
    "ever lost (a new laptop, a reset keyring, a forgotten passphrase), this "
    "<b>recovery key</b> opens your data instead.<br><br>"
    "Print it or write it down and keep it somewhere safe, away from this computer. "
    "Anyone holding it and a copy of your data folder can read your data. "
    "<b>It is shown only this once.</b>"
)


def printable_html(key: str, folder: str) -> str:
    return (f"<h2>PE Desktop recovery key</h2><p>Data folder: {folder}</p>"
            f"<p style='font-family: monospace; font-size: 16pt'>{key}</p>"
            "<p>Keep this sheet somewhere safe, away from the computer. To use it: "
            "<code>pe-desktop key recover</code>, or <i>Use recovery key…</i> when PE Desktop "
            "cannot unlock your data.</p>")


class RecoveryKeyDialog(QDialog):
    def __init__(self, key: str, where: str, folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.folder = folder
        self.setWindowTitle("Your recovery key")
        layout = QVBoxLayout(self)
        text = QLabel(EXPLANATION.format(where=where))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.key_label = QLabel(key.replace("-", " - ", 1))
        font = QFont("monospace")
        font.setStyleHint(QFont.StyleHint.Monospace)
        font.setPointSize(13)
        self.key_label.setFont(font)
        self.key_label.setWordWrap(True)
        self.key_label.setStyleSheet("padding: 12px; border: 1px solid palette(mid);")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.key_label)
        row = QHBoxLayout()
        self.print_button = QPushButton("&Print…")
        self.print_button.clicked.connect(self.print_key)
        self.copy_button = QPushButton("&Copy")
        self.copy_button.clicked.connect(lambda: QGuiApplication.clipboard().setText(self.key))
        row.addWidget(self.print_button)
        row.addWidget(self.copy_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.confirmed = QCheckBox("I have printed or written down my recovery key")
        layout.addWidget(self.confirmed)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Done")
        ok.setEnabled(False)
        self.confirmed.toggled.connect(ok.setEnabled)
        layout.addWidget(self.buttons)
        self.resize(560, 360)

    def print_key(self) -> None:
        from PySide6.QtGui import QTextDocument
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return
        doc = QTextDocument()
        doc.setHtml(printable_html(self.key, self.folder))
        doc.print_(printer)
