"""Run a long job in the background with a progress dialog, Cancel, and a summary.

``fn(report)`` does the work off the GUI thread and calls
``report(done, total, message)``; once the user presses Cancel the next call
raises :class:`~pe_desktop.ui.background.Cancelled`, which the services let
roll their transaction back. The summary (or the error) is shown at the end;
``warnings(result)`` lists things worth a second look (a letter an import shows as
``?``), and when there are any the summary is a warning that lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from pe_desktop.domain.wording import count
from pe_desktop.ui.background import Cancelled, Progress, run_in_background
from pe_desktop.ui.widgets.messages import describe

SHOWN_WARNINGS = 10


def with_warnings(summary: str, warnings: list[str]) -> str:
    """The summary followed by the first warnings (a long list would not fit a box)."""
    lines = [summary, "", f"Please check {count(len(warnings), 'thing')}:"]
    lines += [f"• {w}" for w in warnings[:SHOWN_WARNINGS]]
    if len(warnings) > SHOWN_WARNINGS:
        lines.append(f"… and {len(warnings) - SHOWN_WARNINGS} more like these.")
    return "\n".join(lines)


class ProgressRun:
    """One job; kept by its parent until it ends (``parent._progress_runs``)."""

    def __init__(self, parent: QWidget, title: str,
                 fn: Callable[[Callable[[int, int, str], None]], Any],
                 summary: Callable[[Any], str],
                 on_done: Callable[[Any], None] | None = None,
                 warnings: Callable[[Any], list[str]] | None = None) -> None:
        self.parent = parent
        self.title = title
        self.summary = summary
        self.warnings = warnings
        self.on_done = on_done
        self.progress = Progress()
        self.dialog = QProgressDialog(title, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.progress.cancel)
        self.progress.changed.connect(self._changed)
        self.result: Any = None
        self.error: BaseException | None = None
        self.cancelled = False
        runs = getattr(parent, "_progress_runs", None)
        if runs is None:
            runs = parent._progress_runs = []  # type: ignore[attr-defined]
        runs.append(self)
        run_in_background(lambda: fn(self.progress.report), self._done, self._failed,
                          owner=parent)

    def _changed(self, done: int, total: int, message: str) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if message:
            self.dialog.setLabelText(message)

    def _finish(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        runs = getattr(self.parent, "_progress_runs", [])
        if self in runs:
            runs.remove(self)

    def _done(self, result: Any) -> None:
        self._finish()
        self.result = result
        if self.on_done is not None:
            self.on_done(result)
        text = self.summary(result)
        found = list(self.warnings(result)) if self.warnings is not None else []
        if found:
            QMessageBox.warning(self.parent, self.title, with_warnings(text, found))
        else:
            QMessageBox.information(self.parent, self.title, text)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.cancelled = True
            QMessageBox.information(self.parent, self.title,
                                    "Cancelled. Nothing was changed.")
            return
        self.error = exc
        QMessageBox.warning(self.parent, self.title, describe(exc))
