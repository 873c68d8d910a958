"""SecretStore: explicit backends, encrypted file fallback, never plain text."""

from __future__ import annotations

import pytest

from pe_desktop.services import secret_store as ss
from pe_desktop.services.secret_store import PassphraseNeeded, SecretStore, WrongPassphrase


def test_in_memory_store_round_trip():
    store = SecretStore.in_memory()
    assert store.get("x") is None
    store.set("x", "s3cret")
    assert store.get("x") == "s3cret"
    store.delete("x")
    store.delete("x")  # deleting twice is harmless
    assert store.get("x") is None
    assert store.kind == ss.KIND_MEMORY


def test_no_native_keyring_here_falls_back_to_encrypted_file(tmp_path):
    # No D-Bus session on this machine: the probe must fail rather than hang or lie.
    assert ss.probe_native_backend() is None
    store = SecretStore.open(tmp_path / "keys", lambda creating: "correct horse battery")
    assert store.kind == ss.KIND_ENCRYPTED_FILE
    assert "encrypted file" in store.description
    store.set("signing", "VALUE-NOT-IN-PLAIN-TEXT")
    path = tmp_path / "keys" / ss.SECRETS_FILENAME
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "keys").stat().st_mode & 0o777 == 0o700
    assert b"VALUE-NOT-IN-PLAIN-TEXT" not in path.read_bytes()
    again = SecretStore.open(tmp_path / "keys", lambda creating: "correct horse battery",
                             try_native=False)
    assert again.get("signing") == "VALUE-NOT-IN-PLAIN-TEXT"


def test_native_backend_used_when_probe_succeeds(tmp_path, monkeypatch):
    backend = ss.memory_backend()
    monkeypatch.setattr(ss, "probe_native_backend", lambda: (backend, "Test keyring"))
    store = SecretStore.open(tmp_path / "keys", passphrase=None)
    assert store.kind == ss.KIND_NATIVE and "Test keyring" in store.description
    assert not (tmp_path / "keys" / ss.SECRETS_FILENAME).exists()


def test_wrong_passphrase_is_refused_and_file_untouched(tmp_path):
    store = SecretStore.open(tmp_path, lambda c: "first passphrase", try_native=False)
    store.set("a", "b")
    before = (tmp_path / ss.SECRETS_FILENAME).read_bytes()
    with pytest.raises(WrongPassphrase):
        SecretStore.open(tmp_path, lambda c: "not the passphrase", try_native=False)
    assert (tmp_path / ss.SECRETS_FILENAME).read_bytes() == before


def test_cancelled_passphrase_never_falls_back_to_plain_text(tmp_path):
    with pytest.raises(PassphraseNeeded, match="encrypted file"):
        SecretStore.open(tmp_path, lambda creating: None, try_native=False)
    assert not (tmp_path / ss.SECRETS_FILENAME).exists()


def test_new_file_needs_a_reasonable_passphrase(tmp_path):
    seen = []

    def ask(creating: bool) -> str:
        seen.append(creating)
        return "short"

    with pytest.raises(ss.SecretStoreError, match="at least 8"):
        SecretStore.open(tmp_path, ask, try_native=False)
    assert seen == [True]
