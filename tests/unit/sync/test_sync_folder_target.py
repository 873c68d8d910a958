"""Folder targets: temp + fsync + rename, idempotent, clear errors, nothing partial."""

from __future__ import annotations

import contextlib
import errno
import os
import stat

import pytest
from sync_helpers import make_bundle, tmpfs

from pe_desktop.sync.files import sha256_file
from pe_desktop.sync.targets import FolderTarget, TargetError, TransferCancelled


def test_put_list_get_exists_delete(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    src = make_bundle(tmp_path)
    t = FolderTarget("usb", root)
    assert t.put("a/b.age", src) == "sent"
    assert t.put("a/b.age", src) == "already there"
    assert t.put("c.age", src) == "sent"
    assert t.list() == ["c.age"]
    assert t.list("a/") == ["a/b.age"]
    assert t.exists("a/b.age") and not t.exists("nope")
    assert stat.S_IMODE((root / "c.age").stat().st_mode) == 0o600
    back = t.get("c.age", tmp_path / "back.age")
    assert sha256_file(back) == sha256_file(src)
    t.delete("c.age")
    assert t.list() == [] and not t.exists("c.age")
    assert [p.name for p in root.rglob(".*")] == []  # no temp files left


def test_temp_names_are_never_listed_and_a_wrong_final_is_replaced(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    src = make_bundle(tmp_path)
    (root / ".x.age.part").write_bytes(b"half")
    (root / "x.age").write_bytes(b"not the right bytes")
    t = FolderTarget("usb", root)
    assert t.list() == ["x.age"]
    assert t.put("x.age", src) == "sent"
    assert sha256_file(root / "x.age") == sha256_file(src)


@pytest.mark.parametrize("bad", ["../x", "/etc/passwd", "a//b", "a/./b", "", "a\\b"])
def test_names_cannot_escape_the_folder(tmp_path, bad):
    with pytest.raises(TargetError, match="Not a valid file name"):
        FolderTarget("usb", tmp_path).put(bad, make_bundle(tmp_path))


def test_missing_folder_is_one_clear_line(tmp_path):
    t = FolderTarget("usb", tmp_path / "unplugged")
    with pytest.raises(TargetError, match="does not exist .is the drive or sync folder"):
        t.put("x.age", make_bundle(tmp_path))
    with pytest.raises(TargetError, match="does not exist"):
        t.check()


def _fs(use_mount: bool, root, size: str, read_only: bool = False):
    """A real tiny tmpfs when allowed (and asked for), else the simulated failure."""
    return tmpfs(root, size, read_only) if use_mount else contextlib.nullcontext(False)


@pytest.mark.parametrize("use_mount", [True, False], ids=["tmpfs", "simulated"])
def test_read_only_folder(tmp_path, monkeypatch, use_mount):
    root = tmp_path / "ro"
    src = make_bundle(tmp_path)
    with _fs(use_mount, root, "1m", read_only=True) as mounted:
        if not mounted:  # no mount here: a folder the OS refuses writes to
            root.mkdir(exist_ok=True)
            real_open = os.open

            def refuse(path, flags, *a):
                if str(path).startswith(str(root)) and flags & os.O_WRONLY:
                    raise OSError(errno.EROFS, "Read-only file system", str(path))
                return real_open(path, flags, *a)

            monkeypatch.setattr(os, "open", refuse)
        t = FolderTarget("usb", root)
        with pytest.raises(TargetError) as err:
            t.put("x.age", src)
        assert "is not writable (read-only or no permission)" in str(err.value)
        assert "\n" not in str(err.value)
        with pytest.raises(TargetError, match="not writable"):
            t.check()
        assert not any(root.iterdir())


@pytest.mark.parametrize("use_mount", [True, False], ids=["tmpfs", "simulated"])
def test_full_disk_leaves_nothing_partial(tmp_path, use_mount):
    root = tmp_path / "small"
    src = make_bundle(tmp_path, size=600_000)
    with _fs(use_mount, root, "256k") as mounted:
        if mounted:
            t = FolderTarget("usb", root)
        else:  # simulate ENOSPC after 100 kB
            root.mkdir(exist_ok=True)
            written = {"n": 0}

            def write(fd, data):
                if written["n"] + len(data) > 100_000:
                    raise OSError(errno.ENOSPC, "No space left on device")
                written["n"] += len(data)
                return os.write(fd, data)

            t = FolderTarget("usb", root, write=write)
        with pytest.raises(TargetError, match=r"the disk holding .* is full") as err:
            t.put("x.age", src)
        assert err.value.kind == "storage-full"
        assert list(root.iterdir()) == []  # no temp file, no partial final file
        assert sha256_file(src)[1] == 600_000  # the source is untouched


def test_cancel_mid_copy_removes_the_temp_file(tmp_path):
    root = tmp_path / "share"
    root.mkdir()
    src = make_bundle(tmp_path, size=3_000_000)
    seen = []
    with pytest.raises(TransferCancelled):
        FolderTarget("usb", root).put("x.age", src, progress=lambda d, t: seen.append(d),
                                      cancel=lambda: len(seen) >= 1)
    assert list(root.iterdir()) == []
