"""Content-addressed files for the currency record (certificates, CPD evidence).

Files are stored once by SHA-256 under ``DataPaths.attachments`` as
``ab/abcdef…`` (owner-only), written to a temporary file and renamed, so a
killed process never leaves half a certificate behind. The database row holds
the original file name and the hash.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.paths import ensure_private_dir

#: Larger files are refused: certificates and handouts are small.
MAX_BYTES = 50 * 1024 * 1024
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    filename: str


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if not _HEX64.match(sha256):
            raise PEDesktopError(f"not a file reference: {sha256!r}")
        return self.root / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def add(self, source: Path) -> StoredFile:
        """Copy ``source`` into the store (no-op if the same content is there)."""
        source = Path(source)
        try:
            size = source.stat().st_size
        except OSError as exc:
            raise PEDesktopError(f"cannot read {source.name}: {exc.strerror or exc}") from exc
        if not source.is_file():
            raise PEDesktopError(f"{source.name} is not a file")
        if size > MAX_BYTES:
            raise PEDesktopError(
                f"{source.name} is {size / 1e6:.0f} MB; attachments are limited to "
                f"{MAX_BYTES // 1_000_000} MB"
            )
        ensure_private_dir(self.root)
        tmp = self.root / f".incoming-{os.getpid()}-{id(source)}"
        digest = hashlib.sha256()
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with source.open("rb") as src, os.fdopen(fd, "wb") as dst:
                for chunk in iter(lambda: src.read(1 << 16), b""):
                    digest.update(chunk)
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            final = self.path_for(sha)
            ensure_private_dir(final.parent)
            if final.exists():
                tmp.unlink()
            else:
                os.replace(tmp, final)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise PEDesktopError(
                f"could not store {source.name}: {exc.strerror or exc}. Nothing was changed"
            ) from exc
        return StoredFile(sha, size, source.name)

    def verify(self, sha256: str) -> bool:
        """True if the stored file is present and still has its hash."""
        path = self.path_for(sha256)
        if not path.is_file():
            return False
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 16), b""):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def copy_out(self, sha256: str, dest: Path) -> Path:
        """Write a stored file to ``dest`` (atomically, owner-only)."""
        if not self.verify(sha256):
            raise PEDesktopError("the stored file is missing or damaged")
        dest = Path(dest)
        tmp = dest.with_name(f".{dest.name}.tmp")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with self.path_for(sha256).open("rb") as src, os.fdopen(fd, "wb") as dst:
                shutil.copyfileobj(src, dst)
            os.replace(tmp, dest)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)
