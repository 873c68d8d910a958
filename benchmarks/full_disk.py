"""A full disk during export, backup and conversion: one clear message, nothing lost.

    python -m benchmarks.full_disk [--size 4m]      (needs root: mounts a tmpfs)

For each operation a small tmpfs holds the data folder (or the export
target), filled until the operation cannot finish; the real command is run
and must exit non-zero with one line naming the full disk, leave no partial
file behind and leave the database exactly as it was (and still openable).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

KEY_HEX = "7a" * 32
#: What a one-line full-disk message says (the app's own words, or the OS's).
FULL_WORDS = ("disk holding your PE Desktop data is full", "No space left on device")
CLOCK = "2026-11-23T12:00"


class MountNotPermitted(RuntimeError):
    pass


def mount_tmpfs(path: Path, size: str) -> None:
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs",
                           str(path)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise MountNotPermitted(proc.stderr.strip() or "mount failed")


def umount(path: Path) -> None:
    subprocess.run(["umount", str(path)], capture_output=True)


def _env() -> dict[str, str]:
    root = Path(__file__).resolve().parents[1]
    return {**os.environ, "PE_DESKTOP_DATA_KEY": KEY_HEX, "PE_DESKTOP_CLOCK": CLOCK,
            "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pe_desktop", *args], capture_output=True,
                          text=True, env=_env(), timeout=300)


def fill(folder: Path, leave_bytes: int) -> None:
    """Fill the file system holding ``folder`` until ``leave_bytes`` are free."""
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    with open(folder / ".filler", "wb") as fh:
        left = max(free - leave_bytes, 0)
        while left > 0:
            n = min(left, 1 << 20)
            try:
                fh.write(b"\0" * n)
                fh.flush()
            except OSError:
                break
            left -= n


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _db_state(folder: Path) -> str:
    """The database's content (not its bytes: opening may checkpoint the WAL)."""
    from pe_desktop.storage import crypto

    db = folder / "pe-desktop.sqlite"
    con = crypto.connect(db, None if crypto.is_plain_sqlite(db) else bytes.fromhex(KEY_HEX))
    try:
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
            " ORDER BY name")]
        h = hashlib.sha256()
        for n in names:
            for row in con.execute(f'SELECT * FROM "{n}" ORDER BY 1'):
                h.update(repr(row).encode())
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return h.hexdigest()
    finally:
        con.close()


def _one_line_full(proc: subprocess.CompletedProcess) -> str:
    lines = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()]
    if proc.returncode == 0:
        return "the command succeeded on a full disk"
    if not lines or not any(w in lines[-1] for w in FULL_WORDS):
        return f"unclear message: {proc.stderr.strip()[-300:]!r}"
    if not lines[-1].startswith("pe-desktop: error:"):
        return f"not one error line: {lines[-1]!r}"
    return ""


def _demo(folder: Path) -> None:
    """A copy of one demo data folder (made once per run)."""
    source = folder.parent / "demo-source"
    if not source.exists():
        proc = cli("--data-dir", str(source), "demo")
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr)
    shutil.copytree(source, folder)


def scenario_export(base: Path, size: str) -> tuple[str, str]:
    data, mnt = base / "export-data", base / "export-mnt"
    _demo(data)
    mount_tmpfs(mnt, size)
    try:
        before = _db_state(data)
        fill(mnt, 64 * 1024)
        proc = cli("--data-dir", str(data), "export", "--json", str(mnt / "all.json"))
        problem = _one_line_full(proc)
        leftovers = [p.name for p in mnt.iterdir() if p.name != ".filler"]
        if not problem and leftovers:
            problem = f"partial files left: {leftovers}"
        if not problem and _db_state(data) != before:
            problem = "the database changed"
        return problem, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    finally:
        umount(mnt)


def scenario_backup(base: Path, size: str) -> tuple[str, str]:
    mnt = base / "backup-mnt"
    _demo(base / "backup-src")
    mount_tmpfs(mnt, size)
    try:
        data = mnt / "data"
        shutil.copytree(base / "backup-src", data)
        before = _db_state(data)
        backups_before = sorted(p.name for p in (data / "backups").glob("*"))
        fill(mnt, 256 * 1024)
        proc = cli("--data-dir", str(data), "backup")
        problem = _one_line_full(proc)
        after = sorted(p.name for p in (data / "backups").glob("*"))
        if not problem and after != backups_before:
            problem = f"partial backup left: {sorted(set(after) - set(backups_before))}"
        if not problem and _db_state(data) != before:
            problem = "the database changed"
        return problem, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    finally:
        umount(mnt)


def scenario_conversion(base: Path, size: str) -> tuple[str, str]:
    src = base / "conv-src"
    _demo(src)
    from pe_desktop.storage import crypto

    con = crypto.connect(src / "pe-desktop.sqlite", bytes.fromhex(KEY_HEX))
    plain = base / "plain.sqlite"
    con.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain),))
    con.execute("SELECT sqlcipher_export('p')")
    con.execute("DETACH DATABASE p")
    con.close()
    mnt = base / "conv-mnt"
    mount_tmpfs(mnt, size)
    try:
        data = mnt / "data"
        data.mkdir(mode=0o700)
        shutil.copy2(plain, data / "pe-desktop.sqlite")
        before_bytes = _sha(data / "pe-desktop.sqlite")
        fill(mnt, 256 * 1024)
        proc = cli("--data-dir", str(data), "placements")
        problem = _one_line_full(proc)
        names = sorted(p.name for p in data.iterdir())
        if not problem and names != ["pe-desktop.sqlite"]:
            problem = f"left behind: {names}"
        if not problem and (not crypto.is_plain_sqlite(data / "pe-desktop.sqlite")
                            or _sha(data / "pe-desktop.sqlite") != before_bytes):
            problem = "the plain database was changed (half-converted?)"
        # with room again, the next start converts it
        (mnt / ".filler").unlink()
        again = cli("--data-dir", str(data), "placements")
        if not problem and (again.returncode != 0
                            or crypto.is_plain_sqlite(data / "pe-desktop.sqlite")):
            problem = f"conversion did not complete once there was room: {again.stderr}"
        return problem, proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    finally:
        umount(mnt)


SCENARIOS = {"export": scenario_export, "backup": scenario_backup,
             "conversion": scenario_conversion}


def run(size: str = "8m") -> dict[str, tuple[str, str]]:
    os.environ.update({k: v for k, v in _env().items() if k.startswith("PE_DESKTOP")})
    base = Path(tempfile.mkdtemp(prefix="pe-full-disk-"))
    try:
        return {name: fn(base, size) for name, fn in SCENARIOS.items()}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="4m")
    args = ap.parse_args(argv)
    try:
        results = run(args.size)
    except MountNotPermitted as exc:
        print(f"cannot mount a tmpfs here ({exc}); run as root")
        return 2
    for name, (problem, message) in results.items():
        print(f"{name:<11} {'ok' if not problem else 'FAILED: ' + problem}   message: {message}")
    return 1 if any(p for p, _ in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
