"""Start-up time: process start → main window shown with the dashboard populated.

    python -m benchmarks.startup [--data-dir /tmp/pe-bench] [--runs 7]

Three programs are started the same way (a fresh ``python`` process, timed
from just before it is spawned until it prints a ready marker), interleaved,
``--runs`` times each:

- **bare**: a PySide6 ``QMainWindow`` shown — the GUI toolkit's floor;
- **floor**: the bare window plus a SQLAlchemy ORM session running one query
  on the benchmark database — the floor of this app's stack;
- **app**: ``python -m pe_desktop --data-dir DIR`` with
  ``PE_DESKTOP_STARTUP_PROBE=1``, which prints the marker once the dashboard
  shows data loaded from the large dataset.

The app's database is encrypted (SQLCipher) and its key comes from the
system keyring as for a user (run inside a D-Bus session with an unlocked
keyring; ``--key-source env`` uses ``PE_DESKTOP_DATA_KEY`` instead). The floor
keeps reading a plain SQLite copy of the same data (made with ``--key HEX``),
so it stays the same floor as before encryption.

Prints the three medians and the ratios app/floor (target ≤ 1.3) and
app/bare, then the CPU time each program used up to its marker (a cross-check
when the machine is busy). The dataset is built first if missing (``benchmarks.generate``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MARKER = "PE-DESKTOP-READY"  # = pe_desktop.ui.startup_probe.MARKER (not imported: keep this light)
TARGET = 1.3

BARE = f"""
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("bare window"))
w.resize(1200, 780)
w.show()
def ready():
    print("{MARKER} cpu=" + format(time.process_time(), ".4f"), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""

FLOOR = f"""
import sys
import time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Placement(Base):
    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str]
app = QApplication(sys.argv)
w = QMainWindow()
label = QLabel()
w.setCentralWidget(label)
w.resize(1200, 780)
w.show()
engine = create_engine("sqlite:///" + sys.argv[1])
with Session(engine) as s:
    n = s.scalar(select(func.count()).select_from(Placement))
    first = s.scalars(select(Placement).order_by(Placement.id).limit(1)).first()
label.setText(f"{{n}} placements; first at {{first.organisation}}")
def ready():
    print("{MARKER} cpu=" + format(time.process_time(), ".4f"), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""


def time_once(argv: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Seconds from spawning ``argv`` to its ready marker on stdout.

    If ``cpu`` is given, the CPU time the child reports on its marker line
    (``cpu=``, process time up to that moment) is appended to it: a cross-check
    less sensitive than wall time to other load on the machine.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    elapsed = None
    used = None
    for line in proc.stdout:
        if line.startswith(MARKER):
            elapsed = time.perf_counter() - start
            fields = dict(p.split("=", 1) for p in line.split()[1:] if "=" in p)
            used = float(fields["cpu"]) if "cpu" in fields else None
            break
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    if elapsed is None or proc.returncode != 0:
        raise SystemExit(f"{argv[:3]} did not report ready (exit {proc.returncode}):\n{err}")
    if cpu is not None and used is not None:
        cpu.append(used)
    return elapsed


def _plain_copy(db: Path, key_hex: str | None, folder: Path) -> Path:
    """The database itself if plain, else a plain copy (the floor reads plain SQLite)."""
    with open(db, "rb") as fh:
        if fh.read(16) == b"SQLite format 3\x00":
            return db
    if not key_hex:
        raise SystemExit("the benchmark database is encrypted: give --key HEX for the floor")
    from pe_desktop.storage import crypto

    plain = folder / "floor.sqlite"
    con = crypto.connect(db, bytes.fromhex(key_hex))
    con.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain),))
    con.execute("SELECT sqlcipher_export('p')")
    con.execute("DETACH DATABASE p")
    con.close()
    return plain


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--key", metavar="HEX", help="the data key (to make the floor's plain copy)")
    ap.add_argument("--key-source", choices=["keyring", "env"], default="keyring",
                    help="where the app finds its key (default: the keyring, as for a user)")
    args = ap.parse_args(argv)

    db = args.data_dir / "pe-desktop.sqlite"
    if not db.exists():
        from benchmarks.generate import build

        print(f"building the benchmark dataset in {args.data_dir} …", flush=True)
        build(args.data_dir)

    with tempfile.TemporaryDirectory(prefix="pe-startup-") as home:
        floor_db = _plain_copy(db, args.key, Path(home))
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
        env["XDG_CONFIG_HOME"] = home  # window geometry etc. go here, not to the user's config
        env.pop("PE_DESKTOP_DATA_DIR", None)
        app_env = dict(env, PE_DESKTOP_STARTUP_PROBE="1")
        if args.key_source == "env" and args.key:
            app_env["PE_DESKTOP_DATA_KEY"] = args.key
        elif args.key_source == "keyring":
            app_env.pop("PE_DESKTOP_DATA_KEY", None)
        programs = {
            "bare": ([sys.executable, "-c", BARE], env),
            "floor": ([sys.executable, "-c", FLOOR, str(floor_db)], env),
            "app": ([sys.executable, "-m", "pe_desktop", "--data-dir", str(args.data_dir)],
                    app_env),
        }
        # One untimed warm-up each (disk cache, .pyc files), then interleaved runs.
        for cmd, e in programs.values():
            time_once(cmd, e)
        times: dict[str, list[float]] = {k: [] for k in programs}
        cpu: dict[str, list[float]] = {k: [] for k in programs}
        for _ in range(args.runs):
            for name, (cmd, e) in programs.items():
                times[name].append(time_once(cmd, e, cpu[name]))

    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"start-up, median of {args.runs} runs (process start → window shown, ready):")
    for name in programs:
        spread = ", ".join(f"{t * 1000:.0f}" for t in times[name])
        print(f"  {name:<6} {med[name] * 1000:7.0f} ms   [{spread}]")
    app_floor = med["app"] / med["floor"]
    print(f"  app / floor = {app_floor:.2f}  (target ≤ {TARGET}: "
          f"{'met' if app_floor <= TARGET else 'MISSED'})")
    print(f"  app / bare  = {med['app'] / med['bare']:.2f}")
    print(f"  floor / bare = {med['floor'] / med['bare']:.2f}")
    cpu_med = {k: statistics.median(v) for k, v in cpu.items() if v}
    if len(cpu_med) == 3:
        print("CPU time to ready (median; less affected by other load than wall time): "
              + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in cpu_med.items())
              + f"; app / floor = {cpu_med['app'] / cpu_med['floor']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
