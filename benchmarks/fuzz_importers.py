"""Fuzz every importer with hypothesis: never a crash, never a change on rejection.

    python -m benchmarks.fuzz_importers [--examples 2000]

Importers: the JSON interchange (arbitrary JSON, and valid exports with
fields removed, retyped or replaced) and the student CSV (arbitrary bytes, and
well-formed files with random cells). An import must either succeed or raise
a :class:`PEDesktopError` (one clear message); when it raises, the database
and the attachment store must be exactly as before.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CSV_HEADERS = ["Name", "Student ID", "Preferred name", "Email", "Programme", "Cohort",
               "Placement", "Organisation", "Team", "Start date", "End date", "Required days",
               "On-site supervisor", "Tutor"]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-2**40, 2**40) | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=12), inner,
                                                               max_size=5),
    max_leaves=25)


def fingerprint(ctx) -> str:
    """A hash of every table's rows and every stored file (the state a rejection must keep)."""
    from pe_desktop.services.interchange.document import export_document

    doc = export_document(ctx)
    files = sorted(ctx.attachments().hashes()) + sorted(ctx.attachments("currency").hashes())
    blob = json.dumps([doc["tables"], files], sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _mutate(doc: dict[str, Any], data: st.DataObject) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    tables = doc["tables"]
    names = sorted(t for t, rows in tables.items() if rows)
    for _ in range(data.draw(st.integers(1, 3))):
        choice = data.draw(st.sampled_from(["value", "drop_field", "drop_table", "top",
                                            "dup_row", "version"]))
        if choice == "top":
            doc[data.draw(st.sampled_from(sorted(doc)))] = data.draw(json_values)
        elif choice == "version":
            doc["version"] = data.draw(st.integers(-1, 9) | st.text(max_size=3))
        elif names:
            t = data.draw(st.sampled_from(names))
            rows = tables[t]
            if not isinstance(rows, list) or not rows:
                continue
            if choice == "drop_table":
                tables[t] = data.draw(json_values)
                continue
            row = rows[data.draw(st.integers(0, len(rows) - 1))]
            if choice == "dup_row":
                rows.append(copy.deepcopy(row))
                continue
            if not isinstance(row, dict) or not row:
                continue
            field = data.draw(st.sampled_from(sorted(row)))
            if choice == "drop_field":
                del row[field]
            else:
                row[field] = data.draw(json_values)
    return doc


def fuzz_interchange(ctx, examples: int, valid_doc: dict[str, Any]) -> dict[str, int]:
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.interchange.document import import_document

    stats = {"examples": 0, "rejected": 0, "imported": 0}

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: st.DataObject) -> None:
        stats["examples"] += 1
        doc = (data.draw(json_values) if data.draw(st.integers(0, 4)) == 0
               else _mutate(valid_doc, data))
        before = fingerprint(ctx)
        try:
            import_document(ctx, doc, replace=True)
        except PEDesktopError as exc:
            assert str(exc).strip(), "a rejection must say why"
            assert fingerprint(ctx) == before, f"rejected import changed data: {exc}"
            stats["rejected"] += 1
        else:
            stats["imported"] += 1

    run()
    return stats


def fuzz_student_csv(ctx, examples: int, folder: Path) -> dict[str, int]:
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.placements.csv_import import import_students_csv

    stats = {"examples": 0, "rejected": 0, "imported": 0}
    cell = st.text(max_size=20) | st.sampled_from(
        ["", "01/09/2026", "2026-13-45", "31/02/2026", "70", "-1", "first", "final", "x" * 300,
         "=cmd|' /C calc'!A0", "Zoë Ní Bhriain", "\ufeffName"])

    @settings(max_examples=examples, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(st.data())
    def run(data: st.DataObject) -> None:
        stats["examples"] += 1
        if data.draw(st.integers(0, 3)) == 0:
            raw = data.draw(st.binary(max_size=400))
        else:
            headers = data.draw(st.lists(st.sampled_from(CSV_HEADERS), min_size=1, max_size=8,
                                         unique=True))
            rows = data.draw(st.lists(st.lists(cell, min_size=len(headers),
                                               max_size=len(headers)), max_size=4))
            text = "\r\n".join(",".join(json.dumps(c) if "," in c else c for c in r)
                               for r in [headers, *rows])
            enc = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
            raw = text.encode(enc, errors="replace")
        path = folder / "fuzz.csv"
        path.write_bytes(raw)
        before = fingerprint(ctx)
        try:
            import_students_csv(ctx, path, data.draw(st.sampled_from(
                ["University of Northfield", "Fuzz University", " "])))
        except PEDesktopError as exc:
            assert str(exc).strip()
            assert fingerprint(ctx) == before, f"rejected CSV changed data: {exc}"
            stats["rejected"] += 1
        else:
            stats["imported"] += 1

    run()
    return stats


def no_backups_during_fuzz() -> None:
    """Each --replace import backs up first; the fuzz measures the importer, not backups."""
    from pe_desktop.services.backup import automatic

    automatic.backup_before_action = lambda ctx, action: Path("/dev/null")


def main(argv: list[str] | None = None) -> int:
    import os

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--examples", type=int, default=2000, help="per importer")
    args = ap.parse_args(argv)
    os.environ.setdefault("PE_DESKTOP_DATA_KEY", "6e" * 32)
    os.environ.setdefault("PE_DESKTOP_CLOCK", "2026-11-23T12:00")
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.interchange.document import export_document

    no_backups_during_fuzz()
    with tempfile.TemporaryDirectory(prefix="pe-fuzz-") as tmp:
        ctx = open_context(Path(tmp) / "data")
        try:
            create_demo_data(ctx)
            valid = json.loads(json.dumps(export_document(ctx), default=str))
            t0 = time.monotonic()
            a = fuzz_interchange(ctx, args.examples, valid)
            b = fuzz_student_csv(ctx, args.examples, Path(tmp))
        finally:
            ctx.close()
    print(f"interchange JSON: {a['examples']} examples, {a['rejected']} rejected unchanged, "
          f"{a['imported']} imported, 0 crashes")
    print(f"student CSV:      {b['examples']} examples, {b['rejected']} rejected unchanged, "
          f"{b['imported']} imported, 0 crashes")
    print(f"in {time.monotonic() - t0:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
