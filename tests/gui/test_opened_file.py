"""A file opened from the desktop (``pe-desktop FILE.peqa``): the GUI says what it is
and offers the import that fits; nothing is imported before the click."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
from clocks import make_clock
from PySide6.QtWidgets import QMessageBox

from pe_desktop.services.qa.requests import RequestService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.ui.opened_file import show_opened_file


@pytest.fixture
def request_file(tmp_path, template_db):
    """A real signed sample request from a real panel folder, saved as .peqa."""
    from pe_desktop.services.context import open_context
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org

    d = tmp_path / "panel"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    store = SecretStore.in_memory()
    panel = open_context(d, clock=make_clock())
    try:
        PanelService(panel).init("Test panel", store)
        data = RoundInput("R1", date(2024, 1, 1), date(2026, 12, 31), date(2026, 12, 20),
                          organisations=(parse_org("NCC=Northfield"),))
        envelope = RoundService(panel).create(data, store).envelope
    finally:
        panel.close()
    path = tmp_path / "round R1.peqa"
    path.write_bytes(envelope)
    return path


def _buttons(box: QMessageBox) -> dict[str, object]:
    return {b.text().replace("&", ""): b for b in box.buttons()}


def test_a_sample_request_is_named_and_imported_on_click(make_window, ctx, request_file,
                                                          qtbot, tmp_path):
    w = make_window(ctx)
    box = show_opened_file(w, request_file)
    assert box.isVisible()
    assert "sample request" in box.text()
    assert "qa requests --import" in box.informativeText()
    assert RequestService(ctx).list() == []  # nothing before the click
    box.grab().save(str(tmp_path / "opened-file-box.png"))
    _buttons(box)["Import"].click()
    page = w.page("qa")
    qtbot.waitUntil(lambda: "round R1" in page.status.text(), timeout=20000)
    assert w.stack.currentWidget() is page
    assert [r.round_id for r in RequestService(ctx).list()] == ["R1"]


@pytest.mark.parametrize("name, data, said, command", [
    ("from-oss.pepkg", b"age-encryption.org/v1\n-> X25519 abc\n", "on-site supervisor",
     "oss import"),
    ("join.peinvite", b'{"invitation": 1}', "invitation", "oss join"),
    ("bundle.peqa", b"age-encryption.org/v1\n-> X25519 abc\n", "QA sample bundle", "none"),
])
def test_other_files_name_their_command_and_offer_no_import(make_window, ctx, tmp_path,
                                                            name, data, said, command):
    path = tmp_path / name
    path.write_bytes(data)
    box = show_opened_file(make_window(ctx), path)
    assert said in box.text() and command in box.informativeText()
    assert "Import" not in _buttons(box)


def test_an_empty_or_unreadable_file_is_one_clear_message(make_window, ctx, tmp_path):
    w = make_window(ctx)
    empty = tmp_path / "empty.peqa"
    empty.write_bytes(b"")
    box = show_opened_file(w, empty)
    assert box.icon() == QMessageBox.Icon.Warning and "is empty" in box.text()
    box.close()
    box = show_opened_file(w, tmp_path / "missing.pepkg")
    assert "Cannot read" in box.text()
