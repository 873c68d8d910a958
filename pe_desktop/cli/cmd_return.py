"""``pe-desktop return``: the partnership return for a year (CSV, JSON or PDF)."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("return", help="your partnership return for a year (no student names)")
    p.add_argument("--year", type=int, required=True, metavar="YYYY",
                   help="the return year starting in YYYY (the layout file says when)")
    p.add_argument("--out", type=Path, metavar="FILE.csv|FILE.json|FILE.pdf",
                   help="write the return (omit it to print the return instead)")
    p.add_argument("--layout", type=Path, metavar="FILE.json",
                   help="the partnership's column layout (default: "
                        "resources/partnership/return-layout.json)")
    p.add_argument("--sign", action="store_true", help="with a .pdf: add your signature")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.partnership.service import PartnershipReturnService

    ctx = context(args)
    try:
        if args.out is None:
            ret = PartnershipReturnService(ctx).build(args.year, args.layout)
        else:
            from pe_desktop.services.partnership.files import export_return

            store = None
            if args.sign:
                from pe_desktop.cli.cmd_signing import open_store

                store = open_store(ctx.paths.keys)
            ret = export_return(ctx, args.year, args.out, layout_file=args.layout,
                                sign=args.sign, store=store)
            print(f"Wrote {args.out} ({len(ret.placements)} placements, {ret.period_text})")
            return 0
    finally:
        ctx.close()
    print(f"{ret.layout.name}: {ret.period_text}")
    for k, v in ret.pe_rows():
        print(f"  {k}: {v or '—'}")
    head, rows = ret.placement_table()
    print(f"Placements ({len(rows)}):")
    for r in rows:
        print("  " + " | ".join(f"{h}: {v}" for h, v in zip(head, r, strict=True) if v))
    return 0
