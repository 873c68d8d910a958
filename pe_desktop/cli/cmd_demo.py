"""``pe-desktop demo``: a realistic synthetic dataset."""

from __future__ import annotations

import argparse

from pe_desktop.cli.common import context


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="fill the database with realistic synthetic demo data")
    p.add_argument("--force", action="store_true", help="replace existing data")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pe_desktop.services.demo import create_demo_data

    ctx = context(args)
    try:
        summary = create_demo_data(ctx, force=args.force)
    finally:
        ctx.close()
    print(
        f"Demo data created: {summary['students']} students, "
        f"{summary['placements']} placements at {summary['universities']} universities."
    )
    return 0
