"""``pe-desktop calendar``: due meetings, report deadlines, supervision sessions and
action due dates as an iCalendar file."""

from __future__ import annotations

import argparse
from pathlib import Path

from pe_desktop.cli.common import context


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("calendar", help="write an iCalendar (.ics) file of what is due")
    c.add_argument("--placement", type=int, metavar="ID",
                   help="one placement (default: every running placement)")
    c.add_argument("--out", required=True, metavar="FILE.ics", type=Path)
    c.set_defaults(func=run_calendar)


def run_calendar(args: argparse.Namespace) -> int:
    from pe_desktop.services.calendar import write_calendar

    ctx = context(args)
    try:
        n = write_calendar(ctx, args.out, args.placement)
    finally:
        ctx.close()
    print(f"Wrote {n} events to {args.out}")
    return 0
