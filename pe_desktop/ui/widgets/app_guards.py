"""Application-wide behaviour every window and dialog gets, installed once.

* **Wheel guard**: a combo box, spin box or date field takes the mouse wheel only
  while it has keyboard focus. Otherwise the wheel scrolls whatever contains it
  (scrolling a report past the Recommendation box must not change it). Such
  widgets also stop taking focus from the wheel.
* **Screen fit**: a dialog or main window that is shown larger than the screen
  it is on is shrunk to the screen's available area and moved onto it, so its
  buttons are never off-screen (forms scroll inside; see ``EditorDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QMainWindow,
    QWidget,
)

#: Room kept for a window manager's title bar and borders before the window is mapped.
FRAME_ALLOWANCE = (16, 40)


def _guarded(obj: QObject) -> QWidget | None:
    """The value widget a wheel event over ``obj`` would change, if any."""
    from pe_desktop.ui.widgets.date_field import DateField

    w = obj if isinstance(obj, QWidget) else None
    for _ in range(3):  # the widget itself, or its line edit / viewport child
        if w is None:
            return None
        if isinstance(w, QComboBox | QAbstractSpinBox | DateField):
            return w
        w = w.parentWidget()
    return None


def available_rect(widget: QWidget) -> QRect:
    parent = widget.parentWidget()
    screen = (parent.screen() if parent is not None else None) or widget.screen() \
        or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_to_screen(window: QWidget) -> None:
    """Shrink ``window`` to the available screen area and move it onto it, keeping
    room for the window frame (known once mapped; before that an allowance)."""
    if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
        return
    area = available_rect(window)
    frame, geo = window.frameGeometry(), window.geometry()
    side = FRAME_ALLOWANCE[0] // 2
    left = max(geo.left() - frame.left(), side)
    top = max(geo.top() - frame.top(), FRAME_ALLOWANCE[1] - side)
    right = max(frame.right() - geo.right(), side)
    bottom = max(frame.bottom() - geo.bottom(), side)
    w = min(geo.width(), area.width() - left - right)
    h = min(geo.height(), area.height() - top - bottom)
    if (w, h) != (geo.width(), geo.height()):
        window.resize(w, h)
    x = min(max(geo.left(), area.left() + left), area.right() - right - w + 1)
    y = min(max(geo.top(), area.top() + top), area.bottom() - bottom - h + 1)
    if (x, y) != (geo.left(), geo.top()):
        window.move(x - (geo.left() - frame.left()), y - (geo.top() - frame.top()))


def _scroll_container(target: QWidget, event: QEvent) -> None:
    """Offer the wheel to ``target``'s ancestors in turn (Qt does not propagate a
    wheel event it did not generate itself) until one takes it."""
    host = target.parentWidget()
    while host is not None:
        copy = event.clone()
        copy.setAccepted(False)
        QApplication.sendEvent(host, copy)
        if copy.isAccepted() or host.isWindow():
            return
        host = host.parentWidget()


class AppGuards(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            target = _guarded(obj)
            if target is not None and not target.hasFocus():
                _scroll_container(target, event)
                return True
        elif kind == QEvent.Type.Polish:
            if isinstance(obj, QComboBox | QAbstractSpinBox) and \
                    obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Show and isinstance(obj, QDialog | QMainWindow) \
                and obj.isWindow():
            fit_to_screen(obj)
        return False


_installed: AppGuards | None = None


def install(app: QApplication | None = None) -> AppGuards:
    """Install the guards on the application (once; later calls return the same)."""
    global _installed
    app = app or QApplication.instance()
    if _installed is None:
        _installed = AppGuards(app)
        app.installEventFilter(_installed)
    return _installed
