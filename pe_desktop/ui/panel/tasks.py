"""One background job at a time for the panel page: a progress bar, Cancel, and a
one-line result or failure in the page's message line; the window never freezes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from pe_desktop.ui.background import Cancelled, Progress, run_in_background
from pe_desktop.ui.widgets.messages import describe

ERROR_STYLE = "color: #b3261e;"
#: work(report) — report(done, total, message) raises Cancelled once Cancel is pressed.
Work = Callable[[Callable[[int, int, str], None]], Any]


class TaskStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(220)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the running job")
        self.cancel_button.clicked.connect(self.cancel)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.message, 1)
        lay.addWidget(self.bar)
        lay.addWidget(self.cancel_button)
        self.progress: Progress | None = None
        self.busy_widgets: list[QWidget] = []
        self._idle()

    @property
    def busy(self) -> bool:
        return self.progress is not None

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)

    def fail(self, exc: BaseException) -> None:
        self.say(describe(exc), error=True)

    def run(self, title: str, work: Work, on_done: Callable[[Any], None],
            cancelled: str = "Cancelled.") -> bool:
        """Start ``work`` unless a job is running; ``on_done(result)`` on the GUI thread."""
        if self.busy:
            self.say("Another job is still running; wait for it or cancel it.", error=True)
            return False
        progress = Progress()
        progress.changed.connect(self._changed)
        self.progress = progress
        self.bar.setRange(0, 0)
        self.bar.show()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        for w in self.busy_widgets:
            w.setEnabled(False)
        self.say(f"{title}…")

        def done(result: Any) -> None:
            self._idle()
            on_done(result)

        def failed(exc: BaseException) -> None:
            self._idle()
            if isinstance(exc, Cancelled):
                self.say(cancelled)
            else:
                self.fail(exc)

        run_in_background(lambda: work(progress.report), done, failed, owner=self)
        return True

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            self.cancel_button.setEnabled(False)
            self.say("Cancelling…")

    def _changed(self, done: int, total: int, message: str) -> None:
        self.bar.setRange(0, max(total, 0))
        if total:
            self.bar.setValue(min(done, total))
        if message:
            self.message.setText(message)

    def _idle(self) -> None:
        self.progress = None
        self.bar.hide()
        self.cancel_button.hide()
        for w in self.busy_widgets:
            w.setEnabled(True)
