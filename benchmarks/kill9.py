"""Kill -9 at random moments during writes; prove nothing is corrupted, lost or half-done.

    python -m benchmarks.kill9 [--kills 100] [--seed 1] [--modes attendance,report,...]

Each round copies a demo data folder, starts a worker process that writes in a
loop (printing ``committed …`` after each transaction it saw commit), sends it
SIGKILL after a random delay, then reopens the folder and checks:

- the database opens with its key and passes SQLCipher's page HMAC check,
  ``integrity_check``, ``foreign_key_check`` and ``pe-desktop check`` (search
  index, attachments, audit chain);
- every write the worker reported as committed is there;
- a conversion to SQLCipher is never half-done: the file is the intact plain
  original or the intact encrypted copy, and the next start finishes the job
  with every row present;
- every file named like a backup is a complete, openable backup.

Modes: attendance saves, report saves, JSON import (--replace), encryption
conversion, backup, restore. Prints one line per round and the totals.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

MODES = ("attendance", "report", "import", "conversion", "backup", "restore")
KEY_HEX = "5c" * 32
CLOCK = "2026-11-23T12:00"


# -- the worker (runs in the killed process) --------------------------------------
def _worker(mode: str, data_dir: Path, extra: str) -> None:
    from pe_desktop.services.context import open_context

    def said(what: str) -> None:
        print(f"committed {what}", flush=True)

    import pe_desktop.services.interchange.document  # noqa: F401 - imports before "ready"

    if mode == "conversion":
        print("ready", flush=True)  # the conversion starts now
        open_context(data_dir)
        said("conversion")
        return
    ctx = open_context(data_dir)
    print("ready", flush=True)
    if mode == "attendance":
        from pe_desktop.domain.enums import AttendanceKind
        from pe_desktop.services.placements.attendance import AttendanceEntry, AttendanceService
        from pe_desktop.services.placements.service import PlacementService

        pid = int(extra)
        start = PlacementService(ctx).get(pid).start_date
        day, svc = ctx.today(), AttendanceService(ctx)
        while day >= start:
            if day.weekday() < 5:
                svc.save_days(pid, {day: AttendanceEntry(day, AttendanceKind.ATTENDED)})
                said(day.isoformat())
            day -= timedelta(days=1)
        return
    if mode == "report":
        from pe_desktop.services.reports.service import ReportContent, ReportService

        vid = int(extra)
        for n in range(1, 100_000):
            ReportService(ctx).save(vid, ReportContent(summary=f"revision {n} " + "x" * 2000))
            said(str(n))
    if mode == "import":
        from pe_desktop.services.interchange.document import import_json

        for n in range(1, 100_000):
            import_json(ctx, Path(extra), replace=True)
            said(str(n))
    if mode == "backup":
        from pe_desktop.services.backup.service import BackupService

        for _ in range(100_000):
            said(str(BackupService(ctx).backup_now().path))
    if mode == "restore":
        from pe_desktop.services.backup.service import BackupService

        for n in range(1, 100_000):
            BackupService(ctx).restore(Path(extra))
            said(str(n))


# -- the parent --------------------------------------------------------------------
def _env() -> dict[str, str]:
    root = Path(__file__).resolve().parents[1]
    return {**os.environ, "PE_DESKTOP_DATA_KEY": KEY_HEX, "PE_DESKTOP_CLOCK": CLOCK,
            "PYTHONPATH": str(root) + os.pathsep + os.environ.get("PYTHONPATH", "")}


def _prepare(base: Path) -> dict[str, object]:
    """A demo folder (encrypted), a plain copy of it, an export and a backup to restore."""
    os.environ.update({k: v for k, v in _env().items() if k.startswith("PE_DESKTOP")})
    from pe_desktop.clock import default_clock as clock_from_env
    from pe_desktop.domain.reports import ReportKind
    from pe_desktop.services.backup.service import BackupService
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.interchange.document import export_json
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.reports.service import ReportService
    from pe_desktop.storage import crypto

    demo = base / "demo"
    ctx = open_context(demo, clock=clock_from_env())
    create_demo_data(ctx)
    active = [p for p in PlacementService(ctx).list() if p.status.value == "active"]
    pid = active[0].id
    view = ReportService(ctx).open(pid, ReportKind.MIDWAY)
    vid = view.version.id if view.version.signed_at is None else None
    if vid is None:
        view = ReportService(ctx).open(active[1].id, ReportKind.FINAL)
        vid = view.version.id
    export = base / "export.json"
    export_json(ctx, export)
    backup = BackupService(ctx).backup_now(to=base / "restore-source").path
    counts = _counts(ctx)
    ctx.close()
    plain = base / "plain"
    plain.mkdir()
    con = crypto.connect(demo / "pe-desktop.sqlite", bytes.fromhex(KEY_HEX))
    con.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain / "pe-desktop.sqlite"),))
    con.execute("SELECT sqlcipher_export('p')")
    con.execute("DETACH DATABASE p")
    con.close()
    shutil.copytree(demo / "keys", plain / "keys")
    return {"demo": demo, "plain": plain, "pid": pid, "vid": vid, "export": export,
            "backup": backup, "counts": counts}


def _counts(ctx) -> dict[str, int]:
    from sqlalchemy import text

    with ctx.db.engine.connect() as conn:
        return {t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar()
                for t in ("students", "placements", "evidence_items", "supervision_sessions")}


def _verify(mode: str, folder: Path, committed: list[str], prep: dict) -> str:
    """'' when everything holds; else the first problem."""
    from sqlalchemy import text

    from pe_desktop.clock import default_clock as clock_from_env
    from pe_desktop.services.backup.check import run_check
    from pe_desktop.services.context import open_context
    from pe_desktop.storage import crypto
    from pe_desktop.storage.backups import list_backups

    db = folder / "pe-desktop.sqlite"
    key = bytes.fromhex(KEY_HEX)
    if mode == "conversion":
        # raises if the file is neither the plain original nor the encrypted copy
        con = crypto.connect(db, None if crypto.is_plain_sqlite(db) else key)
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        con.close()
        if ok != "ok":
            return f"conversion left a damaged file: {ok}"
    ctx = open_context(folder, clock=clock_from_env())
    try:
        with ctx.db.engine.connect() as conn:
            if list(conn.execute(text("PRAGMA cipher_integrity_check"))):
                return "page HMAC check failed"
            if conn.execute(text("PRAGMA foreign_key_check")).first() is not None:
                return "foreign key violation"
        result = run_check(ctx)
        if not result.ok:
            return result.problems[0]
        counts = _counts(ctx)
        if mode in ("conversion", "import", "restore", "backup") and counts != prep["counts"]:
            return f"counts changed: {counts} != {prep['counts']}"
        if mode == "attendance" and committed:
            with ctx.db.engine.connect() as conn:
                days = {r[0] for r in conn.execute(text(
                    "SELECT day FROM attendance_days WHERE placement_id = :p"),
                    {"p": prep["pid"]})}
            missing = [d for d in committed if d not in {str(x)[:10] for x in days}]
            if missing:
                return f"committed attendance lost: {missing[:3]}"
        if mode == "report" and committed:
            with ctx.db.engine.connect() as conn:
                summary = conn.execute(text("SELECT summary FROM report_versions WHERE id = :v"),
                                       {"v": prep["vid"]}).scalar() or ""
            n = int(summary.split()[1]) if summary.startswith("revision") else 0
            if n < int(committed[-1]):
                return f"committed report revision {committed[-1]} lost (found {n})"
        if mode == "backup":
            for b in list_backups(folder / "backups"):
                if not crypto.opens_with(b.path, key):
                    return f"a backup does not open: {b.path.name}"
            for c in committed:
                if not Path(c).exists():
                    return f"committed backup missing: {c}"
    finally:
        ctx.close()
    return ""


def _read_lines(proc: subprocess.Popen) -> list[str]:
    """Lines the worker prints, collected by a thread as they arrive."""
    import threading

    lines: list[str] = []

    def pump() -> None:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))

    threading.Thread(target=pump, daemon=True).start()
    return lines


def _wait_for(lines: list[str], marker: str, timeout: float) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if marker in lines:
            return True
        time.sleep(0.01)
    return False


def _conversion_seconds(prep: dict, base: Path) -> float:
    """How long one conversion takes here (the window kills are spread over)."""
    folder = base / "calibrate"
    shutil.copytree(prep["plain"], folder)
    proc = subprocess.Popen([sys.executable, "-m", "benchmarks.kill9", "--worker", "conversion",
                             str(folder), ""], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env())
    lines = _read_lines(proc)
    _wait_for(lines, "ready", 120)
    t0 = time.monotonic()
    _wait_for(lines, "committed conversion", 120)
    proc.wait()
    shutil.rmtree(folder, ignore_errors=True)
    return max(time.monotonic() - t0, 0.05) * 1.2


def run(kills: int, seed: int, modes: tuple[str, ...], verbose: bool = True,
        conversion_window: float | None = None) -> dict:
    """``conversion_window`` (seconds) skips measuring how long a conversion takes."""
    rng = random.Random(seed)
    base = Path(tempfile.mkdtemp(prefix="pe-kill9-"))
    totals = {"kills": 0, "corrupt": 0, "lost": 0, "half_converted": 0, "problems": []}
    try:
        prep = _prepare(base)
        prep["conversion_seconds"] = conversion_window or _conversion_seconds(prep, base)
        for i in range(kills):
            mode = modes[i % len(modes)]
            folder = base / f"round-{i}"
            shutil.copytree(prep["plain" if mode == "conversion" else "demo"], folder)
            extra = {"attendance": prep["pid"], "report": prep["vid"], "import": prep["export"],
                     "restore": prep["backup"]}.get(mode, "")
            proc = subprocess.Popen([sys.executable, "-m", "benchmarks.kill9", "--worker", mode,
                                     str(folder), str(extra)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=_env())
            lines = _read_lines(proc)
            if not _wait_for(lines, "ready", 120):
                proc.kill()
            window = prep["conversion_seconds"] if mode == "conversion" else 2.0
            delay = rng.uniform(0.0, window)
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            err = proc.stderr.read()
            time.sleep(0.05)
            committed = [ln.split(" ", 1)[1] for ln in list(lines)
                         if ln.startswith("committed ")]
            totals["kills"] += proc.returncode == -signal.SIGKILL
            try:
                problem = _verify(mode, folder, committed, prep)
            except Exception as exc:  # noqa: BLE001 - any failure to open is a finding
                problem = f"cannot open after the kill: {exc}"
            if problem:
                totals["problems"].append(f"{mode}: {problem}")
                key = ("half_converted" if mode == "conversion" else
                       "lost" if "lost" in problem or "missing" in problem else "corrupt")
                totals[key] += 1
            if verbose:
                print(f"{i + 1:>3} {mode:<10} killed after {delay:4.2f}s, "
                      f"{len(committed):>4} commits seen: {problem or 'ok'}"
                      + (f" [worker: {err.strip().splitlines()[-1]}]"
                         if proc.returncode != -signal.SIGKILL and err.strip() else ""),
                      flush=True)
            shutil.rmtree(folder, ignore_errors=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return totals


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--worker", nargs=3, metavar=("MODE", "DIR", "EXTRA"))
    args = ap.parse_args(argv)
    if args.worker:
        mode, folder, extra = args.worker
        _worker(mode, Path(folder), extra)
        return 0
    t0 = time.monotonic()
    totals = run(args.kills, args.seed, tuple(args.modes.split(",")))
    print(f"\n{totals['kills']} kill -9 in {time.monotonic() - t0:.0f} s: "
          f"{totals['corrupt']} corrupt databases, {totals['lost']} committed writes lost, "
          f"{totals['half_converted']} half-converted")
    for p in totals["problems"]:
        print("  " + p)
    return 1 if totals["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
