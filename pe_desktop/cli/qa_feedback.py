"""``pe-desktop qa feedback``: the panel's feedback on the PE's own reports."""

from __future__ import annotations

import argparse


def register(qa_sub: argparse._SubParsersAction) -> None:
    f = qa_sub.add_parser("feedback", help="pull and verify the panel's feedback and show it "
                                           "on your original reports")
    f.add_argument("--offline", action="store_true", help="only show what was received")
    f.add_argument("--target", action="append", metavar="NAME")
    f.add_argument("--read", metavar="CODE", help="record that you read this feedback")
    f.add_argument("--log-cpd", metavar="CODE", help="log reading it as CPD (one hour)")
    f.add_argument("--hours", type=float, default=1.0)
    f.add_argument("--json", action="store_true")
    f.set_defaults(func=run_feedback)


def run_feedback(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_signing import open_store
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.qa.feedback import FeedbackInbox
    from pe_desktop.services.qa.targets import TargetService

    ctx = context(args)
    pulled = []
    try:
        inbox = FeedbackInbox(ctx)
        if args.read:
            inbox.mark_read(args.read)
        if args.log_cpd:
            cpd = inbox.log_cpd(args.log_cpd, args.hours)
            print(f"Logged as CPD (entry {cpd}); it counts towards your currency.")
        if not (args.offline or args.read or args.log_cpd) and TargetService(ctx).list():
            pulled = inbox.pull(open_store(ctx.paths.keys), args.target)
        rows = inbox.list()
    finally:
        ctx.close()
    if args.json:
        print_json({"pulled": [p.__dict__ for p in pulled], "feedback": [{
            "round_id": r.round_id, "return_code": r.return_code, "report_uid": r.report_uid,
            "placement_id": r.placement_id, "report": r.report_title, "panel": r.panel_name,
            "read": r.read_at is not None, "cpd_logged": r.cpd_entry_id is not None,
            **r.feedback} for r in rows]})
        return 0
    for p in pulled:
        if p.status == "rejected":
            print(f"REJECTED {p.source}: {p.detail}")
    for r in rows:
        fb = r.feedback
        state = "read" if r.read_at else "NEW"
        print(f"{r.report_title} (placement {r.placement_id}) — round {r.round_id}, "
              f"{r.return_code}, {state}")
        if fb.get("leak", {}).get("reported"):
            print(f"  The panel found identifying detail ({fb['leak']['where']}); the sample "
                  "was withdrawn from review.")
        for c in fb.get("criteria", []):
            print(f"  {c['title']}: {c['rating_label']}"
                  + (f" — {' / '.join(c['comments'])}" if c.get("comments") else ""))
        if fb.get("moderation_reasons"):
            print(f"  Moderated: {fb['moderation_reasons']}")
        for e in fb.get("good_practice", []):
            print(f"  Good practice: “{e}”")
    if not rows:
        print("No feedback yet.")
    return 0
