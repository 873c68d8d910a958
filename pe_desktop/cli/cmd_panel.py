"""``pe-desktop panel ...``: a QA panel's identity and its sample requests."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text}") from exc


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("panel", help="act as a peer QA panel: identity, sample requests, bundles, reviews, feedback, the learnings summary")
    psub = p.add_subparsers(dest="panel_command", metavar="ACTION", required=True)
    init = psub.add_parser("init", help="create this data directory's panel profile and keys")
    init.add_argument("--name", required=True)
    init.add_argument("--chair", metavar="NAME",
                      help="your name: the reviews and moderations you record carry it")
    init.set_defaults(func=run_init)

    ident = psub.add_parser("identity", help="the panel's age identity and signing key")
    isub = ident.add_subparsers(dest="identity_command", metavar="ACTION", required=True)
    show = isub.add_parser("show", help="print the age recipient and key fingerprints")
    show.set_defaults(func=run_show)
    exp = isub.add_parser("export", help="write the age identity file (the panel's key backup)")
    exp.add_argument("--out", type=Path, required=True, metavar="FILE")
    exp.set_defaults(func=run_export)

    rnd = psub.add_parser("round", help="create, list and publish sample requests")
    rsub = rnd.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    c = rsub.add_parser("create", help="write a signed sample request")
    c.add_argument("--round", required=True, metavar="ID")
    c.add_argument("--from", dest="period_from", type=_date, required=True, metavar="DATE")
    c.add_argument("--to", dest="period_to", type=_date, required=True, metavar="DATE")
    c.add_argument("--rate", default="10", help="percentage sampled at random (default 10)")
    c.add_argument("--kinds", default="midway,final", help="midway,final (default both)")
    c.add_argument("--due", type=_date, required=True, metavar="DATE")
    c.add_argument("--org", action="append", default=[], metavar="CODE=NAME",
                   help="an organisation PEs choose from (repeat for the partnership's list)")
    c.add_argument("--out", type=Path, required=True, metavar="FILE")
    c.set_defaults(func=run_round_create)
    ls = rsub.add_parser("list", help="list this panel's rounds")
    ls.set_defaults(func=run_round_list)
    pub = rsub.add_parser("publish", help="put a round's request on a target")
    pub.add_argument("--round", required=True, metavar="ID")
    pub.add_argument("--target", required=True, metavar="NAME")
    pub.set_defaults(func=run_round_publish)

    from pe_desktop.cli import panel_criteria, panel_review, panel_work

    panel_work.register(psub, rsub)
    panel_review.register(psub)
    panel_criteria.register(psub)


def _open(args: argparse.Namespace):  # -> (ctx, store)
    from pe_desktop.cli.cmd_signing import open_store
    from pe_desktop.cli.common import context

    ctx = context(args)
    try:
        return ctx, open_store(ctx.paths.keys)
    except BaseException:
        ctx.close()
        raise


def _print_info(info) -> None:  # PanelInfo
    print(f"Panel:               {info.name}")
    print(f"Panel id:            {info.uid}")
    print(f"Age recipient:       {info.age_recipient}")
    print(f"Signing key SHA-256: {info.signing_fingerprint}")


def run_init(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.profile import PanelService

    ctx, store = _open(args)
    try:
        info = PanelService(ctx).set_up(args.name, store, args.chair or "")
    finally:
        ctx.close()
    _print_info(info)
    print("Back up the age identity now: 'pe-desktop panel identity export --out FILE'.")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.profile import PanelService

    ctx = context(args)
    try:
        info = PanelService(ctx).require()
    finally:
        ctx.close()
    _print_info(info)
    return 0


def run_export(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.profile import PanelService

    ctx, store = _open(args)
    try:
        path = PanelService(ctx).export_identity(args.out, store)
    finally:
        ctx.close()
    print(f"Wrote the panel's age identity to {path} (keep it secret; 'age -d -i {path.name}' "
          "opens bundles).")
    return 0


def run_round_create(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org

    kinds = tuple(k.strip() for k in args.kinds.split(",") if k.strip())
    orgs = tuple(parse_org(o) for o in args.org)
    ctx, store = _open(args)
    try:
        row = RoundService(ctx).create(RoundInput(
            args.round, args.period_from, args.period_to, args.due, args.rate, kinds, orgs),
            store, out=args.out)
    finally:
        ctx.close()
    print(f"Wrote the signed sample request for round {row.round_id} (due {row.due:%d %b %Y}) "
          f"to {args.out}")
    return 0


def run_round_list(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.rounds import RoundService

    ctx = context(args)
    try:
        rows = RoundService(ctx).list()
    finally:
        ctx.close()
    for r in rows:
        pub = f"published to {r.published_target}" if r.published_at else "not published"
        print(f"{r.round_id}\tdue {r.due:%d %b %Y}\t{pub}")
    if not rows:
        print("No rounds yet.")
    return 0


def run_round_publish(args: argparse.Namespace) -> int:
    from pe_desktop.services.panel.rounds import publish

    ctx, store = _open(args)
    try:
        report = publish(ctx, args.round, args.target, store)
    finally:
        ctx.close()
    for d in report.failures:
        print(f"pe-desktop: publish failed: {d.error}", file=sys.stderr)
    if not report.ok:
        raise PEDesktopError("The request is queued; run 'pe-desktop qa push' to retry.")
    print(f"Published round {args.round} to {args.target} ({report.summary()}).")
    return 0
