"""The keyboard shortcuts: one list, used by the main window (the global ones)
and shown in Help → Keyboard shortcuts."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.ui.pages import PAGES


@dataclass(frozen=True)
class Shortcut:
    keys: str
    what: str
    where: str = "Everywhere"


def shortcuts() -> list[Shortcut]:
    """Every shortcut, the window-wide ones first."""
    out = [Shortcut(p.shortcut, f"Go to {p.title.replace('&&', '&')}") for p in PAGES]
    out += [
        Shortcut("Ctrl+N", "New record for this page: a supervision session, an evidence "
                           "record; elsewhere a new student"),
        Shortcut("Ctrl+Shift+N", "New placement (on Supervision: a session starting from the "
                                 "open actions)"),
        Shortcut("Ctrl+P", "Print a PDF"),
        Shortcut("F5", "Refresh the page"),
        Shortcut("F1", "User guide"),
        Shortcut("Ctrl+/", "This list of shortcuts"),
        Shortcut("Ctrl+Q", "Quit"),
        Shortcut("Ctrl+S", "Save", "Every editor and form, the Reports page, an attendance week"),
        Shortcut("Esc", "Cancel (asks before throwing changes away)", "Editors and forms"),
        Shortcut("Alt+underlined letter", "Go to that field or button", "Editors and forms"),
        Shortcut("Ctrl+F", "Search", "Students & placements, Evidence"),
        Shortcut("F2", "Edit the selected student or placement", "Students & placements"),
        Shortcut("Delete", "Archive or delete the selected record",
                 "Students & placements, Supervision, Evidence, Currency"),
        Shortcut("Ctrl+Z", "Undo an archive", "Students & placements"),
        Shortcut("Alt+Left / Alt+Right / Alt+Home", "Previous / next / this week",
                 "Attendance"),
        Shortcut("Ctrl+O", "Attach files", "Evidence item editor"),
        Shortcut("Up / Down", "A day later / earlier", "Date fields"),
        Shortcut("F4 or Alt+Down", "Open the calendar", "Date fields"),
        Shortcut("Delete", "Clear the date", "Optional date fields (with the text selected)"),
    ]
    return out


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(720, 520)
        layout = QVBoxLayout(self)
        rows = shortcuts()
        self.table = QTableWidget(len(rows), 3, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Keys", "What it does", "Where"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        for r, s in enumerate(rows):
            for c, text in enumerate((s.keys, s.what, s.where)):
                self.table.setItem(r, c, QTableWidgetItem(text))
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(2, 220)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
