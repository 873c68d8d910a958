"""Finding the key that opens a data folder, at start-up.

The order: ``PE_DESKTOP_DATA_KEY`` (scripts, tests) → the SecretStore (the OS
keyring, or the encrypted secrets file behind one passphrase prompt) → a new
key for a new or not yet encrypted folder. An encrypted database the keys do
not open is refused with :class:`DataLockedError`; nothing is created in its place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pe_desktop.paths import DataPaths
from pe_desktop.services.protection.keys import (
    DataKeys,
    env_keys,
    has_existing_data,
    keys_for_opening,
)
from pe_desktop.storage.crypto import DataLockedError, first_key_that_opens

if TYPE_CHECKING:
    from pe_desktop.services.secret_store import PassphraseProvider, SecretStore

ENV_SECRET_STORE = "PE_DESKTOP_SECRET_STORE"  # "auto" (default) or "file"


@dataclass(frozen=True)
class Unlocked:
    keys: DataKeys
    db_key: bytes  # the key that opens the database now (current, or retired mid-rotation)
    store: SecretStore | None
    created: bool  # a new key was made (show the recovery key)


def native_possible() -> bool:
    """Whether an OS keyring could be reachable at all (cheap; no imports).

    On Linux the Secret Service and KWallet both need a D-Bus session bus; without
    one, importing and probing them costs half a second for nothing.
    """
    if os.environ.get(ENV_SECRET_STORE, "auto") == "file":
        return False
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DBUS_SESSION_BUS_ADDRESS"))
    return True


class _SecretServiceReader:
    """Reads one secret over D-Bus with ``secretstorage`` alone (what keyring's
    SecretService backend uses underneath), skipping keyring's own import
    (~70 ms of CPU at every start); writes go through keyring's backend."""

    def __init__(self) -> None:
        self._writer: Any = None

    def get_password(self, service: str, username: str) -> str | None:
        from contextlib import closing

        import secretstorage

        bus = secretstorage.dbus_init()
        with closing(bus):
            collection = secretstorage.get_default_collection(bus)
            if collection.is_locked():
                raise RuntimeError("the keyring is locked")  # the full path unlocks it
            for item in collection.search_items({"username": username, "service": service}):
                return item.get_secret().decode("utf-8")
        return None

    def _backend(self) -> Any:
        if self._writer is None:
            from keyring.backends.SecretService import Keyring

            self._writer = Keyring()
        return self._writer

    def set_password(self, service: str, username: str, password: str) -> None:
        self._backend().set_password(service, username, password)

    def delete_password(self, service: str, username: str) -> None:
        self._backend().delete_password(service, username)


def quick_native_store(paths: DataPaths) -> SecretStore | None:
    """The OS keyring, if it already holds this folder's key (one read, no probe write).

    Start-up's fast path; anything else (first run, a locked keyring, an
    unusual backend) goes through :meth:`SecretStore.open`'s full probe.
    """
    from pe_desktop.services.protection.keys import read_info, secret_name
    from pe_desktop.services.secret_store import KIND_NATIVE, SecretStore, _native_candidates

    info = read_info(paths)
    if info is None or not native_possible():
        return None
    if sys.platform.startswith("linux"):
        try:
            store = SecretStore(_SecretServiceReader(), KIND_NATIVE,
                                "the system keyring (SecretService Keyring)")
            if store.get(secret_name(info)):
                return store
        except Exception:  # noqa: BLE001 - not reachable this way: try keyring's backends
            pass
    import importlib

    for module_name, cls_name in _native_candidates():
        try:
            cls = getattr(importlib.import_module(module_name), cls_name)
            cls.priority  # noqa: B018 - raises when unusable here
            backend = cls()
            store = SecretStore(backend, KIND_NATIVE,
                                f"the system keyring ({getattr(cls, 'name', cls_name)})")
            if store.get(secret_name(info)):
                return store
        except Exception:  # noqa: BLE001 - "not this one"
            continue
    return None


def open_store(paths: DataPaths, passphrase: PassphraseProvider | None) -> SecretStore:
    from pe_desktop.services.secret_store import SecretStore

    quick = quick_native_store(paths)
    if quick is not None:
        return quick
    return SecretStore.open(paths.keys, passphrase, try_native=native_possible())


def unlock(paths: DataPaths, store: SecretStore | None = None,
           passphrase: PassphraseProvider | None = None,
           keys: DataKeys | None = None) -> Unlocked:
    """``keys`` given (a recovery key typed in for this session) skips the store."""
    paths.ensure()
    if keys is not None:
        created = False
    else:
        if store is None and env_keys() is None:
            store = open_store(paths, passphrase)
        keys, created = keys_for_opening(paths, store)
    db_key = keys.current
    if has_existing_data(paths):
        found = first_key_that_opens(paths.database, keys.all())
        if found is None:
            where = "PE_DESKTOP_DATA_KEY" if env_keys() is not None else (
                store.description if store is not None else "the keyring")
            raise DataLockedError(
                f"the key kept in {where} does not open {paths.database.name}. The file has "
                "not been changed. If you have your recovery key, run 'pe-desktop key recover'."
            )
        db_key = found
    return Unlocked(keys, db_key, store, created)
