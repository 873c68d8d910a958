"""A locked system keyring is told apart from a missing one, with a real Secret
Service: gnome-keyring-daemon on a private D-Bus session (issue 11)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time

import pytest

from pe_desktop.services import secret_store as ss
from pe_desktop.services.secret_store import KeyringLockedError, SecretStore, SecretStoreError


@pytest.fixture
def secret_service(tmp_path, monkeypatch):
    """A private session bus with gnome-keyring's Secret Service, login collection
    unlocked with a known password; skipped where the daemon cannot start."""
    if not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        pytest.skip("dbus-daemon / gnome-keyring-daemon not installed")
    home, run = tmp_path / "home", tmp_path / "run"
    home.mkdir()
    run.mkdir(mode=0o700)
    env = dict(os.environ, HOME=str(home), XDG_RUNTIME_DIR=str(run),
               XDG_DATA_HOME=str(home / ".local/share"), XDG_CONFIG_HOME=str(home / ".config"))
    bus = subprocess.Popen(["dbus-daemon", "--session", "--print-address", "--nofork"],
                           stdout=subprocess.PIPE, env=env, text=True)
    started: list[subprocess.Popen] = [bus]
    try:
        address = bus.stdout.readline().strip()
        if not address:
            pytest.skip("dbus-daemon did not start")
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        daemon = subprocess.Popen(
            ["gnome-keyring-daemon", "--unlock", "--components=secrets", "--foreground"],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=env)
        started.append(daemon)
        daemon.stdin.write(b"test-keyring-password")
        daemon.stdin.close()
        for key in ("HOME", "XDG_RUNTIME_DIR", "XDG_DATA_HOME", "DBUS_SESSION_BUS_ADDRESS"):
            monkeypatch.setenv(key, env[key])
        import secretstorage

        deadline = time.monotonic() + 10
        while True:
            try:
                con = secretstorage.dbus_init()
                collection = secretstorage.get_default_collection(con)
                if not collection.is_locked():
                    break
            except Exception:  # noqa: BLE001 - still starting
                pass
            if time.monotonic() > deadline:
                pytest.skip("gnome-keyring-daemon did not come up unlocked")
            time.sleep(0.1)
        yield collection
    finally:
        for proc in reversed(started):  # only the processes this fixture started
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def test_unlocked_secret_service_is_used(secret_service, tmp_path):
    store = SecretStore.open(tmp_path / "keys", passphrase=None)
    assert store.kind == ss.KIND_NATIVE
    store.set("signing-identity-passphrase", "kept in the keyring")
    assert store.get("signing-identity-passphrase") == "kept in the keyring"
    assert not (tmp_path / "keys" / ss.SECRETS_FILENAME).exists()


def test_locked_keyring_is_reported_as_locked_and_no_second_store_appears(
        secret_service, tmp_path):
    keys = tmp_path / "keys"
    SecretStore.open(keys, passphrase=None).set("signing-identity-passphrase", "in keyring")
    secret_service.lock()
    assert secret_service.is_locked()
    asked: list[bool] = []
    with pytest.raises(KeyringLockedError, match="keyring is locked: unlock it"):
        SecretStore.open(keys, lambda creating: asked.append(creating) or "a new passphrase")
    assert asked == []  # no passphrase was asked for a new file
    assert not (keys / ss.SECRETS_FILENAME).exists()


def test_cli_with_a_locked_keyring_says_so_and_keeps_the_identity(
        secret_service, ctx, capsys, monkeypatch):
    from pe_desktop.cli.main import main
    from pe_desktop.services.profile import ProfileData, ProfileService

    ProfileService(ctx).save(ProfileData("Siobhán Ní Bhriain", "SW654321", "Example Council"))
    base = ["--data-dir", str(ctx.paths.root)]
    assert main([*base, "identity", "create"]) == 0
    identity = ctx.paths.keys / "signing-identity.p12"
    before = identity.read_bytes()
    capsys.readouterr()
    secret_service.lock()
    monkeypatch.setenv("PE_DESKTOP_SECRETS_PASSPHRASE", "would create a second store")
    assert main([*base, "identity", "show"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "keyring is locked" in err[0]
    assert not (ctx.paths.keys / ss.SECRETS_FILENAME).exists()
    assert identity.read_bytes() == before


def test_missing_keyring_beside_an_identity_never_starts_a_second_store(tmp_path):
    keys = tmp_path / "keys"
    keys.mkdir()
    (keys / "signing-identity.p12").write_bytes(b"key whose passphrase is in the keyring")
    with pytest.raises(SecretStoreError, match="kept in the system keyring"):
        SecretStore.open(keys, lambda creating: "a new passphrase", try_native=False)
    assert not (keys / ss.SECRETS_FILENAME).exists()
