"""JSON export and import of a whole dataset against SQLite's own dump and load.

    python -m benchmarks.interchange --data-dir /tmp/pe-bench [--runs 3]

Each step runs as a child process, timed whole-process, its peak memory read
from the kernel (``os.wait4`` → ``ru_maxrss``, KiB on Linux; the same figure as
``resource.getrusage(RUSAGE_CHILDREN)``), started from a small launcher:

- **export**: ``pe-desktop export --json FILE``; floor ``sqlite3 DB .dump``;
- **import**: ``pe-desktop import --json FILE`` into an empty data folder;
  floor ``sqlite3 NEW.db < dump.sql``.

The app's database is encrypted (SQLCipher, key from ``PE_DESKTOP_DATA_KEY``);
``sqlite3`` cannot read it, so the floors add what encryption alone costs, each
step a child process too: the export's floor is decrypting the whole database
to a plain copy (``sqlcipher_export``) and dumping that; the import's is
loading the dump into a plain file and encrypting it whole.

Targets (issue 18): time ≤ 2× the floor; peak memory under 200 MB at 10×
(the file is written and read as a stream). The imported database is checked
by exporting it again: the tables must equal the first export's.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.figures import Figure, print_figures

CLI = [sys.executable, "-m", "pe_desktop"]
TIME_TARGET = 2.0
MEMORY_TARGET_MB = 200.0
#: CPU seconds of each child, in the order they ran (see :func:`child`).
CPU: list[float] = []


#: Runs a command and reports its peak memory. A forked child's ``ru_maxrss`` starts
#: at its parent's resident size (the pages it shares until ``exec``), so the command
#: is started from this small launcher, not from the benchmark's own (large) process.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
sys.stderr.write(f"\\nPEAK-RSS-KB {usage.ru_maxrss} CPU-S {usage.ru_utime + usage.ru_stime}\\n")
sys.exit(os.waitstatus_to_exitcode(status))
"""


def child(argv: list[str], stdin: Path | None = None, stdout: Path | None = None,
          env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``argv``; (seconds, peak resident MB of that process). Its CPU time
    (user + system, less affected by other load than wall time) is added to
    :data:`CPU` under ``argv``'s first words."""
    fin = open(stdin, "rb") if stdin else subprocess.DEVNULL  # noqa: SIM115
    fout = open(stdout, "wb") if stdout else subprocess.DEVNULL  # noqa: SIM115
    try:
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, *argv], stdin=fin,
                              stdout=fout, stderr=subprocess.PIPE, env=env)
        elapsed = time.perf_counter() - t
    finally:
        for fh in (fin, fout):
            if hasattr(fh, "close"):
                fh.close()
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, argv[:6]))} failed ({proc.returncode}): {err}")
    line = next(ln.split() for ln in err.splitlines() if ln.startswith("PEAK-RSS-KB"))
    CPU.append(float(line[3]))
    return elapsed, int(line[1]) / 1024


#: ``sqlcipher_export`` from argv[1] (key argv[2], '' = plain) into argv[3] (key argv[4]).
CONVERT = """
import sys
from pe_desktop.storage.crypto import connect, key_pragma
src, key, dst, dst_key = sys.argv[1:5]
con = connect(src, bytes.fromhex(key) if key else None)
target = key_pragma(bytes.fromhex(dst_key)).split("=", 1)[1].strip() if dst_key else "''"
con.execute(f"ATTACH DATABASE ? AS out KEY {target}", (dst,))
con.execute("SELECT sqlcipher_export('out')")
con.execute("DETACH DATABASE out")
con.close()
"""


def _key_hex() -> str:
    from pe_desktop.services.protection.keys import env_keys

    keys = env_keys()
    if keys is None:
        raise SystemExit("set PE_DESKTOP_DATA_KEY (the benchmark datasets' key)")
    return keys.current.hex()


def _tables(path: Path) -> str:
    with open(path, encoding="utf-8") as fh:
        return json.dumps(json.load(fh)["tables"], sort_keys=True)


def run(data_dir: Path, runs: int = 3) -> list[Figure]:
    db = data_dir / "pe-desktop.sqlite"
    work = Path(tempfile.mkdtemp(prefix="pe-bench-interchange-"))
    env = dict(os.environ)
    env.pop("PE_DESKTOP_DATA_DIR", None)
    try:
        out, dump = work / "export.json", work / "dump.sql"
        key = _key_hex()
        convert = [sys.executable, "-c", CONVERT]
        rows: dict[str, list[tuple[float, float]]] = {
            "export": [], "decrypt": [], "dump": [], "import": [], "load": [], "encrypt": []}
        cpu: dict[str, list[float]] = {k: [] for k in rows}

        def step(name: str, *args: object, **kwargs: object) -> None:
            rows[name].append(child(*args, **kwargs))
            cpu[name].append(CPU[-1])

        for i in range(runs):
            step("export", [*CLI, "--data-dir", str(data_dir), "export", "--json", str(out)],
                 env=env)
            plain = work / f"plain-{i}.sqlite"
            step("decrypt", [*convert, str(db), key, str(plain), ""], env=env)
            step("dump", ["sqlite3", str(plain), ".dump"], stdout=dump)
            target = work / f"import-{i}"
            step("import", [*CLI, "--data-dir", str(target), "import", "--json", str(out)],
                 env=env)
            loaded = work / f"load-{i}.sqlite"
            step("load", ["sqlite3", str(loaded)], stdin=dump)
            step("encrypt", [*convert, str(loaded), "", str(work / f"enc-{i}"), key], env=env)
            plain.unlink()
            (work / f"enc-{i}").unlink()
            if i < runs - 1:
                shutil.rmtree(target)
                loaded.unlink()
        again = work / "again.json"
        child([*CLI, "--data-dir", str(target), "export", "--json", str(again)], env=env)
        same = _tables(out) == _tables(again)
        size_mb = out.stat().st_size / 1e6
    finally:
        shutil.rmtree(work, ignore_errors=True)
    med = {k: statistics.median(t for t, _ in v) for k, v in rows.items()}
    peak = {k: max(m for _, m in v) for k, v in rows.items()}
    med["dump"] += med.pop("decrypt")  # the floors: the plain job plus encryption's cost
    med["load"] += med.pop("encrypt")
    peak["dump"] = max(peak["dump"], peak.pop("decrypt"))
    peak["load"] = max(peak["load"], peak.pop("encrypt"))
    busy = {k: statistics.median(v) for k, v in cpu.items()}
    busy["dump"] += busy.pop("decrypt")
    busy["load"] += busy.pop("encrypt")
    print(f"interchange on {data_dir}: file {size_mb:.0f} MB; median of {runs} runs "
          "(s, peak MB; floors with encryption): " + "; ".join(
              f"{k} {med[k]:.2f} s (CPU {busy[k]:.2f} s) {peak[k]:.0f} MB" for k in med)
          + f"; re-export of the import {'equals' if same else 'DIFFERS FROM'} the export")
    return [
        Figure("interchange", "export --json, time", med["export"], "s",
               f"≤ {TIME_TARGET}× sqlite3 .dump", med["export"] <= TIME_TARGET * med["dump"],
               med["dump"], "decrypt + sqlite3 .dump"),
        Figure("interchange", "export --json, CPU time", busy["export"], "s",
               f"≤ {TIME_TARGET}× floor", busy["export"] <= TIME_TARGET * busy["dump"],
               busy["dump"], "decrypt + sqlite3 .dump, CPU"),
        Figure("interchange", "export --json, peak memory", peak["export"], "MB",
               f"< {MEMORY_TARGET_MB:.0f} MB", peak["export"] < MEMORY_TARGET_MB,
               peak["dump"], "sqlite3 .dump"),
        Figure("interchange", "import --json, time", med["import"], "s",
               f"≤ {TIME_TARGET}× sqlite3 load", med["import"] <= TIME_TARGET * med["load"]
               and same, med["load"], "sqlite3 load + encrypt"),
        Figure("interchange", "import --json, CPU time", busy["import"], "s",
               f"≤ {TIME_TARGET}× floor", busy["import"] <= TIME_TARGET * busy["load"],
               busy["load"], "sqlite3 load + encrypt, CPU"),
        Figure("interchange", "import --json, peak memory", peak["import"], "MB",
               f"< {MEMORY_TARGET_MB:.0f} MB", peak["import"] < MEMORY_TARGET_MB,
               peak["load"], "sqlite3 load"),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    print_figures(f"interchange, {args.data_dir}", run(args.data_dir, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
