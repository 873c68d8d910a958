"""Adversarial run through the public CLI: generated malformed files, counted per class.

    python -m benchmarks.fuzz_cli [--per-class 60] [--seed 1] [--subprocess]

For each generated input the data folder is a fresh copy of a demo dataset;
the command runs (in-process through ``pe_desktop.cli.main.main`` by default,
or as a real subprocess with ``--subprocess``) and is judged:

- crash: a traceback on stderr, or an exit status other than 0/1;
- noisy: more than one line on stderr;
- changed: the command failed but the database's content changed;
- pii: a name or email of the existing records appears on stderr;
- accepted: exit 0 (the input was valid, or was taken within the rules).

The suite runs a short version (tests/integration/test_fuzz_cli.py).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import hashlib
import io
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path

CLOCK = "2026-11-23T12:00"
HOSTILE_TEXT = ["\x00", "\x14", "\x1b[2J", "\ud800", "\u202e", "\u2028", "\x7f", "?ukasz",
                "\r", "\n", "\t", "x" * 70000, "😀", ""]
HOSTILE_NUMBERS = [10**30, -(2**63) - 1, 2**63, 10**25, -1, 0, 1.5, float("inf"),
                   float("nan"), True, False]
HOSTILE_DATES = ["9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+14:00", "2026-02-30",
                 "9999-12-31", "0001-01-01", "+10000-01-01", "2026-11-23T24:00", "",
                 "2026-11-23T12:00:00+99:00"]


#: The data key every run opens its (SQLCipher) database with, unless one is set.
KEY_HEX = "5f" * 32


def data_key() -> bytes:
    os.environ.setdefault("PE_DESKTOP_DATA_KEY", KEY_HEX)
    return bytes.fromhex(os.environ["PE_DESKTOP_DATA_KEY"])


def connect(db: Path, readonly: bool = True):
    """A DB-API connection to the app's database, encrypted or plain."""
    from pe_desktop.storage import crypto

    key = None if crypto.is_plain_sqlite(db) else data_key()
    return crypto.connect(db, key, readonly=readonly)


def table_counts(db: Path, skip: tuple[str, ...] = ()) -> dict[str, int]:
    """Rows per table (the full-text index and ``skip`` left out)."""
    con = connect(db)
    try:
        names = [n for (n,) in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND name NOT LIKE 'search_index%' ORDER BY name") if n not in skip]
        return {n: con.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}
    finally:
        con.close()


def _digest(db: Path, skip: tuple[str, ...] = ()) -> str:
    """The database's content (rows of every table but ``skip``); the file's
    bytes when it cannot be read."""
    try:
        con = connect(db)
    except Exception:  # noqa: BLE001 - damaged, locked or not a database
        return "unreadable:" + hashlib.sha256(db.read_bytes()).hexdigest()
    try:
        h = hashlib.sha256()
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type='table' "
                                   "AND name NOT LIKE 'search_index%' ORDER BY name"):
            if name in skip:
                continue
            for row in con.execute(f'SELECT * FROM "{name}" ORDER BY 1'):
                h.update(repr(row).encode())
        return h.hexdigest()
    except Exception:  # noqa: BLE001
        return "unreadable:" + hashlib.sha256(db.read_bytes()).hexdigest()
    finally:
        con.close()


class Fuzzer:
    def __init__(self, work: Path, seed: int, subprocess_mode: bool,
                 placements: int = 12) -> None:
        self.work = work
        self.rng = random.Random(seed)
        self.subprocess_mode = subprocess_mode
        self.base = work / "base"
        data_key()
        if placements == 12:
            code, err = self._run(["demo"], self.base)
            if code != 0:
                raise RuntimeError(f"the base demo failed: {err.strip()}")
        else:  # a smaller demo for the suite's short run
            from pe_desktop.clock import default_clock
            from pe_desktop.services.context import open_context
            from pe_desktop.services.demo import create_demo_data

            os.environ["PE_DESKTOP_CLOCK"] = CLOCK
            ctx = open_context(self.base, clock=default_clock())
            try:
                create_demo_data(ctx, placements=placements)
            finally:
                ctx.close()
        self.base_json = work / "base.json"
        code, err = self._run(["export", "--json", str(self.base_json)], self.base)
        if code != 0:
            raise RuntimeError(f"the base export failed: {err.strip()}")
        self.doc = json.loads(self.base_json.read_text(encoding="utf-8"))
        self.pii = self._personal_values()
        self.signed_pdf = self._signed_pdf()

    # -- running -------------------------------------------------------------------
    def _run(self, args: list[str], data_dir: Path) -> tuple[int, str]:
        argv = ["--data-dir", str(data_dir), *args]
        os.environ["PE_DESKTOP_CLOCK"] = CLOCK
        os.environ.setdefault("PE_DESKTOP_SECRET_STORE", "file")
        data_key()
        if self.subprocess_mode:
            proc = subprocess.run([sys.executable, "-m", "pe_desktop", *argv],
                                  capture_output=True, text=True, errors="replace",
                                  timeout=300, stdin=subprocess.DEVNULL)
            return proc.returncode, proc.stderr
        from pe_desktop.cli.main import main

        err, out = io.StringIO(), io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
            try:
                code = main(argv)
            except SystemExit as exc:  # argparse
                code = exc.code if isinstance(exc.code, int) else 2
            except BaseException:  # noqa: BLE001 - a crash is what we count
                import traceback

                traceback.print_exc(file=err)
                code = 99
        return code, err.getvalue()

    def _personal_values(self) -> list[str]:
        out: set[str] = set()
        for table, cols in (("students", ("full_name", "email")), ("profile", ("full_name",
                                                                              "email"))):
            for row in self.doc["tables"].get(table, []):
                out.update(str(row[c]) for c in cols if row.get(c) and len(str(row[c])) > 5)
        return sorted(out)

    def _signed_pdf(self) -> bytes | None:
        from pe_desktop.clock import default_clock
        from pe_desktop.export import pdf_base as pb
        from pe_desktop.export.signing import sign_pdf
        from pe_desktop.services.secret_store import SecretStore
        from pe_desktop.services.signing.identity import SigningIdentityService

        os.environ["PE_DESKTOP_CLOCK"] = CLOCK
        now = default_clock().now()
        svc = SigningIdentityService(self.work / "keys", SecretStore.in_memory())
        svc.create("Łukasz Nowak", "SW123456", "Leeds", now=now)
        spots: list = []
        doc = pb.render_pdf(pb.DocumentInfo("EPR"), [*pb.title("EPR"),
                                                     pb.signature_placeholder(spots)], spots)
        return sign_pdf(doc.data, svc.material(), now=now, spot=doc.signature_spot).data

    def judge(self, cls: str, args_of: Callable[[Path], list[str]], data: bytes,
              suffix: str, results: dict[str, Counter]) -> None:
        case = Path(tempfile.mkdtemp(dir=self.work))
        data_dir = case / "data"
        shutil.copytree(self.base, data_dir)
        f = case / f"input{suffix}"
        f.write_bytes(data)
        db = data_dir / "pe-desktop.sqlite"
        before = _digest(db)
        code, err = self._run(args_of(f), data_dir)
        r = results[cls]
        r["tried"] += 1
        if "Traceback" in err or code not in (0, 1):
            r["crash"] += 1
            (self.work / f"crash-{cls}-{r['tried']}{suffix}").write_bytes(data)
            print(f"CRASH {cls}: exit {code}\n{err[-2000:]}", file=sys.stderr)
        if len(err.strip().splitlines()) > 1 and code != 0:
            r["noisy"] += 1
        if code == 0:
            r["accepted"] += 1
        elif _digest(db) != before:
            r["changed"] += 1
        if any(v in err for v in self.pii):
            r["pii"] += 1
        shutil.rmtree(case, ignore_errors=True)

    # -- generators -------------------------------------------------------------------
    def json_values(self) -> Iterator[bytes]:
        while True:
            doc = copy.deepcopy(self.doc)
            tables = [t for t, rows in doc["tables"].items() if rows]
            t = self.rng.choice(tables)
            row = self.rng.choice(doc["tables"][t])
            col = self.rng.choice(sorted(row))
            row[col] = self.rng.choice([
                self.rng.choice(HOSTILE_TEXT), self.rng.choice(HOSTILE_NUMBERS),
                self.rng.choice(HOSTILE_DATES), [1], {"a": None}, None,
                str(row[col]) + self.rng.choice(HOSTILE_TEXT)])
            text = json.dumps(doc, ensure_ascii=self.rng.random() < 0.5, allow_nan=True)
            yield text.encode("utf-8", "surrogatepass")

    def json_structure(self) -> Iterator[bytes]:
        base = self.base_json.read_bytes()
        makers = [
            lambda: base[: self.rng.randrange(len(base))],
            lambda: b"[" * self.rng.choice([999, 1000, 5000, 200000]),
            lambda: ("[" * 1000 + "]" * 1000).encode(),
            lambda: json.dumps({**self.doc, "version": self.rng.choice(
                [True, "4", 4.0, 0, -1, 99, None, [4]])}).encode(),
            lambda: json.dumps({**self.doc, "tables": self.rng.choice(
                [[], "x", None, {"students": {}}, {"nope": []}])}).encode(),
            lambda: json.dumps({**self.doc, "tables": {**self.doc["tables"], "profile":
                                self.doc["tables"]["profile"] * 2}}).encode(),
            lambda: bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 3000))),
            lambda: b"\xef\xbb\xbf" + base.replace(b"\n", b"\r"),
            lambda: b'{"x": ' + b"9" * 6000 + b"}",
            lambda: base.replace(b'"format"', b'"format" ', 1).replace(
                b"pe-desktop-interchange", b"pe-desktop-interchange\\u0000"),
            lambda: json.dumps({**self.doc, "attachment_files": {
                "../" * 5 + "etc/passwd": base64.b64encode(b"x").decode()}}).encode(),
        ]
        while True:
            yield self.rng.choice(makers)()

    def csv_files(self) -> Iterator[bytes]:
        head = "Name,Student ID,Preferred name,Email,Cohort,Placement,Organisation,Team,Start date,End date\r\n"

        def date() -> str:
            d, m, y = self.rng.randint(1, 31), self.rng.randint(1, 12), self.rng.choice(
                [2026, 2027, 9999, 1, 26, 1899, 2200])
            return self.rng.choice([f"{d}/{m}/{y}", f"{m}/{d}/{y}", f"{y}-{m:02d}-{d:02d}",
                                    f"{d:02d}.{m:02d}.{y}", "31/02/2026", "tomorrow", ""])

        def cell() -> str:
            return self.rng.choice(["Zoë Okafor", "?ukasz", "x" * self.rng.choice([51, 101, 201]),
                                    "A\x14B", "", "Org", "a@b.co", "first", "final", "weird"]) \
                + self.rng.choice(["", "", "\x00", "\x1b", "\u202e"])

        def rows(n: int) -> str:
            out = []
            for i in range(n):
                out.append(",".join([cell(), f"S{i}", cell(), cell(), cell(), cell(),
                                     cell(), cell(), date(), date()]))
            return head + "\r\n".join(out) + "\r\n"

        makers = [
            lambda: rows(self.rng.randint(1, 20)).encode("utf-8", "surrogatepass"),
            lambda: rows(5).encode("cp1252", "replace") + b"\x81\x8d\x8f\x90\x9d",
            lambda: rows(5).replace("\r\n", "\r").encode(),
            lambda: (head + "A," + "x" * 140000 + "\r\n").encode(),
            lambda: bytes(self.rng.randrange(256) for _ in range(self.rng.randrange(1, 5000))),
            lambda: head.encode() + b"A" * 5000 + b"\x00,1\r\n",
            lambda: (head + "\"unterminated,1\r\n").encode(),
        ]
        while True:
            yield self.rng.choice(makers)()

    def pdfs(self) -> Iterator[bytes]:
        assert self.signed_pdf is not None
        while True:
            data = bytearray(self.signed_pdf)
            how = self.rng.randrange(4)
            if how == 0:  # one byte anywhere
                i = self.rng.randrange(len(data))
                data[i] = (data[i] + self.rng.randrange(1, 256)) % 256
            elif how == 1:  # in the signature value's zero padding (a real change)
                m = re.search(rb"/Contents <[0-9a-fA-F]*?(0+)>", data)
                assert m is not None
                i = self.rng.randrange(m.start(1), m.end(1))
                data[i] = ord(self.rng.choice("123456789abcdef"))
            elif how == 2:
                data = data[: self.rng.randrange(len(data))]
            else:
                data += b"\n%appended\n" * self.rng.randrange(1, 50)
            yield bytes(data)

    def databases(self) -> Iterator[bytes]:
        db = (self.base / "pe-desktop.sqlite").read_bytes()
        while True:
            data = bytearray(db)
            for _ in range(self.rng.randint(1, 8)):
                i = self.rng.randrange(100, len(data))
                data[i:i + 16] = bytes(self.rng.randrange(256) for _ in range(16))
            yield bytes(data)


def run(per_class: int, seed: int, subprocess_mode: bool, work: Path,
        placements: int = 12) -> dict[str, Counter]:
    fz = Fuzzer(work, seed, subprocess_mode, placements)
    results: dict[str, Counter] = defaultdict(Counter)
    classes: list[tuple[str, Iterator[bytes], Callable[[Path], list[str]], str]] = [
        ("json-values", fz.json_values(), lambda f: ["import", "--json", str(f), "--replace"],
         ".json"),
        ("json-structure", fz.json_structure(),
         lambda f: ["import", "--json", str(f), "--replace"], ".json"),
        ("csv", fz.csv_files(), lambda f: ["import", "--students-csv", str(f), "--university",
                                           "Eastbrook University"], ".csv"),
        ("pdf-verify", fz.pdfs(), lambda f: ["verify", str(f)], ".pdf"),
    ]
    for cls, gen, args_of, suffix in classes:
        for _ in range(per_class):
            fz.judge(cls, args_of, next(gen), suffix, results)
    # Damaged database files: the input *is* the database.
    dbs = fz.databases()
    for _ in range(per_class):
        case = Path(tempfile.mkdtemp(dir=work))
        shutil.copytree(fz.base, case / "data")
        (case / "data" / "pe-desktop.sqlite").write_bytes(next(dbs))
        before = hashlib.sha256((case / "data" / "pe-desktop.sqlite").read_bytes()).hexdigest()
        code, err = fz._run(["export", "--json", str(case / "out.json")], case / "data")
        r = results["damaged-db"]
        r["tried"] += 1
        if "Traceback" in err or code not in (0, 1):
            r["crash"] += 1
            print(f"CRASH damaged-db: {err[-1500:]}", file=sys.stderr)
        if code == 0:
            r["accepted"] += 1
        after = hashlib.sha256((case / "data" / "pe-desktop.sqlite").read_bytes()).hexdigest()
        if code != 0 and after != before:
            r["changed"] += 1
        if any(v in err for v in fz.pii):
            r["pii"] += 1
        shutil.rmtree(case, ignore_errors=True)
    return results


def report(results: dict[str, Counter]) -> str:
    cols = ["tried", "accepted", "crash", "noisy", "changed", "pii"]
    lines = ["class            " + " ".join(f"{c:>9}" for c in cols)]
    for cls, r in results.items():
        lines.append(f"{cls:<16} " + " ".join(f"{r[c]:>9}" for c in cols))
    total = Counter()
    for r in results.values():
        total.update(r)
    lines.append(f"{'total':<16} " + " ".join(f"{total[c]:>9}" for c in cols))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--per-class", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--subprocess", action="store_true", help="run each input as a process")
    ap.add_argument("--keep", type=Path, help="work folder to keep (crash inputs are saved)")
    args = ap.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="pe-fuzz-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        results = run(args.per_class, args.seed, args.subprocess, work)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(results))
    bad = sum(r["crash"] + r["changed"] + r["pii"] + r["noisy"] for r in results.values())
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
