"""Run in a subprocess on a given offscreen screen: open every page and dialog and
print (as JSON) each one that does not fit or whose buttons are off screen.

``python tests/gui/fit_probe.py DATA_DIR`` with ``QT_QPA_PLATFORM=offscreen:configfile=…``
(the screen's size) and optionally ``QT_SCALE_FACTOR`` (display scaling).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parents[2]), str(Path(__file__).resolve().parents[1])]


def main(data_dir: str) -> int:
    from clocks import make_clock
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from pe_desktop.services.context import open_context
    from pe_desktop.ui import background
    from tests.gui.catalogue import dialog_factories, page_keys

    app = QApplication([])
    background.set_synchronous(True)
    ctx = open_context(Path(data_dir), clock=make_clock())
    from pe_desktop.ui.main_window import MainWindow

    screen = app.primaryScreen().availableGeometry()
    problems: list[str] = []
    checked: list[str] = []
    settings = QSettings(str(Path(data_dir) / "fit.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    window.show()
    app.processEvents()

    def inside(name: str, rect, what: str) -> None:
        if not screen.contains(rect):
            problems.append(f"{name}: {what} {rect.getRect()} outside the screen "
                            f"{screen.getRect()}")

    from pe_desktop.ui.widgets.app_guards import FRAME_ALLOWANCE

    side, title = FRAME_ALLOWANCE[0] // 2, FRAME_ALLOWANCE[1] - FRAME_ALLOWANCE[0] // 2

    def framed(w):
        """Offscreen windows have no frame; allow for a window manager's."""
        return w.geometry().adjusted(-side, -title, side, side)

    inside("main window", framed(window), "window")
    for key in page_keys():
        window.navigate(key)
        app.processEvents()
        hint = window.minimumSizeHint()
        if hint.width() > screen.width() or hint.height() > screen.height():
            problems.append(f"page {key}: needs {hint.width()}x{hint.height()}")
        checked.append(f"page:{key}")
    for name, build in dialog_factories(ctx):
        dlg = build(window)
        dlg.show()
        app.processEvents()
        inside(name, framed(dlg), "dialog")
        boxes = dlg.findChildren(QDialogButtonBox)
        if not boxes:
            problems.append(f"{name}: no button box")
        for box in boxes:
            for button in box.buttons():
                if button.isVisibleTo(dlg):
                    top_left = button.mapToGlobal(button.rect().topLeft())
                    rect = button.rect().translated(top_left)
                    inside(name, rect, f"button {button.text()!r}")
                    if not button.isVisible() or button.visibleRegion().isEmpty():
                        problems.append(f"{name}: button {button.text()!r} hidden")
        checked.append(name)
        if hasattr(dlg, "autosaver"):
            dlg.autosaver.enabled = False
        dlg.done(0)
        dlg.deleteLater()
        app.processEvents()
    window.close()
    ctx.close()
    print(json.dumps({"screen": [screen.width(), screen.height()],
                      "ratio": app.primaryScreen().devicePixelRatio(),
                      "checked": checked, "problems": problems}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
