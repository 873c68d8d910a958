"""``pe-desktop retention`` and ``pe-desktop subject-access``."""

from __future__ import annotations

import argparse
from pathlib import Path

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("retention", help="preview or apply the retention policy")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--apply", action="store_true", help="delete or anonymise what is due "
                                                        "(after a backup)")
    g.add_argument("--set-years", type=int, metavar="N",
                   help="keep data N years after the last placement ended (with --university: "
                        "for that university only)")
    r.add_argument("--university", metavar="NAME")
    r.add_argument("--mode", choices=["anonymise", "delete"],
                   help="what --apply does (default: the policy's mode, anonymise)")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_retention)

    s = sub.add_parser("subject-access", help="everything held about one student "
                                              "(JSON + PDF + attachments)")
    s.add_argument("--student", type=int, required=True, metavar="ID")
    s.add_argument("--out", type=Path, required=True, metavar="DIR")
    s.set_defaults(func=run_subject_access)


def run_retention(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from pe_desktop.services.retention import policy as pol
    from pe_desktop.services.retention import service

    ctx = context(args)
    try:
        if args.set_years is not None:
            current = pol.load_policy(ctx)
            if args.university:
                new = replace(current, by_university={**current.by_university,
                                                      args.university: args.set_years})
            else:
                new = replace(current, default_years=args.set_years)
            if args.mode:
                new = replace(new, mode=args.mode)
            pol.save_policy(ctx, new)
            print(f"Retention: {new.default_years} years by default"
                  + "".join(f"; {u}: {y}" for u, y in sorted(new.by_university.items()))
                  + f"; then {new.mode}")
            return 0
        if args.apply:
            result = service.apply(ctx, mode=args.mode)
            print(f"{result.mode.capitalize()}d {result.students} students "
                  f"({result.placements} placements)."
                  + (f" Backup first: {result.backup}" if result.backup else ""))
            return 0
        due = service.preview(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json([d.__dict__ for d in due])
        return 0
    if not due:
        print("Nothing is due under the retention policy.")
    for d in due:
        print(f"{d.student_id:>5}  {d.name:<28} {d.university:<28} last placement ended "
              f"{d.last_end:%d/%m/%Y}; {d.years} years → due {d.due_on:%d/%m/%Y}")
    return 0


def run_subject_access(args: argparse.Namespace) -> int:
    from pe_desktop.services.retention.subject_access import subject_access

    ctx = context(args)
    try:
        result = subject_access(ctx, args.student, args.out)
    finally:
        ctx.close()
    print(f"Wrote {result.records} records and {result.files} files to {result.folder}")
    return 0
