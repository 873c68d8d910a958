"""``pe-desktop qa requests|sample|approve|anonymise|shared``: the PE's side of a round."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(qa_sub: argparse._SubParsersAction) -> None:
    r = qa_sub.add_parser("requests", help="pull sample requests from the targets (or import "
                                           "a file), verify the panel's signature, list them")
    r.add_argument("--import", dest="import_file", type=Path, metavar="FILE")
    r.add_argument("--target", action="append", metavar="NAME",
                   help="pull from this target only (may be repeated)")
    r.add_argument("--offline", action="store_true", help="only list what was imported")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=run_requests)

    s = qa_sub.add_parser("sample", help="every eligible report of a round and why it was or "
                                         "was not selected")
    s.add_argument("--round", required=True, metavar="ID")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=run_sample)

    a = qa_sub.add_parser("approve", help="approve every selected report as anonymised now and "
                                          "put the round's bundle in the outbox")
    a.add_argument("--round", required=True, metavar="ID")
    a.add_argument("--org", metavar="CODE", help="your organisation's code from the request")
    a.add_argument("--out", type=Path, metavar="FILE", help="also write the bundle here")
    a.set_defaults(func=run_approve)

    n = qa_sub.add_parser("anonymise", help="write a stored report's anonymised JSON, text "
                                            "and PDF")
    n.add_argument("--placement", type=int, required=True, metavar="ID")
    n.add_argument("--kind", choices=("midway", "final"), required=True)
    n.add_argument("--report-version", type=int, metavar="N")
    n.add_argument("--out", type=Path, required=True, metavar="DIR")
    n.set_defaults(func=run_anonymise)

    sh = qa_sub.add_parser("shared", help="what was shared: when, to which target, its hash")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=run_shared)


def _request_dict(r) -> dict:  # RequestRow
    q = r.request
    return {"round_id": r.round_id, "panel": r.panel_name, "panel_fingerprint":
            r.panel_fingerprint, "due": r.due.isoformat(),
            "period": [q.period_from.isoformat(), q.period_to.isoformat()],
            "rate_percent": float(q.rate_percent), "kinds": list(q.kinds),
            "always_include": list(q.always_include),
            "organisations": [{"code": o.code, "name": o.name} for o in q.organisations],
            "source": r.source}


def run_requests(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.qa.requests import RequestService, pull

    ctx = context(args)
    try:
        svc = RequestService(ctx)
        if args.import_file:
            res = svc.import_file(args.import_file)
            print(f"{'Imported' if res.new else 'Already imported'}: round {res.row.round_id} "
                  f"from {res.row.panel_name} (signature verified; panel key "
                  f"{res.row.panel_fingerprint[:23]}…)")
        elif not args.offline:
            from pe_desktop.services.qa.targets import TargetService

            if args.target or TargetService(ctx).list():
                from pe_desktop.cli.cmd_signing import open_store

                for p in pull(ctx, lambda: open_store(ctx.paths.keys), args.target):
                    if p.error:
                        print(f"{p.target}:{p.name or '-'}: {p.error}")
                    elif p.new:
                        print(f"Imported round {p.imported.round_id} from {p.target}")
        rows = svc.list()
    finally:
        ctx.close()
    if args.json:
        print_json([_request_dict(r) for r in rows])
        return 0
    for r in rows:
        q = r.request
        print(f"{r.round_id}\tdue {r.due:%d %b %Y}\t{r.panel_name}\treports signed "
              f"{q.period_from:%d %b %Y} to {q.period_to:%d %b %Y}\t{float(q.rate_percent):g}%")
    if not rows:
        print("No sample requests yet.")
    return 0


def run_sample(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.qa.review import ReviewService

    ctx = context(args)
    try:
        sel = ReviewService(ctx).selection(args.round)
    finally:
        ctx.close()
    if args.json:
        print_json({"round_id": args.round, "counts": sel.counts(), "reports": [
            {"report_uid": r.report_uid, "placement_id": r.placement_id, "kind": r.kind.value,
             "student": r.student, "signed_on": r.signed_on.isoformat(), "outcome": r.outcome,
             "selected": r.selected, "rules": list(r.rules), "draw": round(r.draw, 6),
             "reason": r.reason} for r in sel.rows]})
        return 0
    c = sel.counts()
    print(f"Round {args.round}: {c['eligible']} eligible, {c['selected']} selected")
    for r in sel.rows:
        mark = "SELECTED" if r.selected else "-"
        print(f"{mark:8}  {r.signed_on:%d %b %Y}  {r.title} ({r.outcome}; placement "
              f"{r.placement_id})  {r.reason}")
    return 0


def run_approve(args: argparse.Namespace) -> int:
    from pe_desktop.cli.cmd_signing import open_store
    from pe_desktop.cli.common import context
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.review import ReviewService

    ctx = context(args)
    try:
        store = open_store(ctx.paths.keys)
        approved = ReviewService(ctx).approve_all(args.round)
        res = BundleService(ctx).queue(args.round, store, org_code=args.org, copy_to=args.out)
    finally:
        ctx.close()
    total: dict[str, int] = {}
    for a, item in approved:
        counts = item.counts()
        for k, v in counts.items():
            total[k] = total.get(k, 0) + v
        print(f"Approved {a.return_code}: sha256 {a.sha256}  redactions: "
              + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    print("Redactions in the round: " + (", ".join(f"{k} {v}" for k, v in
                                                   sorted(total.items())) or "none"))
    print(f"Bundle for round {args.round}: {len(res.items)} reports, sha256 {res.sha256}, "
          f"signed by pseudonymous key {res.key_fingerprint[:23]}…")
    print(f"Queued in the outbox as {res.outbox_name}; send it with 'pe-desktop qa push'.")
    return 0


def run_anonymise(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context
    from pe_desktop.domain.reports import ReportKind
    from pe_desktop.services.qa.single import write_anonymised

    ctx = context(args)
    try:
        out = write_anonymised(ctx, args.placement, ReportKind(args.kind), args.out,
                               args.report_version)
    finally:
        ctx.close()
    print(f"Wrote {out.json}, {out.text.name} and {out.pdf.name}; redactions: "
          + (", ".join(f"{k} {v}" for k, v in out.item.counts().items()) or "none"))
    return 0


def run_shared(args: argparse.Namespace) -> int:
    from pe_desktop.cli.common import context, print_json
    from pe_desktop.services.qa.transfer import shares

    ctx = context(args)
    try:
        rows = shares(ctx)
    finally:
        ctx.close()
    if args.json:
        print_json([r.__dict__ for r in rows])
        return 0
    for r in rows:
        print(f"{r.shared_at:%d %b %Y %H:%M}\t{r.what}\tround {r.round_id}\t→ {r.target}\t"
              f"{r.name}\tsha256 {r.sha256}")
    if not rows:
        print("Nothing shared yet.")
    return 0
