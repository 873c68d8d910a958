"""``pe-desktop export`` and ``pe-desktop import``."""

from __future__ import annotations

import argparse
from pathlib import Path

from pe_desktop.cli.common import context
from pe_desktop.domain.errors import PEDesktopError


def register(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("export", help="write all data to a JSON interchange file")
    e.add_argument("--json", required=True, metavar="FILE", type=Path)
    e.set_defaults(func=run_export)

    i = sub.add_parser("import", help="import a JSON interchange file or a student CSV")
    src = i.add_mutually_exclusive_group(required=True)
    src.add_argument("--json", metavar="FILE", type=Path)
    src.add_argument("--students-csv", metavar="FILE", type=Path)
    i.add_argument("--university", metavar="NAME", help="university of the CSV's students")
    i.add_argument("--date-format", choices=("dmy", "mdy", "iso"), metavar="dmy|mdy|iso",
                   help="how the CSV writes dates: dmy (UK 01/09/2026), mdy (US 9/1/2026) or "
                        "iso (2026-09-01); default: read from the file, refusing a file that "
                        "could be either")
    i.add_argument("--replace", action="store_true", help="replace existing data (JSON only)")
    i.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from pe_desktop.services.interchange.document import export_json

    ctx = context(args)
    try:
        counts = export_json(ctx, args.json)
    finally:
        ctx.close()
    total = sum(counts.values())
    print(f"Exported {total} records to {args.json}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    if args.students_csv is not None:
        if not args.university:
            raise PEDesktopError("--students-csv needs --university NAME")
        from pe_desktop.services.placements.csv_import import import_students_csv

        ctx = context(args)
        try:
            result = import_students_csv(ctx, args.students_csv, args.university,
                                         date_order=args.date_format)
        finally:
            ctx.close()
        print(f"Imported {result.students} students and {result.placements} placements.")
        if result.placements or args.date_format:
            print(f"Dates were read as {result.date_order_label}"
                  + ("." if args.date_format else f": {result.date_order_reason}."))
        for warning in result.warnings:
            print(f"Warning: {warning}")
        return 0
    if args.date_format:
        raise PEDesktopError("--date-format applies to --students-csv only")
    from pe_desktop.services.interchange.document import import_json

    ctx = context(args)
    try:
        counts = import_json(ctx, args.json, replace=args.replace)
    finally:
        ctx.close()
    print(f"Imported {sum(counts.values())} records from {args.json}")
    for warning in getattr(counts, "warnings", []):
        print(f"Warning: {warning}")
    return 0
