"""How long the GUI thread is blocked during common actions on the large dataset.

    python -m benchmarks.gui_thread [--data-dir /tmp/pe-bench] [--rounds 3]

A 2 ms heartbeat timer runs on the GUI thread; the longest gap between its
ticks is how long the window could not repaint or respond. The script opens
the app's main window on the benchmark data (background work on its real
thread pool), then drives: show Students & placements, open a placement from
the dashboard, step the attendance week back and forth, filter as you type,
archive and undo. It prints the longest stall per action next to the longest
stall of the same loop left idle for the same time (the baseline measured in
this run). Target: no action blocks for more than ~100 ms. On a busy machine
the idle baseline itself shows scheduling stalls; compare against it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    if not (args.data_dir / "pe-desktop.sqlite").exists():
        from benchmarks.generate import build

        build(args.data_dir)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv)  # noqa: F841 - must exist
    from pe_desktop.services.context import open_context
    from pe_desktop.ui.main_window import MainWindow
    from pe_desktop.ui.placements import students_page

    # Work on a copy: the archive/undo step writes.
    work = Path(tempfile.mkdtemp(prefix="pe-gui-bench-"))
    shutil.copytree(args.data_dir, work / "data")
    ctx = open_context(work / "data")
    students_page.confirm = lambda *a, **k: True  # the archive confirmation

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        gaps.append((now - last[0]) / 1e6)
        last[0] = now

    heartbeat = QTimer()
    heartbeat.setInterval(2)
    heartbeat.timeout.connect(tick)

    def settle(ms: int = 400) -> None:
        """Run the event loop for ``ms`` (background results arrive meanwhile)."""
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    def measure(action: Callable[[], None], ms: int = 400) -> float:
        settle(50)
        gaps.clear()
        last[0] = clock.nsecsElapsed()
        action()
        tick()  # the action itself counts as a stall
        settle(ms)
        return max(gaps) if gaps else 0.0

    window = MainWindow(ctx, QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat))
    window.show()
    heartbeat.start()
    settle(1500)
    dashboard = window.page("dashboard")
    target = dashboard.data.placements[0].id if dashboard.data and dashboard.data.placements \
        else None

    results: dict[str, list[float]] = {}

    def record(name: str, action: Callable[[], None]) -> None:
        results.setdefault(name, []).append(measure(action))

    page = window.navigate("students")
    for _ in range(args.rounds):
        record("idle loop (baseline)", lambda: None)
        record("show Dashboard", lambda: window.navigate("dashboard"))
        record("show Students & placements", lambda: window.navigate("students"))
        if target is not None:
            record("open placement from dashboard",
                   lambda: window.navigate("students", placement_id=target))
        page.panel.tabs.setCurrentWidget(page.panel.attendance)
        record("previous attendance week", page.panel.attendance.prev_button.click)
        record("next attendance week", page.panel.attendance.next_button.click)
        record("filter as you type ('a')", lambda: page.filter.setText("a"))
        record("clear filter", page.filter.clear)
        record("archive student", page.archive_student)
        record("undo archive", page.undo)
    heartbeat.stop()
    window.close()
    ctx.close()
    shutil.rmtree(work, ignore_errors=True)

    base = max(results["idle loop (baseline)"])
    print(f"longest GUI-thread stall per action, worst of {args.rounds} rounds "
          f"(2 ms heartbeat; {args.data_dir}):")
    for name, values in results.items():
        worst = max(values)
        flag = "" if worst <= 100 else "   > 100 ms"
        print(f"  {name:<32} {worst:7.1f} ms  ({worst / base:5.1f}x idle){flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
