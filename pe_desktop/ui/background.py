"""Run work off the GUI thread and hand the result back by signal.

Modelled on Anki's ``QueryOp``: ``run_in_background(fn, on_done, on_error)``
runs ``fn`` on a ``QThreadPool``; callbacks run on the GUI thread. Long
operations get a :class:`Progress` handle to report progress and observe
cancellation. Tests make the pool synchronous with :func:`set_synchronous`.

A result is delivered only while its receiver lives: the widget owning the
callback (given as ``owner``, or the object a bound-method callback belongs
to) may have been deleted while the work ran (a page closed, the app
quitting), and then the result is dropped instead of reaching a dead widget.
:func:`drain` waits for running work before the app's objects are torn down.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

_synchronous = False
_live: set[_Task] = set()


def set_synchronous(value: bool) -> None:
    """Run background work inline (tests)."""
    global _synchronous
    _synchronous = value


class Cancelled(Exception):
    """Raised inside a task when the user cancelled it."""


class Progress(QObject):
    changed = Signal(int, int, str)  # done, total, message

    def __init__(self) -> None:
        super().__init__()
        self._cancel = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        if self._cancel.is_set():
            raise Cancelled()
        self.changed.emit(done, total, message)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self.setAutoDelete(False)

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread
            log.debug("background task failed: %s", traceback.format_exc())
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


def _receiver(owner: QObject | None, *callbacks: Any) -> QObject | None:
    if owner is not None:
        return owner
    for cb in callbacks:
        target = getattr(cb, "__self__", None)
        if isinstance(target, QObject):
            return target
    return None


def _alive(receiver: QObject | None) -> bool:
    return receiver is None or shiboken6.isValid(receiver)


def pending() -> int:
    """How many background tasks have not yet delivered their result."""
    return len(_live)


def drain(timeout_ms: int = 10_000, pool: QThreadPool | None = None) -> bool:
    """Wait for background work to finish (at quit); True when none is left."""
    done = (pool or QThreadPool.globalInstance()).waitForDone(timeout_ms)
    _live.clear()
    return done


def run_in_background(
    fn: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
) -> None:
    def default_error(exc: BaseException) -> None:
        from pe_desktop.ui.widgets.messages import show_error

        show_error(None, exc)

    error_cb = on_error or default_error
    receiver = _receiver(owner, on_done, on_error)
    if _synchronous:
        try:
            result = fn()
        except Exception as exc:  # noqa: BLE001
            error_cb(exc)
        else:
            on_done(result)
        return
    task = _Task(fn)
    _live.add(task)

    def finished_ok(result: Any) -> None:
        _live.discard(task)
        if _alive(receiver):
            on_done(result)
        else:
            log.debug("background result dropped: its receiver was deleted")

    def finished_err(exc: BaseException) -> None:
        _live.discard(task)
        if _alive(receiver):
            error_cb(exc)
        else:
            log.debug("background error dropped: its receiver was deleted")

    task.signals.done.connect(finished_ok)
    task.signals.failed.connect(finished_err)
    (pool or QThreadPool.globalInstance()).start(task)
