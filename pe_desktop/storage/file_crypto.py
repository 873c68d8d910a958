"""Authenticated encryption of attachment files (AES-256-GCM from ``cryptography``).

A stored file is ``MAGIC | key id (8) | nonce (12) | ciphertext+tag``. The
associated data binds the header and the file's name (the SHA-256 of its
plain content), so a file swapped for another, truncated or altered fails to
decrypt instead of opening as the wrong evidence.

The file key is derived from the data key with HKDF, so one secret in the
keyring covers the database and the files; the key id (a hash of the file
key) says which key a file was written with while a rotation is under way.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from pe_desktop.domain.errors import PEDesktopError

MAGIC = b"PEDA\x01"
_ID = 8
_NONCE = 12
HEADER_LEN = len(MAGIC) + _ID + _NONCE


class FileDecryptError(PEDesktopError):
    pass


def derive_file_key(data_key: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"pe-desktop attachments v1").derive(data_key)


def key_id(file_key: bytes) -> bytes:
    return hashlib.sha256(b"pe-desktop key id" + file_key).digest()[:_ID]


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)


@dataclass(frozen=True)
class FileCipher:
    """Encrypts with the first key; decrypts with whichever key a file names."""

    keys: tuple[bytes, ...]  # file keys, current first

    @classmethod
    def from_data_keys(cls, data_keys: list[bytes]) -> FileCipher:
        return cls(tuple(derive_file_key(k) for k in data_keys))

    def encrypt(self, plain: bytes, name: str) -> bytes:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        key = self.keys[0]
        nonce = os.urandom(_NONCE)
        header = MAGIC + key_id(key) + nonce
        return header + AESGCM(key).encrypt(nonce, plain, header + name.encode())

    def decrypt(self, blob: bytes, name: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if not is_encrypted(blob) or len(blob) < HEADER_LEN + 16:
            raise FileDecryptError("not an encrypted attachment")
        header = blob[:HEADER_LEN]
        kid = header[len(MAGIC):len(MAGIC) + _ID]
        nonce = header[len(MAGIC) + _ID:]
        for key in self.keys:
            if key_id(key) == kid:
                try:
                    return AESGCM(key).decrypt(nonce, blob[HEADER_LEN:], header + name.encode())
                except InvalidTag as exc:
                    raise FileDecryptError("the file was altered") from exc
        raise FileDecryptError("the file was encrypted with a key this data folder no longer has")

    def is_current(self, blob: bytes) -> bool:
        return blob[len(MAGIC):len(MAGIC) + _ID] == key_id(self.keys[0])
