"""Background results never reach a deleted widget."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QLabel

from pe_desktop.ui.background import drain, run_in_background


class Receiver(QLabel):
    def __init__(self) -> None:
        super().__init__()
        self.got: list = []

    def loaded(self, value) -> None:
        self.got.append(value)


def test_result_for_a_deleted_widget_is_dropped(qtbot):
    gate = threading.Event()
    pool = QThreadPool()
    alive, doomed = Receiver(), Receiver()
    qtbot.addWidget(alive)
    delivered: list = []

    def work() -> int:
        gate.wait(5)
        return 42

    run_in_background(work, alive.loaded, pool=pool)
    run_in_background(work, doomed.loaded, pool=pool)
    run_in_background(work, delivered.append, pool=pool, owner=doomed)
    import shiboken6

    shiboken6.delete(doomed)
    gate.set()
    assert drain(5000, pool)
    qtbot.waitUntil(lambda: alive.got == [42], timeout=3000)
    qtbot.wait(50)
    assert delivered == []
