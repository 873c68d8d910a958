"""Data protection in the GUI: unlock, recovery key, restore, settings; screenshots."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from evidence_helpers import make_placement
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox

from pe_desktop.services.backup.service import BackupService
from pe_desktop.services.protection import keys as dk
from pe_desktop.services.secret_store import SecretStore, WrongPassphrase

SHOTS = Path("/work/helpers/shots/data-protection")


def _shot(widget, name: str) -> None:
    if SHOTS.parent.is_dir():
        from PySide6.QtWidgets import QApplication

        SHOTS.mkdir(exist_ok=True)
        QApplication.processEvents()
        widget.grab().save(str(SHOTS / f"{name}.png"))


def test_unlock_dialog_says_wrong_passphrase_inline_and_stays_open(qtbot, tmp_path,
                                                                    sync_background):
    from pe_desktop.ui.protection.unlock import UnlockDialog

    store = SecretStore.in_memory()

    def opener(_keys, phrase):
        if phrase != "correct horse":
            raise WrongPassphrase("That passphrase does not unlock the encrypted secrets file.")
        return store

    dlg = UnlockDialog(tmp_path / "keys", creating=False, opener=opener)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.first, "not it")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "does not unlock" in dlg.error.text() and dlg.isVisible() and dlg.store is None
    assert dlg.first.text() == ""
    _shot(dlg, "unlock-wrong-passphrase")
    qtbot.keyClicks(dlg.first, "correct horse")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.result() == QDialog.DialogCode.Accepted and dlg.store is store


def test_creating_a_passphrase_needs_it_twice(qtbot, tmp_path, sync_background):
    from pe_desktop.ui.protection.unlock import UnlockDialog

    dlg = UnlockDialog(tmp_path / "keys", creating=True, opener=lambda *_a: object())
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.keyClicks(dlg.first, "long enough")
    qtbot.keyClicks(dlg.second, "different!!")
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dlg.error.text() == "The two passphrases differ."
    _shot(dlg, "unlock-create")


def test_recovery_key_dialog_needs_confirmation_and_prints(qtbot, monkeypatch):
    from PySide6.QtPrintSupport import QPrintDialog

    from pe_desktop.ui.protection.recovery_key import RecoveryKeyDialog

    key = dk.format_recovery_key(hashlib.sha256(b"shown once").digest())
    dlg = RecoveryKeyDialog(key, "the system keyring (test)", "/home/pe/.local/share/pe-desktop")
    qtbot.addWidget(dlg)
    dlg.show()
    ok = dlg.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    printed = []
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: printed.append(self) or 0)
    dlg.print_button.click()
    assert printed  # the print dialog was offered (cancelled here)
    dlg.confirmed.setChecked(True)
    assert ok.isEnabled()
    assert dlg.key_label.text().replace(" - ", "-", 1) == key
    _shot(dlg, "recovery-key")


def test_restore_dialog_lists_backups_with_counts_and_restores(qtbot, ctx, monkeypatch,
                                                                sync_background):
    from pe_desktop.ui.protection import restore_dialog
    from pe_desktop.ui.protection.restore_dialog import RestoreDialog

    make_placement(ctx, name="In The Backup")
    made = BackupService(ctx).backup_now().path
    make_placement(ctx, name="Added Later")
    restored = []
    dlg = RestoreDialog(ctx, on_restored=lambda: restored.append(True))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.table.rowCount() == 1
    assert "1 students, 1 placements" in dlg.table.item(0, 2).text()
    _shot(dlg, "restore-dialog")
    dlg.table.selectRow(0)
    assert dlg.restore_button.isEnabled()
    monkeypatch.setattr(restore_dialog, "confirm", lambda *_a, **_k: True)
    dlg.restore_button.click()
    assert restored
    from pe_desktop.services.placements.service import PlacementService

    assert [p.student_name for p in PlacementService(ctx).list()] == ["In The Backup"]
    assert made.exists()


def test_data_protection_dialog_checks_verifies_and_saves(qtbot, ctx, tmp_path,
                                                          sync_background):
    from pe_desktop.ui.protection.settings_dialog import DataProtectionDialog

    make_placement(ctx)
    dlg = DataProtectionDialog(ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.check_button.click()
    assert dlg.result_label.text().startswith("All intact")
    dlg.verify_button.click()
    assert dlg.result_label.text().startswith("Audit trail intact")
    dlg.preview_button.click()
    assert "Nothing is due" in dlg.result_label.text()
    dlg.keep_daily.setValue(10)
    dlg.second.setText(str(tmp_path / "usb"))
    _shot(dlg, "data-protection")
    dlg.save()
    saved = json.loads((ctx.paths.root / "backup-settings.json").read_text())
    assert saved["keep_daily"] == 10 and saved["second_location"] == str(tmp_path / "usb")


def test_file_menu_backs_up_in_the_background(make_window, ctx):
    window = make_window(ctx)
    texts = [a.text() for a in window.file_menu.actions()]
    at = texts.index("&Back up now")
    assert texts[at:at + 3] == ["&Back up now", "&Restore from a backup…", "&Data protection…"]
    window.backup_action.trigger()
    assert "Backed up to" in window.statusBar().currentMessage()
    assert any(p.name.endswith("-manual.sqlite") for p in ctx.paths.backups.iterdir())


def test_wrong_key_at_start_up_is_refused_and_nothing_created(qtbot, data_dir, monkeypatch):
    from pe_desktop.ui.protection.startup import unlock_and_open

    db = data_dir / "pe-desktop.sqlite"
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    monkeypatch.setenv("PE_DESKTOP_DATA_KEY", "22" * 32)
    shown = []

    def fake_exec(box):
        shown.append(box.text())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert unlock_and_open(str(data_dir)) is None
    assert shown and shown[0].startswith("PE Desktop cannot unlock your data: ")
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    assert sorted(p.name for p in data_dir.iterdir()) == ["pe-desktop.sqlite"]


def test_first_start_without_a_keyring_asks_for_a_passphrase(qtbot, tmp_path, monkeypatch,
                                                              answer_dialog):
    from pe_desktop.ui.protection import startup
    from pe_desktop.ui.protection.unlock import UnlockDialog

    monkeypatch.delenv("PE_DESKTOP_DATA_KEY")
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    store = SecretStore.in_memory()

    def unlock(dlg):
        dlg.store = store
        dlg.done(QDialog.DialogCode.Accepted)

    seen = answer_dialog(UnlockDialog, unlock)
    ctx = startup.unlock_and_open(str(tmp_path / "new"))
    try:
        assert len(seen) == 1 and seen[0].creating
        assert ctx is not None and ctx.keys_created and ctx.store is store
        assert dk.recovery_pending(ctx.paths)
    finally:
        ctx.close()
    pytest.importorskip("PySide6")


def test_audit_trail_verified_against_a_signed_pdf_from_the_dialog(qtbot, demo_ctx, tmp_path,
                                                                   monkeypatch, sync_background):
    """*Verify against a file…*: the chain still holds the head a signed export recorded;
    a PDF without one is one clear message (``audit verify --pdf`` in the GUI)."""
    from pe_desktop.services.documents.kinds import PdfRequest
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.signing.pdf_export import export_pdf
    from pe_desktop.ui.protection import settings_dialog
    from pe_desktop.ui.protection.settings_dialog import DataProtectionDialog

    pid = next(p.id for p in PlacementService(demo_ctx).list() if p.status == "active")
    signed, plain = tmp_path / "signed.pdf", tmp_path / "plain.pdf"
    export_pdf(demo_ctx, "portfolio", PdfRequest(pid), signed, sign=True,
               store=SecretStore.in_memory())
    export_pdf(demo_ctx, "portfolio", PdfRequest(pid), plain)
    dlg = DataProtectionDialog(demo_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    chosen = [str(signed)]
    monkeypatch.setattr(settings_dialog.QFileDialog, "getOpenFileName",
                        lambda *a, **k: (chosen[0], ""))
    dlg.anchor_button.click()
    assert dlg.result_label.text().startswith("Audit trail intact")
    assert "chain head recorded in signed.pdf" in dlg.result_label.text()
    errors: list[BaseException] = []
    monkeypatch.setattr("pe_desktop.ui.widgets.messages.show_error",
                        lambda _parent, exc, *a, **k: errors.append(exc))
    chosen[0] = str(plain)
    dlg.anchor_button.click()
    assert len(errors) == 1 and "holds no audit chain head" in str(errors[0])
    assert "\n" not in str(errors[0])
