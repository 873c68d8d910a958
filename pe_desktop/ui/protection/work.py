"""Long data-protection work off the GUI thread, with a progress dialog that never blocks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from pe_desktop.ui.background import Progress, run_in_background

#: fn(progress) where progress(done, total, message) reports and may raise Cancelled.
Work = Callable[[Callable[[int, int, str], None]], Any]


def run_with_progress(parent: QWidget | None, title: str, work: Work,
                      on_done: Callable[[Any], None],
                      on_error: Callable[[BaseException], None] | None = None) -> QProgressDialog:
    """Run ``work`` in the background while a (window-modal, not blocking) progress dialog shows."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setWindowTitle("PE Desktop")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    progress = Progress()

    def changed(done: int, total: int, message: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if message:
            dialog.setLabelText(message + "…")

    progress.changed.connect(changed)
    dialog.show()

    def finished(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        if on_error is not None:
            on_error(exc)
        else:
            from pe_desktop.ui.widgets.messages import show_error

            show_error(parent, exc)

    run_in_background(lambda: work(progress.report), finished, failed, owner=dialog)
    return dialog
