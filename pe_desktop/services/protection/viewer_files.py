"""Decrypted copies of attachments for the system viewer, removed when the app closes.

Attachments are stored encrypted; another program can only open a plain
file. Each copy goes into one owner-only temporary folder per session and is
overwritten and deleted by :meth:`ViewerFiles.cleanup` (called when the app
context closes, and at interpreter exit in case it never does).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import tempfile
from pathlib import Path


class ViewerFiles:
    def __init__(self) -> None:
        self._dir: Path | None = None

    @property
    def folder(self) -> Path | None:
        return self._dir

    def write(self, name: str, data: bytes) -> Path:
        if self._dir is None:
            self._dir = Path(tempfile.mkdtemp(prefix="pe-desktop-view-"))
            os.chmod(self._dir, 0o700)
            atexit.register(self.cleanup)
        safe = re.sub(r"[^\w .()-]+", "_", Path(name).name).strip() or "attachment"
        sub = Path(tempfile.mkdtemp(dir=self._dir))  # same name twice never collides
        target = sub / safe
        fd = os.open(target, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        return target

    def cleanup(self) -> None:
        folder, self._dir = self._dir, None
        if folder is None or not folder.exists():
            return
        for path in folder.rglob("*"):
            if path.is_file():
                try:
                    with open(path, "r+b") as fh:
                        fh.write(b"\0" * path.stat().st_size)
                except OSError:
                    pass
        shutil.rmtree(folder, ignore_errors=True)
