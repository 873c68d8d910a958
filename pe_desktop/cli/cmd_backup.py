"""``pe-desktop backup``, ``restore`` and ``check``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    b = sub.add_parser("backup", help="back up the database now (encrypted)")
    b.add_argument("--to", type=Path, metavar="DIR",
                   help="write the backup into DIR instead of the backups folder")
    b.add_argument("--list", action="store_true", help="list the backups (as restore --list)")
    b.add_argument("--json", action="store_true", help="with --list: machine-readable")
    b.set_defaults(func=run_backup)

    r = sub.add_parser("restore", help="replace the data with a backup (after backing it up)")
    r.add_argument("file", type=Path, nargs="?", metavar="FILE")
    r.add_argument("--list", action="store_true", help="list backups with dates and counts")
    r.add_argument("--json", action="store_true", help="machine-readable list")
    r.set_defaults(func=run_restore)

    c = sub.add_parser("check", help="check the database, search index, attachments and "
                                     "audit trail")
    c.set_defaults(func=run_check)


def _progress(done: int, total: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{message}… {100 * done // max(total, 1)}%", end="", file=sys.stderr,
              flush=True)


def run_backup(args: argparse.Namespace) -> int:
    if args.list:
        args.file = None
        return run_restore(args)
    from pe_desktop.services.backup.service import BackupService

    ctx = context(args, daily_backup=False)
    try:
        made = BackupService(ctx).backup_now(args.to, progress=_progress)
    finally:
        ctx.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Backed up to {made.path}")
    if made.second_copy:
        print(f"Copied to {made.second_copy}")
    if made.second_problem:
        print(f"pe-desktop: warning: {made.second_problem}", file=sys.stderr)
    return 0


def _when(info) -> str:
    return f"{info.taken_at:%d/%m/%Y %H:%M} UTC" if info.taken_at else "unknown date"


def run_restore(args: argparse.Namespace) -> int:
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.backup.service import BackupService

    if args.file is None and not args.list:
        raise PEDesktopError("give a backup FILE to restore, or --list")
    ctx = context(args, daily_backup=False)
    try:
        svc = BackupService(ctx)
        if args.list:
            rows = svc.list()
            if args.json:
                print_json([{"file": str(b.path), "taken_at": b.taken_at, "label": b.label,
                             "size": b.size, "counts": b.counts, "problem": b.problem}
                            for b in rows])
                return 0
            for b in rows:
                counts = ", ".join(f"{n} {k}" for k, n in b.counts.items())
                print(f"{_when(b):<22} {b.label:<28} {counts or b.problem}  {b.path}")
            if not rows:
                print("No backups yet.")
            return 0
        info = svc.restore(args.file, progress=_progress)
    finally:
        ctx.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    counts = ", ".join(f"{n} {k}" for k, n in info.counts.items())
    print(f"Restored {args.file.name} ({_when(info)}: {counts}). The data it replaced was "
          "backed up first.")
    return 0


def run_check(args: argparse.Namespace) -> int:
    from pe_desktop.services.backup.check import run_check as check

    ctx = context(args, daily_backup=False)
    try:
        result = check(ctx)
    finally:
        ctx.close()
    for name, n in result.checked.items():
        print(f"{name:<14} {n} checked")
    if not result.ok:
        print(f"pe-desktop: check failed: {result.problems[0]}", file=sys.stderr)
        return 1
    print("Everything checked is intact.")
    return 0
