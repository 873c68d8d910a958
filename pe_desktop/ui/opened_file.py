"""A file the desktop opened the app with (``pe-desktop FILE.peqa``): say what it is.

Shown once the main window is up, as a window-modal message that does not block
start-up. When this data folder can import the file here, the message offers
the import (it runs on the page that owns it); otherwise it names the command
or the place that handles it. Nothing is imported without the user's click.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.opened_files import describe


def show_opened_file(window: QMainWindow, path: str | Path) -> QMessageBox:
    """Open the (non-blocking) message about ``path``; returns it (tests click its buttons)."""
    box = QMessageBox(window)
    box.setWindowTitle("PE Desktop: file opened")
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    try:
        info = describe(Path(path))
    except PEDesktopError as exc:
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(str(exc))
        box.addButton(QMessageBox.StandardButton.Close)
        box.open()
        return box
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"{info.path.name} is {info.title}.")
    box.setInformativeText(f"{info.action}\n\nFrom a terminal: {info.command}")
    if info.page is not None:
        button = box.addButton("Import", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)

        def clicked(which) -> None:
            if which is button:
                page = window.navigate(info.page)  # type: ignore[attr-defined]
                page.import_request(str(info.path))  # type: ignore[attr-defined]

        box.buttonClicked.connect(clicked)
    else:
        box.addButton(QMessageBox.StandardButton.Close)
    box.open()
    return box
