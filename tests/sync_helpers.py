"""Helpers for the transport tests: tiny real file systems and random bundles."""

from __future__ import annotations

import contextlib
import random
import subprocess
from pathlib import Path


@contextlib.contextmanager
def tmpfs(path: Path, size: str, read_only: bool = False):
    """Mount a tiny tmpfs at ``path``; yields False when mounting is not allowed here."""
    path.mkdir(parents=True, exist_ok=True)
    opts = f"size={size}" + (",ro" if read_only else "")
    try:
        ok = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                            capture_output=True).returncode == 0
    except OSError:
        ok = False
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


def make_bundle(folder: Path, size: int = 200_000, name: str = "bundle.age",
                seed: int = 1) -> Path:
    path = folder / name
    path.write_bytes(random.Random(seed).randbytes(size))
    return path
