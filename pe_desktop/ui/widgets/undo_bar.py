"""An in-page banner offering to undo the last destructive action."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

#: How long the banner stays up (the Ctrl+Z shortcut works while it shows).
SHOW_MS = 30_000


class UndoBar(QFrame):
    """``offer(text, undo)`` shows "text [Undo]"; :meth:`undo` runs it once."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet(
            "QFrame#undoBar { background: palette(alternate-base);"
            " border: 1px solid palette(mid); border-radius: 4px; }"
        )
        self.text = QLabel()
        self.undo_button = QPushButton("Undo (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo)
        self.close_button = QPushButton("Dismiss")
        self.close_button.setFlat(True)
        self.close_button.clicked.connect(self.dismiss)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(10, 4, 6, 4)
        lay.addWidget(self.text, 1)
        lay.addWidget(self.undo_button)
        lay.addWidget(self.close_button)
        self._undo: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.dismiss)
        self.hide()

    @property
    def available(self) -> bool:
        return self._undo is not None

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        self.text.setText(text)
        self._undo = undo
        self.show()
        self._timer.start(SHOW_MS)

    def undo(self) -> bool:
        fn, self._undo = self._undo, None
        self.hide()
        if fn is None:
            return False
        fn()
        return True

    def dismiss(self) -> None:
        self._undo = None
        self.hide()
