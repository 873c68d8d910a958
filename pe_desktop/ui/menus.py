"""The main window's menus and window-wide shortcuts (listed in Help → Keyboard
shortcuts, ``ui/help/shortcuts.py``).

Ctrl+N and Ctrl+Shift+N work from every page: a page with its own kind of
record (``new_record()`` / ``new_record_alt()``) makes one; anywhere else they
open a new student / new placement on Students & placements.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from pe_desktop.ui.main_window import MainWindow


def _action(window: MainWindow, menu, text: str, slot, keys=None, tip: str = "") -> QAction:  # noqa: ANN001
    act = QAction(text, window)
    if keys is not None:
        act.setShortcut(QKeySequence(keys))
    if tip:
        act.setStatusTip(tip)
    act.triggered.connect(lambda _=False: slot())
    menu.addAction(act)
    window.addAction(act)  # shortcuts work while the menu bar is hidden too
    return act


def new_record(window: MainWindow) -> None:
    page = window.stack.currentWidget()
    if callable(getattr(page, "new_record", None)):
        page.new_record()
    else:
        window.navigate("students").new_student()


def new_record_alt(window: MainWindow) -> None:
    page = window.stack.currentWidget()
    if callable(getattr(page, "new_record_alt", None)):
        page.new_record_alt()
    else:
        window.navigate("students").new_placement()


def build_menus(window: MainWindow) -> None:
    from pe_desktop.ui.data.actions import DataActions

    data = window.data_actions = DataActions(window)
    bar = window.menuBar()
    f = bar.addMenu("&File")
    window.file_menu = f
    window.new_action = _action(window, f, "&New (student, or this page's record)…",
                                lambda: new_record(window), QKeySequence.StandardKey.New)
    window.new_alt_action = _action(window, f, "New &placement…",
                                    lambda: new_record_alt(window), "Ctrl+Shift+N")
    f.addSeparator()
    _action(window, f, "&Export to file…", data.export_to_file,
            tip="Everything, with attached files, in one JSON file")
    _action(window, f, "&Import from file…", data.import_from_file)
    _action(window, f, "Import placement &list (CSV)…", data.import_csv)
    f.addSeparator()
    # Encrypted, rotating backups (services/backup, issue 15)
    window.backup_action = _action(window, f, "&Back up now", window.back_up_now)
    window.restore_action = _action(window, f, "&Restore from a backup…", window.open_restore)
    window.protection_action = _action(window, f, "&Data protection…",
                                       window.open_data_protection)
    f.addSeparator()
    _action(window, f, "Export &calendar (.ics)…", data.export_calendar)
    _action(window, f, "&Print a PDF…", data.print_pdf, QKeySequence.StandardKey.Print)
    f.addSeparator()
    _action(window, f, "&Quit", window.close, QKeySequence.StandardKey.Quit)

    v = bar.addMenu("&View")
    window.view_menu = v
    _action(window, v, "&Refresh", window.refresh_current, QKeySequence.StandardKey.Refresh)

    h = bar.addMenu("&Help")
    window.help_menu = h
    _action(window, h, "&User guide", lambda: _show(window, "guide"), "F1")
    _action(window, h, "&Keyboard shortcuts", lambda: _show(window, "shortcuts"), "Ctrl+/")
    _action(window, h, "&About PE Desktop", lambda: _show(window, "about"))


def _show(window: MainWindow, which: str) -> None:
    """Help windows are non-modal: read them beside the page."""
    if which == "guide":
        from pe_desktop.ui.help.guide import GuideDialog

        dlg = GuideDialog(window)
    elif which == "shortcuts":
        from pe_desktop.ui.help.shortcuts import ShortcutsDialog

        dlg = ShortcutsDialog(window)
    else:
        from pe_desktop.ui.help.about import AboutDialog

        dlg = AboutDialog(window.ctx, window)
    window.help_windows[which] = dlg
    dlg.show()
    dlg.raise_()
