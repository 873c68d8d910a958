"""The attachment store: evidence files copied into the data directory.

Files are content-addressed: ``<root>/<sha[:2]>/<sha256>``, created 0600 in
0700 directories, written to a temporary name and renamed into place so a
crash never leaves a half-written file under a real name. The database keeps
the original file name; the store only knows hashes. :meth:`verify` re-hashes
a file so a missing or altered file is reported instead of silently opened.

With a :class:`~pe_desktop.storage.file_crypto.FileCipher` (the app always
gives one) files are stored encrypted: the name is still the SHA-256 of the
plain content, the bytes on disk are AES-GCM ciphertext. Files written before
encryption are converted by :meth:`encrypt_plain_files`.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import ensure_private_dir
from pe_desktop.storage.file_crypto import FileCipher, FileDecryptError, is_encrypted

#: Largest file accepted (bytes). Evidence is documents and photos, not video.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024
_CHUNK = 1024 * 1024
_SHA = re.compile(r"^[0-9a-f]{64}$")


class AttachmentError(PEDesktopError):
    pass


class FileState(StrEnum):
    OK = "ok"
    MISSING = "missing"
    ALTERED = "altered"


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


class AttachmentStore:
    def __init__(self, root: Path, max_bytes: int = MAX_ATTACHMENT_BYTES,
                 cipher: FileCipher | None = None) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.cipher = cipher

    def path_for(self, sha256: str) -> Path:
        if not _SHA.match(sha256):
            raise AttachmentError(f"'{sha256}' is not a SHA-256 file name")
        return self.root / sha256[:2] / sha256

    def _check_size(self, size: int, name: str) -> None:
        if size > self.max_bytes:
            raise AttachmentError(
                f"{name} is {human_size(size)}; attachments can be at most "
                f"{human_size(self.max_bytes)}. Attach a smaller file (for example a PDF "
                "export or a compressed photo)"
            )

    def add_file(self, source: Path) -> StoredFile:
        """Copy ``source`` into the store (no-op if the same content is already there)."""
        source = Path(source)
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise AttachmentError(f"cannot read {source.name}: {exc.strerror or exc}") from exc
        if not source.is_file():
            raise AttachmentError(f"{source.name} is not a file")
        self._check_size(size, source.name)
        if self.cipher is not None:
            try:
                data = source.read_bytes()
            except OSError as exc:
                raise AttachmentError(f"cannot read {source.name}: {exc.strerror or exc}") from exc
            return self.add_bytes(data, source.name)
        ensure_private_dir(self.root)
        tmp = self.root / f".incoming-{os.getpid()}-{id(source)}"
        h = hashlib.sha256()
        written = 0
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
                while chunk := src.read(_CHUNK):
                    written += len(chunk)
                    self._check_size(written, source.name)  # the file grew while copying
                    h.update(chunk)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            return self._commit(tmp, h.hexdigest(), written)
        except OSError as exc:
            raise AttachmentError(
                f"cannot copy {source.name} into the attachment store: {exc.strerror or exc}"
            ) from exc
        finally:
            tmp.unlink(missing_ok=True)

    def add_bytes(self, data: bytes, name: str = "file") -> StoredFile:
        self._check_size(len(data), name)
        sha = hashlib.sha256(data).hexdigest()
        if self.path_for(sha).exists() and self.verify(sha) == FileState.OK:
            return StoredFile(sha, len(data))
        blob = self.cipher.encrypt(data, sha) if self.cipher is not None else data
        try:
            self._write_atomically(sha, blob)
        except OSError as exc:
            raise AttachmentError(
                f"cannot store {name} in the attachment store: {exc.strerror or exc}"
            ) from exc
        return StoredFile(sha, len(data))

    def _write_atomically(self, sha: str, blob: bytes) -> None:
        ensure_private_dir(self.root)
        tmp = self.root / f".incoming-{os.getpid()}-{id(blob)}"
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
                out.flush()
                os.fsync(out.fileno())
            dest = self.path_for(sha)
            ensure_private_dir(dest.parent)
            os.replace(tmp, dest)
            os.chmod(dest, 0o600)
        finally:
            tmp.unlink(missing_ok=True)

    def _commit(self, tmp: Path, sha: str, size: int) -> StoredFile:
        dest = self.path_for(sha)
        ensure_private_dir(dest.parent)
        if dest.exists() and self.verify(sha) == FileState.OK:
            return StoredFile(sha, size)
        os.replace(tmp, dest)  # also repairs an altered copy with the right content
        os.chmod(dest, 0o600)
        return StoredFile(sha, size)

    def _plain(self, sha256: str) -> bytes:
        """The file's plain content (decrypted when stored encrypted)."""
        blob = self.path_for(sha256).read_bytes()
        if self.cipher is not None and is_encrypted(blob):
            return self.cipher.decrypt(blob, sha256)
        return blob

    def verify(self, sha256: str) -> FileState:
        path = self.path_for(sha256)
        if not path.is_file():
            return FileState.MISSING
        if self.cipher is None:
            try:
                return FileState.OK if sha256_of(path) == sha256 else FileState.ALTERED
            except OSError:
                return FileState.MISSING
        try:
            data = self._plain(sha256)
        except FileDecryptError:
            return FileState.ALTERED
        except OSError:
            return FileState.MISSING
        return FileState.OK if hashlib.sha256(data).hexdigest() == sha256 else FileState.ALTERED

    def read_bytes(self, sha256: str) -> bytes:
        try:
            data = self._plain(sha256)
        except FileNotFoundError:
            data = None
        except (OSError, FileDecryptError):
            data = b""
        if data is None or hashlib.sha256(data).hexdigest() != sha256:
            state = FileState.MISSING if data is None else FileState.ALTERED
            raise AttachmentError(f"attachment {sha256[:12]}… is {state.value}")
        return data

    def is_stored_encrypted(self, sha256: str) -> bool:
        with open(self.path_for(sha256), "rb") as fh:
            return is_encrypted(fh.read(8))

    def encrypt_plain_files(self) -> int:
        """Encrypt files stored before encryption (or under a retired key); returns how many.

        Each file is replaced atomically, so an interruption leaves every file
        readable and the next run carries on.
        """
        if self.cipher is None:
            return 0
        done = 0
        for sha in sorted(self.hashes()):
            with open(self.path_for(sha), "rb") as fh:
                head = fh.read(64)
            if is_encrypted(head) and self.cipher.is_current(head):
                continue
            blob = self.path_for(sha).read_bytes()
            try:
                data = self.cipher.decrypt(blob, sha) if is_encrypted(blob) else blob
            except FileDecryptError:
                continue  # reported by verify(); never overwritten
            if hashlib.sha256(data).hexdigest() != sha:
                continue
            self._write_atomically(sha, self.cipher.encrypt(data, sha))
            done += 1
        return done

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def hashes(self) -> set[str]:
        """Every file held in this store (by SHA-256)."""
        if not self.root.is_dir():
            return set()
        return {
            p.name
            for sub in self.root.iterdir()
            if sub.is_dir() and len(sub.name) == 2
            for p in sub.iterdir()
            if _SHA.match(p.name) and p.name.startswith(sub.name)
        }
