"""``pe-desktop placements``: list placements with their ids."""

from __future__ import annotations

import argparse

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("placements", help="list placements with their ids")
    p.add_argument("--all", action="store_true", help="include archived placements")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pe_desktop.domain.enums import label
    from pe_desktop.services.placements.service import PlacementService

    ctx = context(args)
    try:
        rows = PlacementService(ctx).list(include_archived=args.all)
    finally:
        ctx.close()
    if args.json:
        print_json([
            {"id": r.id, "student": r.student_name, "university": r.university,
             "kind": r.kind.value, "organisation": r.organisation, "status": r.status.value,
             "start_date": r.start_date.isoformat(),
             "planned_end_date": r.planned_end_date.isoformat(),
             "days_completed": r.days_completed, "required_days": r.required_days,
             "statutory": r.statutory, "service_area": r.service_area.value,
             "pe_arrangement": r.pe_arrangement.value}
            for r in rows
        ])
        return 0
    if not rows:
        print("No placements yet.")
        return 0
    for r in rows:
        print(
            f"{r.id:>5}  {r.student_name:<28} {label(r.kind):<16} {label(r.status):<10} "
            f"{r.start_date:%d/%m/%Y}–{r.planned_end_date:%d/%m/%Y}  "
            f"{r.days_completed}/{r.required_days} days  {r.organisation}"
        )
    return 0
