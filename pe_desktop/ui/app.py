"""Starting the GUI."""

from __future__ import annotations

import gc
import logging
import os
import sys

log = logging.getLogger(__name__)


def _preload_data_layer() -> None:
    """Import what the first window reads with (plain SQL: no SQLAlchemy) before Qt.

    Once PySide6 is imported its ``__feature__`` import hook inspects every module
    imported afterwards, so the modules the first window needs are loaded first.
    SQLAlchemy and the ORM models are not among them: they are most of a cold start
    (~0.4 s) and load off the GUI thread once the dashboard shows
    (:func:`_load_models_after_paint`).
    """
    import pe_desktop.services.dashboard  # noqa: F401
    import pe_desktop.services.opening  # noqa: F401
    import pe_desktop.services.profile  # noqa: F401
    from pe_desktop.services import bank_holiday_cache

    bank_holiday_cache.install()  # the dashboard's working days without importing `holidays`


#: Longest a background thread holds the GIL while the GUI thread waits for it
#: (Python's default is 5 ms). Every call from Qt into Python on the GUI thread
#: (a timer, a model's ``data()``, a slot) must take the GIL first, so a worker
#: running Python would otherwise cost the window up to 5 ms per call.
GUI_SWITCH_INTERVAL = 0.001


def start_settings() -> None:
    """The interpreter settings the GUI starts with (``benchmarks.gui_thread`` too):
    the collector off until the first window has its data, short GIL hand-overs."""
    gc.disable()
    sys.setswitchinterval(GUI_SWITCH_INTERVAL)


def resume_gc() -> None:
    """The collector back on once start-up is over (see :func:`_resume_gc`)."""
    _resume_gc()


def _resume_gc() -> None:
    """Turn the cyclic garbage collector back on after start-up.

    ``gc.freeze()`` moves everything allocated so far (modules, classes,
    mappers: long-lived) out of the collector's sight so later collections
    stay short.
    """
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def _load_models_after_paint(window) -> None:
    """Load the ORM models off the GUI thread once the dashboard shows its data.

    The first window is built from plain SQL reads (:mod:`pe_desktop.services.opening`,
    the dashboard); defining and configuring the models is most of a cold start, so it
    happens here, while the user reads the dashboard, instead of before it. A page that
    needs them sooner simply imports them (the import waits for this one). The collector
    comes back on (frozen) when they are loaded.
    """
    if getattr(window, "_models_requested", False):
        return
    window._models_requested = True
    from pe_desktop.storage.mapping import load_models
    from pe_desktop.ui.background import run_in_background

    def load() -> None:
        load_models()
        window.ctx.db.sessions  # noqa: B018 - the engine, its pragmas and hooks, made now

    def loaded(_result: object = None) -> None:
        _resume_gc()
        window.models_ready = True
        window.models_loaded.emit()
        # The first start of the day backs up: after the data model is in (the backup
        # needs the engine), a moment later, off the GUI thread.
        from PySide6.QtCore import QTimer

        QTimer.singleShot(2000, window.daily_backup)

    def failed(exc: BaseException) -> None:
        log.warning("loading the data model failed: %s", type(exc).__name__)
        loaded()

    run_in_background(load, loaded, failed, owner=window)


def install_exception_hooks() -> None:
    """An exception nothing caught (a slot, a timer, a thread) becomes one message
    and a scrubbed log entry, never a traceback on stderr holding record contents."""
    import threading

    def report(exc: BaseException) -> None:
        from pe_desktop.services.failures import describe_failure

        text = describe_failure(exc)
        print(f"pe-desktop: error: {text}", file=sys.stderr)
        try:
            from PySide6.QtCore import QThread
            from PySide6.QtWidgets import QApplication

            app = QApplication.instance()
            if app is not None and QThread.currentThread() is app.thread():
                from pe_desktop.ui.widgets.messages import show_error

                show_error(None, exc)
        except Exception:  # noqa: BLE001 - reporting must never raise
            pass

    def hook(_type: type, exc: BaseException, _tb: object) -> None:
        if isinstance(exc, KeyboardInterrupt):
            return
        report(exc)

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            report(args.exc_value)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def _run_oss(app, ctx) -> int:
    """The on-site supervisor's reduced app."""
    from pe_desktop.ui.oss.window import OssWindow

    _resume_gc()
    window = OssWindow(ctx)
    window.show()
    try:
        return app.exec()
    finally:
        if window.isVisible():
            window.close()
        from pe_desktop.ui.background import drain

        drain()
        window.deleteLater()
        ctx.close()


def run_gui(data_dir: str | None = None, open_file: str | None = None) -> int:
    # Start-up allocates a few hundred thousand long-lived objects (imports,
    # ORM mappers); repeated collections over them cost ~0.1 s and free nothing.
    start_settings()
    try:
        return _run_gui(data_dir, open_file)
    finally:
        _resume_gc()


def _run_gui(data_dir: str | None, open_file: str | None = None) -> int:
    _preload_data_layer()
    from PySide6.QtWidgets import QApplication, QMessageBox

    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("PE Desktop")
    app.setOrganizationName("PE Desktop")
    app.setApplicationDisplayName("PE Desktop")
    logging.basicConfig(level=logging.WARNING)
    from pe_desktop.ui.widgets import app_guards

    app_guards.install(app)

    from pe_desktop.paths import resolve_data_dir
    from pe_desktop.services import failures
    from pe_desktop.ui.protection.startup import unlock_and_open

    failures.remember_data_dir(resolve_data_dir(data_dir))
    install_exception_hooks()
    try:
        ctx = unlock_and_open(data_dir)
    except Exception as exc:  # noqa: BLE001 - locked, damaged, full disk: one message
        from pe_desktop.ui.widgets.messages import describe

        QMessageBox.critical(None, "PE Desktop cannot open your data", describe(exc))
        return 2
    if ctx is None:  # the user chose not to unlock: nothing was changed
        return 0

    from pe_desktop.services.opening import opening_facts

    facts = opening_facts(ctx)
    oss_mode = facts.oss_mode
    if not oss_mode and not facts.has_profile:
        from pe_desktop.ui.setup_dialog import SetupDialog

        _resume_gc()  # the user may take a while here
        setup = SetupDialog(ctx)
        if setup.exec() != SetupDialog.DialogCode.Accepted:
            ctx.close()
            return 0
        oss_mode = setup.joined_as_oss
    from pe_desktop.ui.protection.dialogs import show_recovery_key_if_pending

    show_recovery_key_if_pending(ctx)
    if oss_mode:
        return _run_oss(app, ctx)

    from PySide6.QtCore import QTimer

    from pe_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx)
    window.show()
    dashboard = window.page("dashboard")
    if getattr(dashboard, "data", None) is not None:
        _load_models_after_paint(window)
    else:
        dashboard.populated.connect(lambda: _load_models_after_paint(window))  # type: ignore[attr-defined]
        QTimer.singleShot(5000, lambda: _load_models_after_paint(window))  # the dashboard failed
    if open_file:  # double-clicked in the file manager: say what it is, offer its import
        from pe_desktop.ui.opened_file import show_opened_file

        QTimer.singleShot(0, lambda: show_opened_file(window, open_file))
    if os.environ.get("PE_DESKTOP_STARTUP_PROBE"):
        from pe_desktop.ui.startup_probe import install

        install(window)
    try:
        return app.exec()
    finally:
        # The event loop may end without the window closing (quit from the
        # probe, a signal, or a test): close it so geometry is saved and no
        # top-level window outlives the run.
        if window.isVisible():
            window.close()
        from pe_desktop.ui.background import drain

        drain()  # no result may arrive at a window being torn down
        window.deleteLater()
        from PySide6.QtCore import QEvent

        app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        ctx.close()
