"""The data key: one random 256-bit secret per data folder, kept in the SecretStore.

The key opens the SQLCipher database directly (a raw key, no derivation on
start) and, through HKDF, the attachment files. It lives in the
:class:`~pe_desktop.services.secret_store.SecretStore` under a name tied to
the data folder's id (``keys/data-key.json``, which holds nothing secret), so
several data folders can share one keyring.

The **recovery key** is the same secret written for people: 52 base32
characters plus a 4-character checksum in groups of four. It is shown once
when the key is made (and after a rotation); typed back in, it opens the data
when the keyring is lost.

``PE_DESKTOP_DATA_KEY`` (a recovery key or 64 hex digits; several separated
by spaces, current first) takes the place of the keyring for scripted use and
for the test suite's subprocesses.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import DataPaths, ensure_private_dir
from pe_desktop.storage.crypto import KEY_BYTES, DataLockedError, is_empty_file, is_plain_sqlite

if TYPE_CHECKING:
    from pe_desktop.services.secret_store import SecretStore

ENV_DATA_KEY = "PE_DESKTOP_DATA_KEY"
KEY_INFO_FILE = "data-key.json"
_PREFIX = "PEDK"


@dataclass(frozen=True)
class DataKeys:
    """The current data key and any retired ones (still needed for older files)."""

    current: bytes
    retired: tuple[bytes, ...] = field(default_factory=tuple)

    def all(self) -> list[bytes]:
        return [self.current, *[k for k in self.retired if k != self.current]]

    def encode(self) -> str:
        return " ".join(k.hex() for k in self.all())

    @classmethod
    def decode(cls, text: str) -> DataKeys:
        keys = [parse_key(part) for part in text.split()]
        if not keys:
            raise PEDesktopError("no data key given")
        return cls(keys[0], tuple(keys[1:]))


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def _checksum(key: bytes) -> str:
    return base64.b32encode(hashlib.sha256(b"pe-desktop recovery" + key).digest())[:4].decode()


def format_recovery_key(key: bytes) -> str:
    """``PEDK-XXXX-…``: the key in base32 groups with a checksum against typos."""
    body = base64.b32encode(key).decode().rstrip("=") + _checksum(key)
    groups = [body[i:i + 4] for i in range(0, len(body), 4)]
    return "-".join([_PREFIX, *groups])


def parse_key(text: str) -> bytes:
    """A recovery key (any case, spaces or dashes) or 64 hex digits → the raw key."""
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    if len(cleaned) == 2 * KEY_BYTES and all(c in "0123456789ABCDEF" for c in cleaned):
        return bytes.fromhex(cleaned)
    if cleaned.startswith(_PREFIX):
        cleaned = cleaned[len(_PREFIX):]
    cleaned = cleaned.replace("0", "O").replace("1", "I").replace("8", "B")
    body, check = cleaned[:-4], cleaned[-4:]
    try:
        key = base64.b32decode(body + "=" * (-len(body) % 8))
    except (ValueError, base64.binascii.Error):
        key = b""
    if len(key) != KEY_BYTES or _checksum(key) != check:
        raise PEDesktopError(
            "That is not a valid recovery key (check each group of four characters)."
        )
    return key


# -- per-folder key information (no secrets) ------------------------------------
def _info_path(paths: DataPaths) -> Path:
    return paths.keys / KEY_INFO_FILE


def read_info(paths: DataPaths) -> dict | None:
    try:
        return json.loads(_info_path(paths).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise PEDesktopError(f"{_info_path(paths)} cannot be read: {exc}") from exc


def write_info(paths: DataPaths, info: dict) -> None:
    ensure_private_dir(paths.keys)
    target = _info_path(paths)
    tmp = target.with_name(f".{target.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(info, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, target)


def secret_name(info: dict) -> str:
    return f"data-key-{info['id']}"


def has_existing_data(paths: DataPaths) -> bool:
    """An encrypted database is there (so a key must already exist somewhere)."""
    db = paths.database
    return not is_empty_file(db) and not is_plain_sqlite(db)


def env_keys() -> DataKeys | None:
    raw = os.environ.get(ENV_DATA_KEY)
    return DataKeys.decode(raw) if raw else None


def load_keys(paths: DataPaths, store: SecretStore | None) -> DataKeys | None:
    """The folder's keys from the environment or the store; None if there are none."""
    from_env = env_keys()
    if from_env is not None:
        return from_env
    info = read_info(paths)
    if info is None or store is None:
        return None
    value = store.get(secret_name(info))
    return DataKeys.decode(value) if value else None


def save_keys(paths: DataPaths, store: SecretStore, keys: DataKeys,
              *, recovery_pending: bool | None = None) -> None:
    info = read_info(paths) or {"id": str(uuid.uuid4())}
    if recovery_pending is not None:
        info["recovery_pending"] = recovery_pending
    write_info(paths, info)  # the id first: a key is never stored under a name we lose
    store.set(secret_name(info), keys.encode())


def keys_for_opening(paths: DataPaths, store: SecretStore | None) -> tuple[DataKeys, bool]:
    """The keys to open this folder with, making new ones for a new or plain folder.

    Returns ``(keys, created)``. An encrypted database without a key in reach
    raises :class:`DataLockedError`: PE Desktop never starts over in its place.
    """
    keys = load_keys(paths, store)
    if keys is not None:
        return keys, False
    if has_existing_data(paths):
        where = store.description if store is not None else "the keyring"
        raise DataLockedError(
            f"the key for this data folder is not in {where}. If you have your recovery key, "
            "run 'pe-desktop key recover' (or choose 'Use recovery key…' when the app starts)."
        )
    if store is None:
        raise DataLockedError("no keyring is available to keep a new data key in")
    keys = DataKeys(new_key())
    save_keys(paths, store, keys, recovery_pending=True)
    return keys, True


def recovery_pending(paths: DataPaths) -> bool:
    info = read_info(paths)
    return bool(info and info.get("recovery_pending")) and env_keys() is None


def mark_recovery_shown(paths: DataPaths) -> None:
    info = read_info(paths)
    if info is not None and info.get("recovery_pending"):
        info["recovery_pending"] = False
        write_info(paths, info)


def set_flag_value(paths: DataPaths, name: str, value: object) -> None:
    info = read_info(paths) or {"id": str(uuid.uuid4())}
    if info.get(name) != value:
        info[name] = value
        write_info(paths, info)
