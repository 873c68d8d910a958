"""Start-up benchmark hook (``PE_DESKTOP_STARTUP_PROBE=1``).

Once the dashboard has shown its data, print a marker line and quit, so
``benchmarks/startup.py`` can time process start → populated window. With
``PE_DESKTOP_STARTUP_PROBE=modules`` the line also lists the loaded top-level
modules, so a test can check that nothing heavy was imported on the way. With
``PE_DESKTOP_STARTUP_PROBE=loaded`` a second line (:data:`LOADED`) follows once the
ORM models, loaded after the first paint, are ready too (start to fully interactive).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

MARKER = "PE-DESKTOP-READY"
LOADED = "PE-DESKTOP-LOADED"


def install(window: QMainWindow) -> None:
    page = window.page("dashboard")  # type: ignore[attr-defined]
    mode = os.environ.get("PE_DESKTOP_STARTUP_PROBE")

    def line(marker: str) -> str:
        text = f"{marker} cpu={time.process_time():.4f}"
        if mode in ("modules", "loaded"):
            top = sorted({name.split(".")[0] for name in list(sys.modules)})
            text += " modules=" + ",".join(top)
        return text

    def loaded() -> None:
        print(line(LOADED), flush=True)
        QTimer.singleShot(0, QApplication.quit)

    def ready() -> None:
        print(line(MARKER), flush=True)
        if mode == "loaded" and getattr(window, "models_ready", False):
            loaded()
        elif mode == "loaded":
            window.models_loaded.connect(loaded)  # type: ignore[attr-defined]
        else:
            QTimer.singleShot(0, QApplication.quit)

    if getattr(page, "data", None) is not None:
        ready()
    else:
        page.populated.connect(ready)  # type: ignore[attr-defined]
