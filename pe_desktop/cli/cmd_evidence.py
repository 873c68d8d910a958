"""``pe-desktop coverage`` and ``pe-desktop search``: the evidence matrix and
full-text search from the command line."""

from __future__ import annotations

import argparse
import sys

from pe_desktop.cli.common import context, print_json


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("coverage", help="print a placement's evidence coverage matrix and gaps")
    c.add_argument("--placement", type=int, required=True, metavar="ID",
                   help="placement id (see `pe-desktop placements`)")
    c.add_argument("--framework", metavar="REF",
                   help="see the evidence against another framework, e.g. swe-ps@2020 "
                        "(default: the placement's own)")
    c.add_argument("--json", action="store_true", help="machine-readable output")
    c.set_defaults(func=run_coverage)
    s = sub.add_parser("search", help="search supervision notes, observations, feedback and evidence")
    s.add_argument("query", nargs="+", help="words to find (the last one may be a prefix)")
    s.add_argument("--placement", type=int, metavar="ID", help="only this placement")
    s.add_argument("--limit", type=int, default=50, help="at most this many results (default 50)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=run_search)


def run_coverage(args: argparse.Namespace) -> int:
    from pe_desktop.domain.evidence_vocab import EVIDENCE_SHORT, EvidenceKind, label
    from pe_desktop.services.evidence.coverage import CoverageService

    ctx = context(args)
    try:
        m = CoverageService(ctx).matrix(args.placement, args.framework)
    finally:
        ctx.close()
    if args.json:
        print_json(m.to_json())
        return 0
    kinds = list(EvidenceKind)
    width = max(len(f"{d.number}. {d.title}") for d in m.domains)
    print(f"Coverage for {m.student_name} (placement {m.placement_id}) — {m.framework_name}")
    head = f"{'Domain':<{width}} " + " ".join(f"{EVIDENCE_SHORT[k][:8]:>8}" for k in kinds)
    print(head + f" {'Total':>5}  Latest judgement")
    print("-" * (len(head) + 25))
    for d in m.domains:
        cells = " ".join(f"{(d.counts.get(k) or '·')!s:>8}" for k in kinds)
        j = d.latest_judgement
        judged = f"{label(j.judgement)} ({j.on:%d/%m/%Y})" if j else "—"
        flag = " !" if d.gaps else "  "
        print(f"{f'{d.number}. {d.title}':<{width}} {cells} {d.total:>5}{flag}{judged}")
    obs = m.observations
    print()
    print(f"Direct observations: {obs.completed} of {obs.required} completed "
          f"({obs.completed_by_pe} by the PE, {obs.planned} planned)")
    print(f"Supervision: {m.supervision.summary()}")
    gaps = m.gap_messages()
    if gaps:
        print("Gaps:")
        for g in gaps:
            print(f"  ! {g}")
    else:
        print("No gaps: every domain has evidence from more than one kind of source.")
    if m.progress is not None:
        print()
        print(f"Progress: {m.progress.headline()}")
        for d in m.progress.domains:
            print(f"  {d.summary()}")
    return 0


def run_search(args: argparse.Namespace) -> int:
    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.search import MARK_END, MARK_START, SearchService

    query = " ".join(args.query)
    if not 1 <= args.limit <= 1000:
        raise PEDesktopError("--limit must be between 1 and 1000")
    ctx = context(args)
    try:
        hits = SearchService(ctx).search(query, args.placement, args.limit)
    finally:
        ctx.close()
    if args.json:
        print_json([
            {"kind": h.kind, "id": h.record_id, "placement_id": h.placement_id,
             "placement": h.placement_label, "title": h.plain("title"),
             "snippet": h.plain("snippet")}
            for h in hits
        ])
        return 0
    if not hits:
        print(f"Nothing found for '{query}'.")
        return 0
    bold = sys.stdout.isatty()

    def mark(text: str) -> str:
        start, end = ("\033[1m", "\033[0m") if bold else ("[", "]")
        return " ".join(text.replace(MARK_START, start).replace(MARK_END, end).split())

    for h in hits:
        print(f"{h.kind_label} #{h.record_id} · {h.placement_label} (placement {h.placement_id})")
        print(f"  {mark(h.title)}")
        print(f"  {mark(h.snippet)}")
    print(f"{len(hits)} result{'s' if len(hits) != 1 else ''}")
    return 0
