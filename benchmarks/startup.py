"""Start-up time: process start → main window shown with the dashboard populated.

    python -m benchmarks.startup [--data-dir /tmp/pe-bench ...] [--runs 7]

Five programs are started the same way (a fresh ``python`` process, timed
from just before it is spawned until it prints a ready marker), interleaved,
``--runs`` times each:

- **bare**: a PySide6 ``QMainWindow`` shown — the GUI toolkit's floor;
- **floor**: the honest floor of this app's stack, started as the app starts
  (collector off, SQLAlchemy before PySide6): a window, an ORM session and one
  query on the benchmark database, its result shown;
- **qt-first floor**: the same with PySide6 imported first (this benchmark's
  first floor, which flattered the app by ~50 ms), for comparison;
- **sqlite floor** (information): the floor's window and query with the standard
  ``sqlite3`` module and no SQLAlchemy;
- **app**: ``python -m pe_desktop --data-dir DIR`` with
  ``PE_DESKTOP_STARTUP_PROBE=loaded``, which prints the marker once the dashboard
  shows data loaded from the dataset, and a second one once the data model (SQLAlchemy
  and the ORM models, loaded after the first window) is ready too: both are printed.

The app's database is encrypted (SQLCipher). Its key comes from
``PE_DESKTOP_DATA_KEY`` when that is set (``--key-source env``, the default
when it is), else from the system keyring as for a user (run inside a D-Bus
session with an unlocked keyring). The floors read a plain SQLite copy of the
same data (made with the key), so they stay the floors of before encryption.

Prints the medians (wall and CPU time to the marker, the latter less affected
by other load) and app / floor (target ≤ 1.2), for each ``--data-dir`` given
(e.g. the 1× and 10× datasets). The dataset is built first if missing.
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

from benchmarks.figures import Figure, print_figures

MARKER = "PE-DESKTOP-READY"  # = pe_desktop.ui.startup_probe.MARKER (not imported: keep this light)
LOADED = "PE-DESKTOP-LOADED"  # = pe_desktop.ui.startup_probe.LOADED
TARGET = 1.2

#: The window every program shows, and its ready marker once the event loop runs.
_WINDOW = """
app = QApplication(sys.argv)
w = QMainWindow()
label = QLabel("bare window")
w.setCentralWidget(label)
w.resize(1200, 780)
w.show()
"""
_READY = f"""
def ready():
    print("{MARKER} cpu=" + format(time.process_time(), ".4f"), flush=True)
    app.quit()
QTimer.singleShot(0, ready)
app.exec()
"""
_QT = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
"""
_SQLALCHEMY = """
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class Placement(Base):
    __tablename__ = "placements"
    id: Mapped[int] = mapped_column(primary_key=True)
    organisation: Mapped[str]
"""
_ORM_QUERY = """
engine = create_engine("sqlite:///" + sys.argv[1])
with Session(engine) as s:
    n = s.scalar(select(func.count()).select_from(Placement))
    first = s.scalars(select(Placement).order_by(Placement.id).limit(1)).first()
label.setText(f"{n} placements; first at {first.organisation}")
gc.freeze()
gc.enable()
"""
_GC_OFF = """
import gc
gc.disable()
import sys
import time
"""

BARE = "import sys\nimport time\n" + _QT + _WINDOW + _READY

#: The floor as the first version of this benchmark had it: PySide6 imported before
#: SQLAlchemy. Once PySide6 is imported its ``__feature__`` import hook inspects every
#: module imported afterwards, which costs this order ~50 ms the app avoids; printed
#: for comparison only.
QT_FIRST_FLOOR = (_GC_OFF + _QT + _SQLALCHEMY + _WINDOW + _ORM_QUERY + _READY
                  ).replace("gc.disable()", "pass", 1)

#: The honest floor of this app's stack, started the way the app starts
#: (``pe_desktop/ui/app.py``): the collector off during start-up, SQLAlchemy's ORM
#: and its SQLite dialect imported before PySide6, then a window, an ORM session and one
#: query whose result is shown, then the collector back on (frozen).
FLOOR = (_GC_OFF + "import sqlalchemy.dialects.sqlite\n" + _SQLALCHEMY + _QT + _WINDOW
         + _ORM_QUERY + _READY)

#: For information: the same window and query with the standard ``sqlite3`` module and no
#: SQLAlchemy at all (the app shows its first window before it loads SQLAlchemy).
PLAIN_FLOOR = _GC_OFF + "import sqlite3\n" + _QT + _WINDOW + """
con = sqlite3.connect(sys.argv[1])
n = con.execute("SELECT count(*) FROM placements").fetchone()[0]
first = con.execute("SELECT organisation FROM placements ORDER BY id LIMIT 1").fetchone()[0]
label.setText(f"{n} placements; first at {first}")
gc.freeze()
gc.enable()
""" + _READY


def time_once(argv: list[str], env: dict[str, str], cpu: list[float] | None = None,
              loaded: list[float] | None = None) -> float:
    """Seconds from spawning ``argv`` to its ready marker on stdout.

    If ``cpu`` is given, the CPU time the child reports on its marker line
    (``cpu=``, process time up to that moment) is appended to it: a cross-check
    less sensitive than wall time to other load on the machine. If ``loaded`` is
    given, the child also prints :data:`LOADED` once its data model has loaded after
    the first window (``PE_DESKTOP_STARTUP_PROBE=loaded``): the seconds to that line
    are appended to it.
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
            if loaded is None:
                break
        elif line.startswith(LOADED) and loaded is not None:
            loaded.append(time.perf_counter() - start)
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
        raise SystemExit("the benchmark database is encrypted: give --key HEX (or set "
                         "PE_DESKTOP_DATA_KEY) for the floor")
    from pe_desktop.storage import crypto

    plain = folder / "floor.sqlite"
    con = crypto.connect(db, bytes.fromhex(key_hex))
    con.execute("ATTACH DATABASE ? AS p KEY ''", (str(plain),))
    con.execute("SELECT sqlcipher_export('p')")
    con.execute("DETACH DATABASE p")
    con.close()
    return plain


def _env_key() -> str | None:
    """The current data key (hex) from ``PE_DESKTOP_DATA_KEY``, if set."""
    raw = os.environ.get("PE_DESKTOP_DATA_KEY")
    if not raw:
        return None
    from pe_desktop.services.protection.keys import DataKeys

    return DataKeys.decode(raw).current.hex()


def run(data_dir: Path, runs: int = 7, key: str | None = None,
        key_source: str | None = None) -> list[Figure]:
    """Time the programs interleaved ``runs`` times on ``data_dir``; return the figures."""
    db = data_dir / "pe-desktop.sqlite"
    if not db.exists():
        from benchmarks.generate import build

        print(f"building the benchmark dataset in {data_dir} …", flush=True)
        build(data_dir)

    key = key or _env_key()
    key_source = key_source or ("env" if os.environ.get("PE_DESKTOP_DATA_KEY") else "keyring")
    with tempfile.TemporaryDirectory(prefix="pe-startup-") as home:
        floor_db = _plain_copy(db, key, Path(home))
        env = dict(os.environ)
        env.setdefault("QT_QPA_PLATFORM", "offscreen" if not env.get("DISPLAY") else "xcb")
        env["XDG_CONFIG_HOME"] = home  # window geometry etc. go here, not to the user's config
        env["XDG_CACHE_HOME"] = home  # the bank-holiday cache, filled by the warm-up run
        # An installed app has its bytecode compiled (pip compiles it): let the warm-up
        # write it even where the developer's shell turns that off.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("PE_DESKTOP_DATA_DIR", None)
        app_env = dict(env, PE_DESKTOP_STARTUP_PROBE="loaded")
        if key_source == "env" and key:
            app_env["PE_DESKTOP_DATA_KEY"] = key
        elif key_source == "keyring":
            app_env.pop("PE_DESKTOP_DATA_KEY", None)
        programs = {
            "bare": ([sys.executable, "-c", BARE], env),
            "qt-first floor": ([sys.executable, "-c", QT_FIRST_FLOOR, str(floor_db)], env),
            "floor": ([sys.executable, "-c", FLOOR, str(floor_db)], env),
            "sqlite floor": ([sys.executable, "-c", PLAIN_FLOOR, str(floor_db)], env),
            "app": ([sys.executable, "-m", "pe_desktop", "--data-dir", str(data_dir)],
                    app_env),
        }
        # One untimed warm-up each (disk cache, .pyc files, a schema upgrade), then
        # interleaved runs.
        for cmd, e in programs.values():
            time_once(cmd, e)
        times: dict[str, list[float]] = {k: [] for k in programs}
        cpu: dict[str, list[float]] = {k: [] for k in programs}
        loaded: list[float] = []
        for _ in range(runs):
            for name, (cmd, e) in programs.items():
                times[name].append(time_once(cmd, e, cpu[name],
                                             loaded if name == "app" else None))

    med = {k: statistics.median(v) * 1000 for k, v in times.items()}
    med_loaded = statistics.median(loaded) * 1000 if loaded else 0.0
    cpu_med = {k: statistics.median(v) * 1000 for k, v in cpu.items() if v}
    print(f"start-up on {data_dir}, median of {runs} runs (process start → window shown, "
          "ready), wall / CPU ms:")
    for name in programs:
        spread = ", ".join(f"{t * 1000:.0f}" for t in times[name])
        print(f"  {name:<15} {med[name]:7.0f} / {cpu_med.get(name, 0):5.0f}   [{spread}]")
    if loaded:
        spread = ", ".join(f"{t * 1000:.0f}" for t in loaded)
        print(f"  {'app, model in':<15} {med_loaded:7.0f}           [{spread}]  (data model "
              "loaded after the first window: every page opens without waiting)")
    figures = [
        Figure("startup", "start-up to populated dashboard", med["app"], "ms",
               f"≤ {TARGET}× floor", med["app"] <= TARGET * med["floor"], med["floor"],
               "honest floor"),
        Figure("startup", "start-up, CPU time", cpu_med.get("app", 0), "ms",
               f"≤ {TARGET}× floor", None, cpu_med.get("floor"), "floor CPU"),
        Figure("startup", "start-up until the data model is loaded too", med_loaded, "ms",
               "(information)", None, med["floor"], "honest floor"),
        Figure("startup", "honest floor against the Qt-first floor", med["floor"], "ms",
               "(information)", None, med["qt-first floor"], "Qt-first floor"),
        Figure("startup", "start-up against a floor without SQLAlchemy", med["app"], "ms",
               "(information)", None, med["sqlite floor"], "sqlite3 floor"),
        Figure("startup", "honest floor against a bare window", med["floor"], "ms",
               "(information)", None, med["bare"], "bare window"),
    ]
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, action="append",
                    help="dataset (repeat for several scales; default /tmp/pe-bench)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--key", metavar="HEX", help="the data key (default: PE_DESKTOP_DATA_KEY)")
    ap.add_argument("--key-source", choices=["keyring", "env"],
                    help="where the app finds its key (default: env when PE_DESKTOP_DATA_KEY "
                         "or --key is given, else the keyring, as for a user)")
    args = ap.parse_args(argv)
    source = args.key_source or ("env" if args.key else None)
    for data_dir in args.data_dir or [Path("/tmp/pe-bench")]:
        print_figures(f"start-up, {data_dir}", run(data_dir, args.runs, args.key, source))
    return 0


if __name__ == "__main__":
    sys.exit(main())
