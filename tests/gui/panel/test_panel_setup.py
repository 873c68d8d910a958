"""Setting a data directory up as a QA panel from the GUI: a new panel chaired here
(its identity file saved), and a member joining with that file and a round request —
the same services as ``panel init`` and ``panel join``. Dialogs are patched; the
background work runs inline."""

from __future__ import annotations

import os
import shutil
import stat
from datetime import date

import pytest
from PySide6.QtWidgets import QDialog

from pe_desktop.services.secret_store import SecretStore
from pe_desktop.ui.panel.setup_dialog import PanelSetupDialog


@pytest.fixture
def blank_page(qtbot, ctx, sync_background):
    from pe_desktop.ui.panel.page import PanelPage

    store = SecretStore.in_memory()
    page = PanelPage(ctx, store=store)
    qtbot.addWidget(page)
    page.resize(1280, 800)
    page.show()
    page.refresh()
    return page, store


def _answer(monkeypatch, fill) -> None:
    def exec_(dialog: PanelSetupDialog) -> int:
        fill(dialog)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(PanelSetupDialog, "exec", exec_)


def test_a_new_panel_is_set_up_and_its_identity_file_saved(blank_page, monkeypatch, tmp_path):
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.review import member_name

    page, store = blank_page
    assert page.setup_button.isVisible() and not page.identity_button.isVisible()
    assert "not a QA panel yet" in page.status_label.text()

    def fill(d: PanelSetupDialog) -> None:
        d.panel_name.setText("  North peer QA panel ")
        d.your_name.setText("Dana Chair")

    _answer(monkeypatch, fill)
    out = tmp_path / "backup" / "panel-identity.txt"
    out.parent.mkdir()
    monkeypatch.setattr("pe_desktop.ui.panel.page.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(out), ""))
    page.setup_button.click()

    info = PanelService(page.ctx).info()
    assert info is not None and info.name == "North peer QA panel"
    assert member_name(page.ctx) == "Dana Chair"
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_text().startswith("# created:")
    assert "AGE-SECRET-KEY-1" in out.read_text()
    assert "Identity file saved" in page.tasks.message.text()
    assert not page.setup_button.isVisible() and page.identity_button.isVisible()


def test_missing_details_are_named_and_nothing_is_made(blank_page, qtbot):
    from pe_desktop.services.panel.profile import PanelService

    page, _store = blank_page
    d = PanelSetupDialog(page)
    qtbot.addWidget(d)
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "Give the panel a name." in d.error.text() and "Give your name." in d.error.text()
    d.join_radio.setChecked(True)
    d.your_name.setText("Sam Member")
    d.identity.setText("/nowhere/identity.txt")
    d.accept()
    assert d.result() != QDialog.DialogCode.Accepted
    assert "is not a file" in d.error.text() and "Choose a round's request file." in d.error.text()
    assert not d.panel_name.isEnabled() and d.identity.isEnabled()
    assert PanelService(page.ctx).info() is None


def test_a_member_joins_with_the_identity_file_and_a_request(blank_page, monkeypatch,
                                                             tmp_path, data_dir):
    from pe_desktop.clock import FixedClock
    from pe_desktop.services.context import open_context
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org

    page, _store = blank_page
    # The chair's own data directory, with a round and its identity file.
    chair_dir = tmp_path / "chair"
    chair_dir.mkdir(mode=0o700)
    shutil.copy2(data_dir / "pe-desktop.sqlite", chair_dir / "pe-desktop.sqlite")
    chair = open_context(chair_dir, clock=FixedClock(page.ctx.now()))
    try:
        chair_store = SecretStore.in_memory()
        panel = PanelService(chair).set_up("North peer QA panel", chair_store, "Dana Chair")
        request = tmp_path / "R1.peqa"
        RoundService(chair).create(RoundInput("R1", date(2026, 1, 1), date(2026, 11, 30),
                                              date(2026, 12, 15),
                                              organisations=(parse_org("NCC=Northfield"),)),
                                   chair_store, out=request)
        identity = PanelService(chair).export_identity(tmp_path / "identity.txt", chair_store)
    finally:
        chair.close()

    def fill(d: PanelSetupDialog) -> None:
        d.join_radio.setChecked(True)
        d.your_name.setText("Sam Member")
        d.identity.setText(str(identity))
        d.request.setText(str(request))

    _answer(monkeypatch, fill)
    page.setup_button.click()
    info = PanelService(page.ctx).info()
    assert info is not None and info.uid == panel.uid
    assert "Joined the panel as Sam Member" in page.tasks.message.text()
    assert page.round_box.currentText() == "R1"


def test_a_request_from_another_panel_is_refused_in_one_line(blank_page, monkeypatch,
                                                             tmp_path):
    from pe_desktop.services.panel.profile import PanelService

    page, _store = blank_page
    bogus = tmp_path / "identity.txt"
    bogus.write_text("not an age identity\n")
    request = tmp_path / "R1.peqa"
    request.write_bytes(b"age-encryption.org/v1\n garbage")

    def fill(d: PanelSetupDialog) -> None:
        d.join_radio.setChecked(True)
        d.your_name.setText("Sam Member")
        d.identity.setText(str(bogus))
        d.request.setText(str(request))

    _answer(monkeypatch, fill)
    page.setup_button.click()
    text = page.tasks.message.text()
    assert text and "\n" not in text and "Traceback" not in text
    assert PanelService(page.ctx).info() is None
    assert page.setup_button.isVisible()
