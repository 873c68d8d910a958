"""File → Restore…: the backups with their dates and record counts; restore one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.backup.service import BackupInfo, BackupService
from pe_desktop.services.context import AppContext
from pe_desktop.storage.attachments import human_size
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import confirm, show_error

COLUMNS = ("Taken", "Kind", "Records", "Size", "")


def _when(ctx: AppContext, info: BackupInfo) -> str:
    if info.taken_at is None:
        return "unknown"
    from datetime import datetime

    local = info.taken_at.astimezone(getattr(ctx.clock, "tz", None))
    return datetime.strftime(local, "%a %d %b %Y %H:%M")


class RestoreDialog(QDialog):
    """Lists backups (loaded in the background); restoring asks once, then runs with progress."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None,
                 on_restored: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.on_restored = on_restored
        self.rows: list[BackupInfo] = []
        self.setWindowTitle("Restore from a backup")
        layout = QVBoxLayout(self)
        intro = QLabel("Choose a backup to restore. Your current data is backed up first, so "
                       "a restore can itself be undone.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection)
        self.table.itemDoubleClicked.connect(lambda _i: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.status = QLabel("Reading backups…")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.other = QPushButton("Other file…")
        self.other.clicked.connect(self._other_file)
        self.restore_button = QPushButton("&Restore")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.addButton(self.other, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(780, 420)
        self.reload()

    def reload(self) -> None:
        run_in_background(lambda: BackupService(self.ctx).list(), self._show, self._failed,
                          owner=self)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _show(self, rows: list[BackupInfo]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        for i, info in enumerate(rows):
            counts = ", ".join(f"{n} {k}" for k, n in info.counts.items()) or info.problem
            values = (_when(self.ctx, info), info.label.replace("-", " "), counts,
                      human_size(info.size), "" if not info.problem else "cannot be restored")
            for j, v in enumerate(values):
                item = QTableWidgetItem(v)
                if info.problem:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()
        self.status.setText(f"{len(rows)} backups" if rows else "No backups yet.")

    def _selection(self) -> None:
        info = self.selected()
        self.restore_button.setEnabled(info is not None and not info.problem)

    def selected(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows else None

    def _other_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Restore a backup file", "",
                                              "PE Desktop backups (*.sqlite)")
        if path:
            self.restore_path(Path(path))

    def restore_selected(self) -> None:
        info = self.selected()
        if info is not None and not info.problem:
            self.restore_path(info.path, info)

    def restore_path(self, path: Path, info: BackupInfo | None = None) -> None:
        when = _when(self.ctx, info) if info else path.name
        if not confirm(self, "Restore this backup?",
                       f"Replace your current data with the backup from {when}? Your current "
                       "data is backed up first.", "Restore"):
            return
        from pe_desktop.ui.protection.work import run_with_progress

        run_with_progress(self, "Restoring",
                          lambda progress: BackupService(self.ctx).restore(path, progress),
                          self._restored)

    def _restored(self, info: BackupInfo) -> None:
        self.status.setText(f"Restored {info.path.name}.")
        if self.on_restored is not None:
            self.on_restored()
        self.accept()
