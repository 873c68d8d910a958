"""Key rotation, interrupted rotation and recovery with the recovery key."""

from __future__ import annotations

import pytest
from clocks import make_clock
from evidence_helpers import make_placement
from protection_helpers import SECRET_TEXT, add_item_with_file, keyring_context

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.backup.service import BackupService
from pe_desktop.services.context import open_context
from pe_desktop.services.protection import keys as dk
from pe_desktop.services.protection.rotation import recover, rotate
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage import crypto
from pe_desktop.storage.crypto import DataLockedError


def test_rotate_rekeys_database_backups_and_files(tmp_path, monkeypatch):
    store = SecretStore.in_memory()
    ctx = keyring_context(tmp_path / "d", store, monkeypatch)
    try:
        old = ctx.keys.current
        _pid, sha = add_item_with_file(ctx, tmp_path)
        backup = BackupService(ctx).backup_now().path
        recovery = rotate(ctx)
        new = dk.parse_key(recovery)
        assert new != old and ctx.keys.current == new and old in ctx.keys.retired
        db = ctx.paths.database
        assert crypto.opens_with(db, new) and not crypto.opens_with(db, old)
        assert crypto.opens_with(backup, new)
        assert ctx.attachments().read_bytes(sha).decode().startswith(SECRET_TEXT)
        assert ctx.attachments().cipher.is_current(ctx.attachments().path_for(sha).read_bytes())
        make_placement(ctx, name="After Rotation")  # the reopened database works
    finally:
        ctx.close()
    again = keyring_context(tmp_path / "d", store, monkeypatch)
    again.close()


def test_an_interrupted_rotation_is_finished_at_start_up(tmp_path, monkeypatch):
    store = SecretStore.in_memory()
    ctx = keyring_context(tmp_path / "d", store, monkeypatch)
    old = ctx.keys.current
    ctx.close()
    # the new key was stored beside the old one, then the process died before rekeying
    new = dk.new_key()
    dk.save_keys(ctx.paths, store, dk.DataKeys(new, (old,)), recovery_pending=True)
    ctx = keyring_context(tmp_path / "d", store, monkeypatch)
    try:
        assert crypto.opens_with(ctx.paths.database, new)
        assert dk.recovery_pending(ctx.paths)  # the new recovery key is still to be shown
    finally:
        ctx.close()


def test_recovery_key_opens_the_data_when_the_keyring_is_lost(tmp_path, monkeypatch):
    store = SecretStore.in_memory()
    ctx = keyring_context(tmp_path / "d", store, monkeypatch)
    make_placement(ctx, name="Kept Safe")
    recovery = dk.format_recovery_key(ctx.keys.current)
    paths = ctx.paths
    ctx.close()
    (paths.keys / dk.KEY_INFO_FILE).unlink()  # even the key's id is gone
    fresh = SecretStore.in_memory()
    with pytest.raises(DataLockedError):
        open_context(paths.root, clock=make_clock(), store=fresh)
    wrong = dk.format_recovery_key(dk.new_key())
    with pytest.raises(PEDesktopError, match="does not open"):
        recover(paths, fresh, wrong)
    recover(paths, fresh, recovery)
    ctx = open_context(paths.root, clock=make_clock(), store=fresh)
    try:
        from pe_desktop.services.placements.service import PlacementService

        assert [p.student_name for p in PlacementService(ctx).list()] == ["Kept Safe"]
    finally:
        ctx.close()


def test_rotation_refuses_an_environment_key(ctx):
    with pytest.raises(PEDesktopError, match="PE_DESKTOP_DATA_KEY"):
        rotate(ctx)
