"""A local (or sync-client) folder as a target: SharePoint/OneDrive users' way in."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

from pe_desktop.sync.files import copy_durably, discard, fsync_dir, sha256_file
from pe_desktop.sync.targets.base import (
    FORBIDDEN,
    FULL,
    LOCAL,
    NOT_FOUND,
    VERIFY,
    ByteProgress,
    CancelCheck,
    Target,
    TargetError,
    TransferCancelled,
    check_cancel,
    check_name,
    is_temp_name,
    temp_name,
)


class FolderTarget(Target):
    """Files in a directory: temp file in the same directory, fsync, rename, fsync dir."""

    kind = "folder"

    def __init__(self, name: str, root: Path,
                 write: Callable[[int, bytes], int] = os.write) -> None:
        super().__init__(name)
        self.root = Path(root).expanduser()
        self._write = write  # injectable: tests simulate a full disk

    def describe(self) -> str:
        return f"folder {self.root}"

    def _path(self, name: str) -> Path:
        return self.root.joinpath(*check_name(name).split("/"))

    def _error(self, exc: OSError, doing: str) -> TargetError:
        where = f"{self.name}: {doing}"
        if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
            return TargetError(f"{where}: the disk holding {self.root} is full", kind=FULL)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return TargetError(f"{where}: the folder {self.root} is not writable "
                               "(read-only or no permission)", kind=FORBIDDEN)
        if exc.errno == errno.ENOENT and not self.root.is_dir():
            return TargetError(f"{where}: the folder {self.root} does not exist "
                               "(is the drive or sync folder connected?)", kind=NOT_FOUND)
        return TargetError(f"{where}: {exc.strerror or exc}", kind=LOCAL)

    def _require_root(self) -> None:
        if not self.root.is_dir():
            raise TargetError(f"{self.name}: the folder {self.root} does not exist "
                              "(is the drive or sync folder connected?)", kind=NOT_FOUND)

    def put(self, name: str, path: Path, progress: ByteProgress | None = None,
            cancel: CancelCheck | None = None) -> str:
        self._require_root()
        final = self._path(name)
        want_sha, size = sha256_file(path)
        if final.is_file() and sha256_file(final) == (want_sha, size):
            return "already there"
        tmp = self._path(temp_name(name))
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress(done, size)
            check_cancel(cancel)

        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            got = copy_durably(path, tmp, step, write=self._write)
            if got != (want_sha, size) or sha256_file(tmp) != (want_sha, size):
                raise TargetError(f"{self.name}: the copy of {name} does not match the "
                                  "original (changed while copying?)", kind=VERIFY)
            os.replace(tmp, final)
            fsync_dir(final.parent)
        except TransferCancelled:
            discard(tmp)
            raise
        except OSError as exc:
            discard(tmp)
            raise self._error(exc, f"writing {name}") from exc
        except BaseException:
            discard(tmp)
            raise
        return "sent"

    def list(self, prefix: str = "") -> list[str]:
        self._require_root()
        head = prefix.rpartition("/")[0]
        folder = self._path(head) if head else self.root
        if not folder.is_dir():
            return []
        names = []
        try:
            for entry in os.scandir(folder):
                rel = f"{head}/{entry.name}" if head else entry.name
                if entry.is_file() and not is_temp_name(rel) and rel.startswith(prefix):
                    names.append(rel)
        except OSError as exc:
            raise self._error(exc, "listing") from exc
        return sorted(names)

    def get(self, name: str, dest: Path) -> Path:
        src = self._path(name)
        if not src.is_file():
            self._require_root()
            raise TargetError(f"{self.name}: {name} is not in {self.root}", kind=NOT_FOUND)
        dest = Path(dest)
        tmp = dest.with_name(f".{dest.name}.part")
        try:
            copy_durably(src, tmp)
            os.replace(tmp, dest)
        except OSError as exc:
            discard(tmp)
            raise TargetError(f"Could not save {name} to {dest}: {exc.strerror or exc}",
                              kind=LOCAL) from exc
        return dest

    def exists(self, name: str) -> bool:
        self._require_root()
        return self._path(name).is_file()

    def delete(self, name: str) -> None:
        try:
            self._path(name).unlink(missing_ok=True)
        except OSError as exc:
            raise self._error(exc, f"deleting {name}") from exc

    def check(self) -> str:
        self._require_root()
        probe = self.root / ".pe-desktop-probe.part"
        try:
            fd = os.open(probe, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            try:
                self._write(fd, b"probe")
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise self._error(exc, "writing a test file") from exc
        finally:
            discard(probe)
        return f"{self.root} is reachable and writable ({len(self.list())} files)."
