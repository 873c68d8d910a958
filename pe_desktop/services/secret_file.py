"""The encrypted secrets file's backend: one key derivation per unlock.

``keyrings.cryptfile`` encrypts each entry with AES-GCM under a key derived
from the passphrase by Argon2 with a fresh salt per entry, so every read of
every entry runs the derivation again (2–3 s each on a busy laptop): a start
that reads the data key and then a signature that reads the signing key's
passphrase paid three of them.

:class:`SessionKeyFile` keeps the file's format (any version of the library
still reads it) but

- keeps each derived key in memory, keyed by its salt, for the life of the
  unlocked backend — never on disk; :meth:`forget` drops them;
- writes new entries under the salt of the file's reference entry (the one
  the passphrase check reads), with a fresh nonce each, so one derivation
  opens every entry; an entry still under a salt of its own is re-written
  that way the first time it is read (once; later unlocks derive once).

Sharing one salt within one file costs nothing: every entry is under the same
passphrase, so finding it for one entry finds it for all; the salt still keeps
precomputed attacks away from the file. Writes go through a temporary file
and a rename, so a crash never leaves half a secrets file.
"""

from __future__ import annotations

import base64
import configparser
import json
import os
import threading
from typing import Any

from keyrings.cryptfile.cryptfile import CryptFileKeyring
from keyrings.cryptfile.escape import escape as escape_for_ini

_REFERENCE = ("keyring-setting", "password reference")


def _unpack(stored: str) -> dict[str, bytes]:
    """An entry as the file holds it (base64 of JSON of base64 fields) → its fields."""
    fields = json.loads(base64.b64decode("".join(stored.split())))
    return {k: base64.b64decode(v) for k, v in fields.items()}


class SessionKeyFile(CryptFileKeyring):
    """``CryptFileKeyring`` deriving its key once per salt (see the module docstring)."""

    #: False while opening defers the passphrase check to the first read.
    check_on_unlock = True

    def __init__(self) -> None:
        super().__init__()
        self._derived: dict[tuple[str, bytes], bytes] = {}
        self._lock = threading.Lock()
        self._salt: bytes | None = None  # the file's salt, for new entries
        self._last_salt: bytes | None = None  # the salt of the entry just decrypted

    # -- unlocking -------------------------------------------------------------
    def _unlock(self) -> None:
        if self.check_on_unlock:
            super()._unlock()

    def unlock_checked(self) -> None:
        """Check the passphrase against the reference entry now."""
        super()._unlock()

    def forget(self) -> None:
        """Drop the passphrase and every derived key."""
        with self._lock:
            self._derived.clear()
            self._keyring_key = None

    # -- the derived key ---------------------------------------------------------
    def _create_cipher(self, password: str, salt: bytes, nonce: bytes | None = None) -> Any:
        from argon2 import low_level
        from Crypto.Cipher import AES

        mode = self._get_mode(self.aesmode)
        if mode is None:
            raise ValueError(f"invalid AES mode: {self.aesmode}")
        with self._lock:
            key = self._derived.get((password, salt))
            if key is None:
                key = low_level.hash_secret_raw(
                    secret=password.encode(self.password_encoding), salt=salt,
                    time_cost=self.time_cost, memory_cost=self.memory_cost,
                    parallelism=self.parallelism, hash_len=16, type=low_level.Type.ID)
                self._derived[(password, salt)] = key
        self._last_salt = salt
        return AES.new(key, mode, nonce) if nonce is not None else AES.new(key, mode)

    def _file_salt(self) -> bytes:
        """The reference entry's salt (a new one for a new file), read without deriving."""
        if self._salt is None:
            config = configparser.RawConfigParser()
            if os.path.exists(self.file_path):
                config.read(self.file_path)
            try:
                stored = config.get(*(escape_for_ini(p) for p in _REFERENCE))
                self._salt = _unpack(stored)["salt"]
            except (configparser.Error, ValueError, KeyError, TypeError):
                self._salt = os.urandom(16)
        return self._salt

    def encrypt(self, password: bytes, assoc: bytes | None = None) -> bytes:
        """An entry under the file's salt with a fresh nonce (the library's layout)."""
        salt = self._file_salt()
        cipher = self._create_cipher(self.keyring_key, salt)  # the mode's own fresh nonce
        if assoc is not None:
            cipher.update(assoc)
        data, mac = cipher.encrypt_and_digest(password)
        fields = {"salt": salt, "data": data, "mac": mac, "nonce": cipher.nonce}
        return json.dumps({k: base64.b64encode(v).decode("ascii")
                           for k, v in fields.items()}).encode()

    # -- reading and writing ---------------------------------------------------------
    def get_password(self, service: str, username: str) -> str | None:
        self._last_salt = None
        value = super().get_password(service, username)
        if value is not None and self._last_salt is not None \
                and self._last_salt != self._file_salt() \
                and (service, username) != _REFERENCE:
            self.set_password(service, username, value)  # under the file's salt from now on
        return value

    def _write_config_value(self, service: str, key: str, value: str) -> None:
        """The library's write, made atomic and owner-only."""
        self._ensure_file_path()
        config = configparser.RawConfigParser()
        config.read(self.file_path)
        section, option = escape_for_ini(service), escape_for_ini(key)
        if not config.has_section(section):
            config.add_section(section)
        config.set(section, option, value)
        tmp = f"{self.file_path}.tmp"
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "w") as fh:
                config.write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.file_path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
