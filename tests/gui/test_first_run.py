"""``pe-desktop`` on an empty data directory: set-up first, then the main window."""

import gc

import pytest
from PySide6.QtWidgets import QApplication

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.profile import ProfileService
from pe_desktop.ui.setup_dialog import SetupDialog


@pytest.fixture
def event_loop_stub(monkeypatch, qapp):
    """Replace ``app.exec()``: note what the main window shows, return 0.

    Running and quitting the real loop would leave the shared test QApplication
    unable to activate windows in later tests. run_gui deletes its window
    afterwards, so what matters is recorded here as plain values.
    """
    shown: list[dict] = []

    def fake_exec():
        QApplication.processEvents()
        from pe_desktop.ui.main_window import MainWindow

        for w in QApplication.topLevelWidgets():
            if isinstance(w, MainWindow) and w.isVisible():
                dashboard = w.page("dashboard")
                shown.append({
                    "populated": dashboard.data is not None,
                    "greeting": dashboard.greeting.text(),
                    "empty_state": dashboard.stack.currentWidget() is dashboard.empty,
                })
        return 0

    monkeypatch.setattr(QApplication, "exec", staticmethod(fake_exec))
    return shown


def test_first_run_creates_profile_then_opens_dashboard(tmp_path, event_loop_stub,
                                                        sync_background, answer_dialog):
    from pe_desktop.services.context import open_context
    from pe_desktop.ui.app import run_gui

    data = tmp_path / "new-user"

    def fill(dlg):
        dlg.full_name.setText("Dónal Byrne")
        dlg.registration.setText("SW654321")
        dlg.create_profile()

    seen = answer_dialog(SetupDialog, fill)
    assert run_gui(str(data)) == 0
    assert gc.isenabled()  # paused for start-up only
    assert len(seen) == 1
    assert len(event_loop_stub) == 1
    assert event_loop_stub[0] == {
        "populated": True, "greeting": "Welcome to PE Desktop, Dónal",  # not "back" yet
        "empty_state": True,  # no placements yet
    }
    event_loop_stub.clear()
    assert run_gui(str(data)) == 0  # the second time they have been back
    assert event_loop_stub[0]["greeting"] == "Welcome back, Dónal"
    ctx = open_context(data)
    try:
        assert ProfileService(ctx).get().swe_registration == "SW654321"
        assert PlacementService(ctx).list() == []
    finally:
        ctx.close()


def test_first_run_cancelled_quits_without_a_window(tmp_path, event_loop_stub, answer_dialog):
    from pe_desktop.ui.app import run_gui

    seen = answer_dialog(SetupDialog, lambda dlg: dlg.reject())
    assert run_gui(str(tmp_path / "new-user")) == 0
    assert len(seen) == 1
    assert event_loop_stub == []
