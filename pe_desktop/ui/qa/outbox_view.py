"""The outbox: each queued file's state, and "Push now" with progress and cancel."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.qa.targets import TargetService
from pe_desktop.ui.background import Cancelled, Progress, run_in_background
from pe_desktop.ui.widgets.messages import describe

HASH_IN_NAME = re.compile(r"-[0-9a-f]{64}")
COLUMNS = ("File", "State", "Attempts", "Delivered to", "Last error", "Size")
STATE_COLOURS = {"sent": "#1b6e20", "failed": "#b3261e", "sending": "#8a5a00"}


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} kB"


def display_name(item: Any) -> str:
    """The name without its folder and content hash (both shown in the tooltip)."""
    return item.name.rpartition("/")[2].replace(f"-{item.sha256}", "")


class OutboxModel(QAbstractTableModel):
    """Rows of :class:`~pe_desktop.sync.outbox.OutboxItem`; no I/O here."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (display_name(item), item.state, str(item.attempts),
                    ", ".join(item.sent_to) or "—", item.last_error, _size(item.size))[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 0:
                return f"{item.name}\nSHA-256 {item.sha256}\nqueued {item.enqueued_at}"
            if col == 3 and item.sent_to:
                return "\n".join(f"{t} at {a}" for t, a in zip(item.sent_to, item.sent_at,
                                                                 strict=True))
            if col == 4 and item.last_error:
                return item.last_error
        if role == Qt.ItemDataRole.ForegroundRole and col == 1:
            colour = STATE_COLOURS.get(item.state)
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.UserRole:
            return item
        return None


class OutboxView(QWidget):
    """Table + Push now; pushing runs in the background and can be cancelled."""

    def __init__(self, service: TargetService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.model = OutboxModel()
        self.table = QTableView()
        self.table.setAccessibleName("Outbox")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.push_button = QPushButton("&Push now")
        self.push_button.clicked.connect(self.push)
        self.push_button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(self.push_button)
        row.addWidget(self.bar, 1)
        row.addWidget(self.cancel_button)
        row.addStretch(0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.status)
        self.progress: Progress | None = None

    def refresh(self) -> None:
        run_in_background(self.service.outbox_items, self._show, self._failed, owner=self)

    def _show(self, items: list[Any]) -> None:
        self.model.set_rows(items)
        waiting = sum(1 for i in items if i.state != "sent")
        self.push_button.setEnabled(self.progress is None and bool(items))
        if self.progress is None and not self.status.text():
            self.status.setText(f"{len(items)} files, {waiting} waiting to be delivered."
                                if items else "Nothing is waiting to be delivered.")

    def push(self) -> None:
        try:  # on this thread: passwords may need the secret store's passphrase
            targets = self.service.open_targets()
        except PEDesktopError as exc:
            self._failed(exc)
            return
        progress = Progress()
        progress.changed.connect(self._progress)
        self.progress = progress
        self.push_button.setEnabled(False)
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.bar.setValue(0)
        self.bar.show()
        self.status.setStyleSheet("")
        self.status.setText("Pushing…")
        run_in_background(
            lambda: self.service.push_to(targets, progress=progress.report,
                                         cancel=lambda: progress.cancelled),
            self._pushed, self._failed, owner=self)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _progress(self, done: int, total: int, message: str) -> None:
        self.bar.setValue(int(1000 * done / total) if total else 1000)
        self.status.setText(HASH_IN_NAME.sub("", message))

    def _finish(self) -> None:
        self.progress = None
        self.bar.hide()
        self.cancel_button.hide()
        self.push_button.setEnabled(True)

    def _pushed(self, report: Any) -> None:
        self._finish()
        lines = [f"Push: {report.summary()}."]
        lines += list(dict.fromkeys(d.error.removeprefix("not tried: ")
                                    for d in report.failures))
        self.status.setStyleSheet("color: #b3261e;" if report.failures else "")
        self.status.setText("\n".join(lines))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        cancelled = isinstance(exc, Cancelled)
        self._finish()
        self.status.setStyleSheet("" if cancelled else "color: #b3261e;")
        self.status.setText("Push cancelled; what was not delivered stays queued."
                            if cancelled else describe(exc))
        self.refresh()
