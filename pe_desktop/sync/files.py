"""Hashing and durable local file writes shared by the outbox and folder targets."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from pe_desktop.paths import fsync_dir  # noqa: F401 - re-exported for the targets

CHUNK = 1024 * 1024


def sha256_file(path: Path, progress: Callable[[int], None] | None = None) -> tuple[str, int]:
    """(hex SHA-256, size) of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while block := fh.read(CHUNK):
            digest.update(block)
            size += len(block)
            if progress:
                progress(len(block))
    return digest.hexdigest(), size


def copy_durably(
    src: Path,
    tmp: Path,
    progress: Callable[[int], None] | None = None,
    write: Callable[[int, bytes], int] = os.write,
) -> tuple[str, int]:
    """Copy ``src`` to ``tmp`` (0600, truncated first), fsync it; return (sha256, size).

    ``write`` is ``os.write`` (injectable so tests can simulate a full disk).
    """
    digest = hashlib.sha256()
    size = 0
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        with open(src, "rb") as fh:
            while block := fh.read(CHUNK):
                view = memoryview(block)
                while view:
                    n = write(fd, view)
                    view = view[n:]
                digest.update(block)
                size += len(block)
                if progress:
                    progress(len(block))
        os.fsync(fd)
    finally:
        os.close(fd)
    return digest.hexdigest(), size


def discard(path: Path) -> None:
    """Remove a temporary file if it is there; a failure to remove it is not an error."""
    with contextlib.suppress(OSError):
        path.unlink(missing_ok=True)
