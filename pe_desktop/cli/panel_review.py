"""``pe-desktop panel review|moderate|leak|feedback|summary``."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError


def register(psub: argparse._SubParsersAction) -> None:
    r = psub.add_parser("review", help="the review form (--template), enter one (--from-json), "
                                       "export or import members' reviews")
    r.add_argument("--round", required=True, metavar="ID")
    r.add_argument("--code", metavar="CODE")
    r.add_argument("--template", action="store_true", help="print the blank form as JSON")
    r.add_argument("--from-json", type=Path, metavar="FILE")
    r.add_argument("--reviewer", metavar="NAME")
    r.add_argument("--export", action="store_true",
                   help="sign this member's reviews and send them (--target) or write (--out)")
    r.add_argument("--import", dest="import_", action="store_true",
                   help="chair: import members' signed reviews from the targets (or --file)")
    r.add_argument("--target", metavar="NAME")
    r.add_argument("--out", type=Path, metavar="FILE")
    r.add_argument("--file", action="append", type=Path, metavar="FILE")
    r.set_defaults(func=run_review)

    m = psub.add_parser("moderate", help="record the chair's agreed view with reasons")
    m.add_argument("--round", required=True, metavar="ID")
    m.add_argument("--code", required=True, metavar="CODE")
    m.add_argument("--template", action="store_true")
    m.add_argument("--from-json", type=Path, metavar="FILE")
    m.add_argument("--moderator", metavar="NAME")
    m.set_defaults(func=run_moderate)

    lk = psub.add_parser("leak", help="report identifying detail: quarantine the item and tell "
                                      "the PE where (not what)")
    lk.add_argument("--round", required=True, metavar="ID")
    lk.add_argument("--code", required=True, metavar="CODE")
    lk.add_argument("--where", required=True, help='e.g. "domain 4, second paragraph"')
    lk.set_defaults(func=run_leak)

    f = psub.add_parser("feedback", help="feedback to PEs and organisations")
    fsub = f.add_subparsers(dest="feedback_command", metavar="ACTION", required=True)
    fs = fsub.add_parser("send", help="sign, encrypt to each PE and publish per-report feedback")
    fs.add_argument("--round", required=True, metavar="ID")
    fs.add_argument("--target", action="append", metavar="NAME")
    fs.set_defaults(func=run_feedback_send)
    fo = fsub.add_parser("orgs", help="aggregate feedback per organisation code as PDFs")
    fo.add_argument("--round", required=True, metavar="ID")
    fo.add_argument("--out", type=Path, required=True, metavar="DIR")
    fo.set_defaults(func=run_feedback_orgs)

    s = psub.add_parser("summary", help="the round's learnings summary as a PDF")
    s.add_argument("--round", required=True, metavar="ID")
    s.add_argument("--out", type=Path, required=True, metavar="FILE")
    s.add_argument("--present", action="append", metavar="NAME",
                   help="a panel member present (default: the reviewers and moderator)")
    s.add_argument("--action", action="append", metavar="TEXT",
                   help="an action for PEPS training / PE workshops (default: from themes)")
    s.add_argument("--sign", action="store_true", help="sign with the panel's key")
    s.set_defaults(func=run_summary)


def _load_json(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise PEDesktopError(f"{path} is not JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise PEDesktopError(f"{path} does not hold a JSON object")
    return data


def run_review(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_panel import _open
    from pe_desktop.cli.common import print_json
    from pe_desktop.services.panel.members import MemberService
    from pe_desktop.services.panel.review import PanelReviewService

    ctx, store = _open(args)
    try:
        if args.export:
            name, count = MemberService(ctx).write_export(args.round, store, args.out,
                                                          args.target)
            print(f"Exported {count} signed reviews as {name}")
            return 0
        if args.import_:
            res = MemberService(ctx).pull_reviews(args.round, store, args.file)
            bad = 0
            for r in res:
                if r.error:
                    bad += 1
                    print(f"REJECTED {r.source}: {r.error}")
                else:
                    print(f"imported {r.count} reviews by {r.member} from {r.source}")
            return 3 if bad else 0
        if not args.code:
            raise PEDesktopError("Give --code CODE (the item's return code)")
        svc = PanelReviewService(ctx)
        if args.template:
            print_json(svc.template(args.round, args.code))
            return 0
        if not args.from_json:
            raise PEDesktopError("Give --template or --from-json FILE")
        row = svc.enter(args.round, args.code, _load_json(args.from_json), args.reviewer)
    finally:
        ctx.close()
    print(f"Recorded {row.reviewer}'s review of {args.code} ({len(row.ratings)} criteria, "
          f"{len(row.good_practice)} good-practice excerpts)")
    return 0


def run_moderate(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.panel.moderation import ModerationService

    ctx = context(args)
    try:
        svc = ModerationService(ctx)
        if args.template or not args.from_json:
            print_json(svc.template(args.round, args.code))
            return 0
        view = svc.moderate(args.round, args.code, _load_json(args.from_json), args.moderator)
    finally:
        ctx.close()
    print(f"Recorded the panel's agreed view of {args.code} (moderated by {view.moderator}; "
          f"disputed: {', '.join(view.disputed) or 'none'})")
    return 0


def run_leak(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.review import PanelReviewService

    ctx = context(args)
    try:
        PanelReviewService(ctx).report_leak(args.round, args.code, args.where)
    finally:
        ctx.close()
    print(f"{args.code} is quarantined; its text was removed from this panel's records. The PE "
          "is told where with the feedback ('panel feedback send').")
    return 0


def run_feedback_send(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_panel import _open
    from pe_desktop.services.panel.feedback import FeedbackService

    ctx, store = _open(args)
    try:
        outcomes, report = FeedbackService(ctx).send(args.round, store, args.target)
    finally:
        ctx.close()
    for o in outcomes:
        print(f"{o.return_code}\t{o.status}" + (f"\t{o.detail}" if o.detail else ""))
    if report is not None and not report.ok:
        raise PEDesktopError("Feedback is queued; run 'pe-desktop qa push' to retry.")
    print(f"Feedback for round {args.round}: "
          f"{sum(o.status == 'queued' for o in outcomes)} sent, "
          f"{sum(o.status == 'not-ready' for o in outcomes)} not ready")
    return 0


def run_feedback_orgs(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.summary import write_org_feedback

    ctx = context(args)
    try:
        paths = write_org_feedback(ctx, args.round, args.out)
    finally:
        ctx.close()
    for p in paths:
        print(f"Wrote {p}")
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_panel import _open
    from pe_desktop.cli.common import context
    from pe_desktop.services.panel.summary import write_summary

    # The secret store (and its passphrase) only when the panel's key signs it.
    ctx, store = _open(args) if args.sign else (context(args), None)
    try:
        path = write_summary(ctx, args.round, args.out, present=args.present,
                             actions=args.action, store=store if args.sign else None)
    finally:
        ctx.close()
    print(f"Wrote the learnings summary for round {args.round} to {path}"
          + (" (signed by the panel)" if args.sign else ""))
    return 0
