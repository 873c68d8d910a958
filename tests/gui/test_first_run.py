"""``pe-desktop`` on an empty data directory: set-up first, then the main window."""

from pe_desktop.services.placements import PlacementService
from pe_desktop.services.profile import ProfileService
from pe_desktop.ui.setup_dialog import SetupDialog
from pe_desktop.ui.startup_probe import MARKER


def test_first_run_creates_profile_then_opens_dashboard(tmp_path, qapp, monkeypatch,
                                                        sync_background, answer_dialog, capsys):
    from pe_desktop.services.context import open_context
    from pe_desktop.ui.app import run_gui

    data = tmp_path / "new-user"

    def fill(dlg):
        dlg.full_name.setText("Dónal Byrne")
        dlg.registration.setText("SW654321")
        dlg.create_profile()

    seen = answer_dialog(SetupDialog, fill)
    monkeypatch.setenv("PE_DESKTOP_STARTUP_PROBE", "1")  # quit once the dashboard shows
    assert run_gui(str(data)) == 0
    assert len(seen) == 1
    assert MARKER in capsys.readouterr().out
    ctx = open_context(data)
    try:
        assert ProfileService(ctx).get().full_name == "Dónal Byrne"
        assert PlacementService(ctx).list() == []
    finally:
        ctx.close()


def test_first_run_cancelled_quits_without_a_window(tmp_path, qapp, answer_dialog):
    from pe_desktop.ui.app import run_gui

    seen = answer_dialog(SetupDialog, lambda dlg: dlg.reject())
    assert run_gui(str(tmp_path / "new-user")) == 0
    assert len(seen) == 1
