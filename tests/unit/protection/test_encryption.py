"""Encryption at rest: nothing readable in the data folder, wrong keys refused, plain data converted."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from clocks import make_clock
from keys import TEST_KEY
from protection_helpers import SECRET_TEXT, add_item_with_file, all_bytes, keyring_context

from pe_desktop.paths import DataPaths
from pe_desktop.services.context import open_context
from pe_desktop.services.protection import keys as dk
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage import crypto
from pe_desktop.storage.crypto import DataLockedError
from pe_desktop.storage.database import open_database

DEMO_NAMES = ["Siobhán Ní Bhriain", "Łukasz", "Zoë", "Małgorzata", "Máire Ó Dónaill"]
DATA = Path(__file__).parents[2] / "data"


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_fresh_install_leaves_nothing_readable(tmp_path, monkeypatch):
    """Done when: strings and sqlite3 find nothing readable in the data folder."""
    from pe_desktop.services.backup.service import BackupService
    from pe_desktop.services.demo import create_demo_data

    store = SecretStore.in_memory()
    d = tmp_path / "fresh"
    ctx = keyring_context(d, store, monkeypatch)
    try:
        assert ctx.keys_created and dk.recovery_pending(ctx.paths)
        create_demo_data(ctx)
        add_item_with_file(ctx, tmp_path)
        BackupService(ctx).backup_now()
    finally:
        ctx.close()
    blob = all_bytes(d)
    for name in [*DEMO_NAMES, SECRET_TEXT, "Ngozi"]:
        for enc in ("utf-8", "utf-16-le"):
            assert name.encode(enc) not in blob, name
    text = subprocess.run(["strings", "-n", "5", *map(str, d.rglob("*.sqlite"))],
                          capture_output=True, text=True).stdout
    assert not any(n.split()[0] in text for n in DEMO_NAMES)
    for db in d.rglob("*.sqlite"):
        out = subprocess.run(["sqlite3", str(db), ".tables"], capture_output=True, text=True)
        assert out.returncode != 0 and "not a database" in out.stderr
    # and the secret never lands in a file: the key is in the store only
    secret = store.get(dk.secret_name(dk.read_info(DataPaths(d))))
    assert secret and secret.encode() not in blob and bytes.fromhex(secret) not in blob


def test_missing_key_is_refused_without_creating_anything(tmp_path, monkeypatch, data_dir):
    db = data_dir / "pe-desktop.sqlite"
    digest = _sha(db)
    monkeypatch.delenv("PE_DESKTOP_DATA_KEY")
    with pytest.raises(DataLockedError, match="^PE Desktop cannot unlock your data: the key"):
        open_context(data_dir, clock=make_clock(), store=SecretStore.in_memory())
    assert _sha(db) == digest
    assert sorted(p.name for p in data_dir.iterdir()) == ["pe-desktop.sqlite"]


def test_wrong_key_is_refused_and_the_file_untouched(data_dir, monkeypatch):
    db = data_dir / "pe-desktop.sqlite"
    digest = _sha(db)
    monkeypatch.setenv("PE_DESKTOP_DATA_KEY", "00" * 32)
    with pytest.raises(DataLockedError, match="does not open pe-desktop.sqlite"):
        open_context(data_dir, clock=make_clock())
    assert _sha(db) == digest and not (data_dir / "backups").exists()


def test_recovery_key_round_trip_and_typos():
    key = dk.new_key()
    text = dk.format_recovery_key(key)
    assert text.startswith("PEDK-") and len(text.split("-")) == 15
    assert dk.parse_key(text) == key
    assert dk.parse_key(text.lower().replace("-", " ")) == key
    broken = text[:-1] + ("A" if text[-1] != "A" else "B")
    with pytest.raises(Exception, match="not a valid recovery key"):
        dk.parse_key(broken)


def test_plain_database_is_converted_with_backups_encrypted(tmp_path):
    """A database from before encryption: converted atomically, counts kept, no plain copy."""
    root = tmp_path / "old"
    (root / "backups").mkdir(parents=True)
    shutil.copy2(DATA / "schema-0001.sqlite", root / "pe-desktop.sqlite")
    shutil.copy2(DATA / "schema-0001.sqlite",
                 root / "backups" / "pe-desktop-20260101-000000-000000-before-upgrade.sqlite")
    con = sqlite3.connect(root / "pe-desktop.sqlite")
    students = [r[0] for r in con.execute("SELECT full_name FROM students")]
    con.close()
    assert students
    seen: list[tuple[int, int]] = []
    db = open_database(DataPaths(root), make_clock(), key=TEST_KEY,
                       progress=lambda d, t, _m: seen.append((d, t)))
    db.dispose()
    assert db.converted and seen and seen[-1][0] == seen[-1][1]
    for f in root.rglob("*.sqlite"):
        assert not crypto.is_plain_sqlite(f), f
        assert crypto.opens_with(f, TEST_KEY)
    blob = all_bytes(root)
    assert not any(n.encode() in blob for n in students)
    con = crypto.connect(root / "pe-desktop.sqlite", TEST_KEY)
    assert [r[0] for r in con.execute("SELECT full_name FROM students")] == students
    con.close()
    leftovers = [p.name for p in root.iterdir() if "plain" in p.name or "encrypting" in p.name]
    assert leftovers == []


def test_interrupted_conversion_leaves_the_original(tmp_path, monkeypatch):
    root = tmp_path / "old"
    root.mkdir()
    shutil.copy2(DATA / "schema-0001.sqlite", root / "pe-desktop.sqlite")
    digest = _sha(root / "pe-desktop.sqlite")

    def boom(*_a):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(crypto, "fsync_file", boom)
    with pytest.raises(OSError):
        crypto.encrypt_plain_database(root / "pe-desktop.sqlite", TEST_KEY)
    assert crypto.is_plain_sqlite(root / "pe-desktop.sqlite")
    assert [p.name for p in root.iterdir()] == ["pe-desktop.sqlite"]
    con = sqlite3.connect(root / "pe-desktop.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    del digest


def test_attachments_are_encrypted_and_open_decrypted_for_the_viewer(ctx, tmp_path):
    from pe_desktop.services.evidence.items import EvidenceService

    pid, sha = add_item_with_file(ctx, tmp_path)
    stored = ctx.attachments().path_for(sha).read_bytes()
    assert SECRET_TEXT.encode() not in stored and stored.startswith(b"PEDA")
    svc = EvidenceService(ctx)
    item = svc.list(pid)[0]
    att_id = svc.get(item.id).attachments[0].id
    opened = svc.attachment_path(att_id)
    assert opened.read_text(encoding="utf-8").startswith(SECRET_TEXT)
    assert opened.stat().st_mode & 0o777 == 0o600
    assert opened.parent.parent.stat().st_mode & 0o777 == 0o700
    ctx.close()  # the app closing removes the decrypted copy
    assert not opened.exists() and not opened.parent.parent.exists()


def test_plain_attachments_from_before_encryption_are_encrypted_on_open(data_dir):
    from pe_desktop.storage.attachments import AttachmentStore

    plain = AttachmentStore(data_dir / "attachments").add_bytes(b"plain evidence bytes")
    ctx = open_context(data_dir, clock=make_clock())
    try:
        store = ctx.attachments()
        assert store.is_stored_encrypted(plain.sha256)
        assert store.read_bytes(plain.sha256) == b"plain evidence bytes"
    finally:
        ctx.close()
