"""The main window: a sidebar of pages and a stack showing the current one."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from pe_desktop import __version__
from pe_desktop.services.context import AppContext
from pe_desktop.ui.pages import PAGES, PageSpec

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    #: the ORM models finished loading after the first paint (see ``ui.app``)
    models_loaded = Signal()

    def __init__(self, ctx: AppContext, settings: QSettings | None = None) -> None:
        super().__init__()
        from pe_desktop.ui.widgets import app_guards

        app_guards.install()
        self.ctx = ctx
        self.settings = settings or QSettings()
        #: The first time the app opens on this computer (the dashboard says "Welcome",
        #: not "Welcome back"); remembered when the window closes.
        self.first_visit = not self.settings.value("main/visited", False, type=bool)
        self.setWindowTitle("PE Desktop")
        self.setMinimumSize(900, 600)
        self._pages: dict[str, QWidget] = {}
        self._specs: list[PageSpec] = list(PAGES)

        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setAccessibleName("Pages")
        self.sidebar.setFixedWidth(210)
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget(central)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        for spec in self._specs:
            item = QListWidgetItem(spec.title.replace("&&", "&"))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(f"{spec.title.replace('&&', '&')} ({spec.shortcut})")
            self.sidebar.addItem(item)
            placeholder = QWidget()
            self.stack.addWidget(placeholder)
            action = QAction(self)
            action.setShortcut(QKeySequence(spec.shortcut))
            action.triggered.connect(lambda _=False, k=spec.key: self.navigate(k))
            self.addAction(action)
        self.sidebar.currentRowChanged.connect(self._show_row)
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(window); padding-top: 8px; outline: 0; }"
            "QListWidget#sidebar::item { padding: 8px 14px; }"
        )
        self.statusBar().showMessage(f"PE Desktop {__version__} — data in {ctx.paths.root}")
        self._build_menus()
        self._restore_geometry()
        self.sidebar.setCurrentRow(0)

    # -- menus -------------------------------------------------------------
    def _build_menus(self) -> None:
        from pe_desktop.ui.menus import build_menus

        self.help_windows: dict[str, QWidget] = {}
        build_menus(self)

    # -- data protection -----------------------------------------------------
    def back_up_now(self) -> None:
        from pe_desktop.ui.protection.dialogs import back_up_now

        back_up_now(self.ctx, self, lambda text: self.statusBar().showMessage(text, 8000))

    def daily_backup(self) -> None:
        """The first start of each day takes a backup, in the background."""
        from pe_desktop.services.backup.automatic import daily_if_due
        from pe_desktop.ui.background import run_in_background

        def done(made) -> None:
            if made is not None:
                self.statusBar().showMessage(f"Daily backup made: {made.path.name}", 8000)

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(f"The daily backup failed: {exc}", 15000)

        run_in_background(lambda: daily_if_due(self.ctx), done, failed, owner=self)

    def open_restore(self) -> None:
        from pe_desktop.ui.protection.restore_dialog import RestoreDialog

        RestoreDialog(self.ctx, self, on_restored=self.after_restore).exec()

    def after_restore(self) -> None:
        """Every page may show data that is gone: rebuild the open ones."""
        self.refresh_current()
        for widget in list(self._pages.values()):
            if widget is not self.stack.currentWidget():
                refresh = getattr(widget, "refresh", None)
                if callable(refresh):
                    refresh()
        self.statusBar().showMessage("Backup restored.", 8000)

    def open_data_protection(self) -> None:
        from pe_desktop.ui.protection.settings_dialog import DataProtectionDialog

        DataProtectionDialog(self.ctx, self).exec()

    # -- pages -------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        if key not in self._pages:
            index = next(i for i, s in enumerate(self._specs) if s.key == key)
            spec = self._specs[index]
            try:
                widget = spec.load()(self.ctx, self)
            except Exception as exc:  # noqa: BLE001 - a broken page must not kill the app
                log.exception("page %s failed to load", key)
                widget = QLabel(f"This page could not be opened: {exc}")
                widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
            old = self.stack.widget(index)
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, widget)
            self._pages[key] = widget
        return self._pages[key]

    def loaded_pages(self) -> list[QWidget]:
        return list(self._pages.values())

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        key = self._specs[row].key
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh):
            refresh()

    def navigate(self, key: str, **kwargs: Any) -> QWidget:
        """Show page ``key``; ``placement_id=`` opens that placement on it."""
        row = next(i for i, s in enumerate(self._specs) if s.key == key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)
        widget = self.page(key)
        if "placement_id" in kwargs and hasattr(widget, "open_placement"):
            widget.open_placement(kwargs["placement_id"])
        if "tab" in kwargs and hasattr(widget, "show_tab"):
            widget.show_tab(kwargs["tab"])
        return widget

    def refresh_current(self) -> None:
        refresh = getattr(self.stack.currentWidget(), "refresh", None)
        if callable(refresh):
            refresh()

    # -- geometry ----------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 780)

    def closeEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        self.settings.setValue("main/geometry", self.saveGeometry())
        self.settings.setValue("main/visited", True)
        for widget in self._pages.values():
            closing = getattr(widget, "about_to_close", None)
            if callable(closing):
                closing()
        super().closeEvent(event)
