"""The targets dialog and the outbox view, driven for real against a local WebDAV server."""

from __future__ import annotations

from pathlib import Path

import pytest
from dav_server import PASSWORD, USER, DavServer
from sync_helpers import make_bundle

from pe_desktop.services.qa.targets import PASSWORD_ENV, TargetService
from pe_desktop.services.secret_store import SecretStore

SHOTS = Path("/work/helpers/shots/qa-sync")


def _shot(widget, name: str) -> None:
    if SHOTS.parent.is_dir():
        from PySide6.QtWidgets import QApplication

        QApplication.processEvents()  # let pending layout requests settle first
        SHOTS.mkdir(exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def dav(tmp_path):
    server = DavServer(tmp_path)
    yield server
    server.stop()


@pytest.fixture
def service(ctx, monkeypatch):
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    return TargetService(ctx, SecretStore.in_memory())


def test_add_test_and_remove_targets(qtbot, service, dav, tmp_path, sync_background,
                                     monkeypatch):
    from pe_desktop.ui.qa import targets_dialog
    from pe_desktop.ui.qa.targets_dialog import TargetsDialog

    dlg = TargetsDialog(service)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.list.count() == 0 and dlg.is_folder.isChecked()
    dlg.is_webdav.setChecked(True)
    assert not dlg.folder_row.isEnabled() and dlg.url.isEnabled()
    qtbot.keyClicks(dlg.name, "Panel Nextcloud")
    qtbot.keyClicks(dlg.url, dav.nextcloud_url)
    qtbot.keyClicks(dlg.user, USER)
    qtbot.keyClicks(dlg.password, "not-it")
    dlg.test_button.click()
    assert dlg.result.text().startswith("✗") and "(401)" in dlg.result.text()
    dlg.password.clear()
    qtbot.keyClicks(dlg.password, PASSWORD)
    dlg.test_button.click()
    assert dlg.result.text().startswith("✓ Connected to 127.0.0.1")
    assert dlg.save()
    assert service.store().get("webdav-target:Panel Nextcloud") == PASSWORD
    assert dlg.list.count() == 1 and dlg.password.text() == ""
    dlg.test_button.click()  # the stored password is used
    assert dlg.result.text().startswith("✓")

    dlg.new_target()
    qtbot.keyClicks(dlg.name, "OneDrive QA")
    dlg.save()
    assert "Choose a folder" in dlg.summary.text() + "".join(
        w.text() for w in dlg.findChildren(type(dlg.summary)))
    dlg.folder.setText(str(tmp_path))
    assert dlg.save() and [i.name for i in service.list()] == ["Panel Nextcloud", "OneDrive QA"]
    dlg.test_button.click()
    assert "reachable and writable" in dlg.result.text()
    _shot(dlg, "targets-dialog.png")

    monkeypatch.setattr(targets_dialog, "confirm", lambda *a, **k: True)
    dlg.remove_target()
    assert [i.name for i in service.list()] == ["Panel Nextcloud"]


def test_outbox_push_now_shows_states_and_failures(qtbot, service, dav, tmp_path,
                                                   sync_background):
    from pe_desktop.ui.qa.outbox_view import OutboxView

    service.add_webdav("panel", dav.url, USER, PASSWORD)
    with service.outbox() as box:
        a = box.enqueue("bundles/round-2026A.age", make_bundle(tmp_path, 300_000, "a"), {})
        box.enqueue("bundles/round-2026B.age", make_bundle(tmp_path, 200_000, "b", seed=2), {})
    view = OutboxView(service)
    qtbot.addWidget(view)
    view.resize(900, 260)
    view.show()
    view.refresh()
    assert view.model.rowCount() == 2 and "2 waiting" in view.status.text()
    dav.faults.fail(507, 1, {"PUT"})
    view.push()
    assert "storage on the server is full" in view.status.text()
    states = [view.model.index(r, 1).data() for r in range(2)]
    assert states == ["failed", "failed"]
    _shot(view, "outbox-failed.png")
    view.push()
    assert view.status.text().startswith("Push: 2 delivered, 0 failed")
    assert [view.model.index(r, 1).data() for r in range(2)] == ["sent", "sent"]
    assert view.model.index(0, 3).data() == "panel" and a.name in dav.files()
    assert view.model.index(0, 0).data() == "round-2026A.age"
    _shot(view, "outbox-sent.png")


def test_push_runs_in_the_background_and_can_be_cancelled(qtbot, service, dav, tmp_path):
    from pe_desktop.ui.qa.outbox_view import OutboxView

    service.add_webdav("panel", dav.url, USER, PASSWORD)
    with service.outbox() as box:
        item = box.enqueue("big.age", make_bundle(tmp_path, 4_000_000), {})
    dav.faults.delay_per_read = 0.05  # ~3 s for the upload
    view = OutboxView(service)
    qtbot.addWidget(view)
    view.show()
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    view.push()
    assert not view.push_button.isEnabled() and view.cancel_button.isVisible()
    qtbot.waitUntil(lambda: 0 < view.bar.value() < 1000, timeout=10_000)  # GUI stays live
    _shot(view, "outbox-pushing.png")
    view.cancel_button.click()
    qtbot.waitUntil(lambda: view.push_button.isEnabled(), timeout=20_000)
    assert "cancel" in view.status.text().lower()
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.model.index(0, 1).data() == "queued"
    assert item.name not in dav.files()
    dav.faults.delay_per_read = 0
