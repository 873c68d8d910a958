"""First-run set-up: profile with inline validation, or the demo data."""

from PySide6.QtCore import Qt

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.profile import ProfileService
from pe_desktop.ui.setup_dialog import SetupDialog


def test_invalid_profile_shows_messages_and_saves_nothing(qtbot, ctx):
    dlg = SetupDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.registration, "12345")
    qtbot.keyClicks(dlg.email, "not-an-email")
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)

    assert dlg.result() != SetupDialog.DialogCode.Accepted
    assert dlg.errors.message("full_name") == "Your name is required"
    assert "SW123456" in dlg.errors.message("swe_registration")
    assert "not an email" in dlg.errors.message("email")
    assert dlg.errors.message("organisation") == ""
    assert dlg.summary.isVisible()
    assert dlg.focusWidget() is dlg.full_name  # first field with a problem
    assert ProfileService(ctx).get() is None


def test_valid_profile_is_saved_and_dialog_accepted(qtbot, ctx):
    dlg = SetupDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.full_name.insert("Zoë Ní Bhriain")  # QTest cannot type non-ASCII keys
    qtbot.keyClicks(dlg.registration, "sw765432")
    qtbot.keyClicks(dlg.organisation, "Westmoor County Council")
    dlg.arrangement.setCurrentIndex(dlg.arrangement.findText("Off-site PE"))
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)

    assert dlg.result() == SetupDialog.DialogCode.Accepted
    profile = ProfileService(ctx).get()
    assert profile is not None
    assert profile.full_name == "Zoë Ní Bhriain"
    assert profile.swe_registration == "SW765432"
    assert profile.usual_arrangement == "offsite"


def test_load_demo_data_instead(qtbot, ctx, sync_background):
    dlg = SetupDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.demo_button, Qt.MouseButton.LeftButton)

    assert dlg.result() == SetupDialog.DialogCode.Accepted
    assert dlg.loaded_demo
    assert ProfileService(ctx).get() is not None
    assert len(PlacementService(ctx).list()) == 22  # 12 recent + 10 earlier (peer QA history)


def test_demo_refused_when_data_exists_leaves_dialog_open(qtbot, demo_ctx, sync_background,
                                                          monkeypatch):
    shown = []
    monkeypatch.setattr("pe_desktop.ui.setup_dialog.show_error",
                        lambda parent, exc, title="": shown.append(str(exc)))
    dlg = SetupDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.mouseClick(dlg.demo_button, Qt.MouseButton.LeftButton)
    assert dlg.result() != SetupDialog.DialogCode.Accepted
    assert shown and "already holds data" in shown[0]
    assert dlg.demo_button.isEnabled()
