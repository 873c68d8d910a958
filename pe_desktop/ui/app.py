"""Starting the GUI."""

from __future__ import annotations

import logging
import os
import sys

from pe_desktop.domain.errors import PEDesktopError


def _preload_data_layer() -> None:
    """Import SQLAlchemy and the services the first window uses *before* Qt.

    Once PySide6 is imported its ``__feature__`` import hook inspects the
    source of every module imported afterwards; loading the data layer first
    keeps its few hundred modules out of that and saves ~0.1 s at start-up
    (``python -X importtime``, benchmarks/startup.py).
    """
    import sqlalchemy.dialects.sqlite  # noqa: F401  (otherwise loaded by create_engine)

    import pe_desktop.services.dashboard  # noqa: F401
    import pe_desktop.services.profile  # noqa: F401


def run_gui(data_dir: str | None = None) -> int:
    _preload_data_layer()
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PE Desktop")
    app.setOrganizationName("PE Desktop")
    app.setApplicationDisplayName("PE Desktop")
    logging.basicConfig(level=logging.WARNING)

    from pe_desktop.services.context import open_context

    try:
        ctx = open_context(data_dir)
    except PEDesktopError as exc:
        QMessageBox.critical(None, "PE Desktop cannot open your data", str(exc))
        return 2

    from pe_desktop.services.profile import ProfileService

    if ProfileService(ctx).get() is None:
        from pe_desktop.ui.setup_dialog import SetupDialog

        if SetupDialog(ctx).exec() != SetupDialog.DialogCode.Accepted:
            ctx.close()
            return 0

    from pe_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    if os.environ.get("PE_DESKTOP_STARTUP_PROBE"):
        from pe_desktop.ui.startup_probe import install

        install(window)
    try:
        return app.exec()
    finally:
        ctx.close()
