"""Screenshots of the dashboard, evidence editor and report editor in a real window.

Run under an X server (``scripts/window-shots`` starts Xvfb at the two sizes the
issue names): ``QT_QPA_PLATFORM=xcb DISPLAY=:99 python scripts/window_shots.py
--out DIR --prefix after-1366``. The whole screen is grabbed, so a dialog whose
buttons fall off the screen shows it. The demo stands on a fixed clock.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--prefix", required=True)
    args = parser.parse_args()
    os.environ.setdefault("PE_DESKTOP_CLOCK", "2026-11-23T12:00")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.ui import background

    app = QApplication(sys.argv)  # noqa: F841 - kept alive for the run
    background.set_synchronous(True)
    data = Path(tempfile.mkdtemp(prefix="pe-shots-"))
    ctx = open_context(data)
    create_demo_data(ctx)
    from pe_desktop.ui.main_window import MainWindow

    settings = QSettings(str(data / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(ctx, settings)
    window.showMaximized()

    def settle(ms: int = 600) -> None:
        # A local loop: QApplication.quit() would close the windows (Qt 6).
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def shot(name: str) -> None:
        settle()
        screen = QApplication.primaryScreen()
        screen.grabWindow(0).save(str(out / f"{args.prefix}-{name}.png"))
        print(out / f"{args.prefix}-{name}.png", screen.size().width(), screen.size().height(),
              screen.devicePixelRatio())

    settle(1200)
    shot("dashboard")
    evidence = window.navigate("evidence")
    settle()
    from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor

    editor = EvidenceItemEditor(ctx, evidence.placement_id(), parent=evidence)
    editor.show()
    shot("evidence-editor")
    print("evidence editor frame", editor.frameGeometry().getRect(),
          "buttons bottom", editor.buttons.mapToGlobal(editor.buttons.rect().bottomLeft()).y())
    editor.autosaver.enabled = False
    editor.done(0)
    from pe_desktop.storage.models import ReportVersion

    with ctx.read_session() as s:  # the demo's draft midway report
        draft = s.query(ReportVersion).filter(ReportVersion.signed_at.is_(None)).first()
        pid = draft.report.placement_id if draft is not None else None
    window.navigate("reports", **({"placement_id": pid} if pid else {}))
    settle()
    shot("report-editor")
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
