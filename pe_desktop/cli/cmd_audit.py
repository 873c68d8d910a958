"""``pe-desktop audit [--json]`` and ``pe-desktop audit verify [--pdf FILE] [--bundle FILE]``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("audit", help="list the audit trail, or verify its hash chain")
    a.add_argument("action", nargs="?", choices=["list", "verify"], default="list")
    a.add_argument("--json", action="store_true", help="machine-readable output")
    a.add_argument("--limit", type=int, metavar="N", help="only the newest N events")
    a.add_argument("--pdf", type=Path, metavar="FILE",
                   help="(verify) also check the chain head recorded in a signed PDF")
    a.add_argument("--bundle", type=Path, metavar="FILE",
                   help="(verify) also check the chain head recorded in one of your QA "
                        "bundles (the .age file that was shared, or its decrypted zip)")
    a.set_defaults(func=run)


def _anchor(read) -> str | None:  # noqa: ANN001 - a call returning the head
    """The head ``read()`` finds, or None after printing why not (one line)."""
    from pe_desktop.domain.errors import PEDesktopError

    try:
        return read()
    except PEDesktopError as exc:
        print(f"pe-desktop: audit verify failed: {exc}", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from pe_desktop.services import audit

    ctx = context(args, daily_backup=False)
    try:
        if args.action == "verify":
            heads: list[str | None] = []
            from pe_desktop.services.audit.anchors import bundle_anchor, pdf_anchor

            if args.pdf is not None:
                head = _anchor(lambda: pdf_anchor(args.pdf))
                if head is None:
                    return 1
                heads.append(head)
            if args.bundle is not None:
                from pe_desktop.cli.cmd_signing import open_store

                head = _anchor(lambda: bundle_anchor(
                    ctx, ctx.store or open_store(ctx.paths.keys), args.bundle))
                if head is None:
                    return 1
                heads.append(head)
            n, problem = 0, None
            for head in heads or [None]:
                n, problem = audit.verify(ctx, head)
                if problem is not None:
                    break
            if problem is not None:
                print(f"pe-desktop: audit verify failed: {problem.message}", file=sys.stderr)
                return 1
            info = audit.head_info(ctx)
            print(f"Audit trail intact: {n} events; chain head {info.hash}")
            return 0
        rows = audit.list_events(ctx, args.limit)
    finally:
        ctx.close()
    if args.json:
        print_json([r.as_json() for r in rows])
        return 0
    for r in rows:
        print(f"{r.seq:>6}  {r.at:%Y-%m-%d %H:%M:%S}  {r.action:<9} {r.record_type:<26} "
              f"{r.record_uid}")
    if not rows:
        print("No audit events yet.")
    return 0
