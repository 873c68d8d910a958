"""Writing export files safely (no heavy imports here)."""

from __future__ import annotations

import os
from pathlib import Path


def write_private_file(path: Path, data: bytes) -> Path:
    """Write ``data`` atomically (temp file + rename), owner-only (0600).

    A failure (full disk, killed process) leaves any previous file untouched.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
