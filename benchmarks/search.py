"""Full-text search latency on the large dataset.

    python -m benchmarks.generate --data-dir /tmp/pe-bench
    python -m benchmarks.search --data-dir /tmp/pe-bench [--repeat 50]

Each query runs through ``SearchService.search`` (FTS5 MATCH, bm25 ranking,
highlight and snippet, best 50). Baselines measured in the same run: a plain
indexed lookup (evidence items of one placement, LIMIT 50) and, for contrast,
the LIKE '%word%' scan (for the rare word) that search would be without FTS.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.gen_evidence import RARE_WORD
from benchmarks.timing import measure, report

QUERIES = ["assessment", RARE_WORD, "power relationship", "safeg", "capacity best interests",
           "Gibbs cycle visit"]
TARGET_MS = 100.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--repeat", type=int, default=50)
    args = ap.parse_args(argv)

    from sqlalchemy import func, select, text

    from pe_desktop.services.context import open_context
    from pe_desktop.services.search import SearchService
    from pe_desktop.storage.fts import FTS_TABLE
    from pe_desktop.storage.models import EvidenceItem, Placement

    ctx = open_context(args.data_dir)
    try:
        with ctx.read_session() as s:
            n_index = s.execute(text(f"SELECT count(*) FROM {FTS_TABLE}")).scalar_one()
            n_items = s.scalar(select(func.count()).select_from(EvidenceItem))
            pid = s.scalar(select(Placement.id).order_by(Placement.id.desc()).limit(1))
        print(f"dataset: {n_index} indexed records ({n_items} evidence items)")
        svc = SearchService(ctx)

        def indexed_lookup() -> None:
            with ctx.read_session() as s:
                list(s.execute(select(EvidenceItem.id, EvidenceItem.title)
                               .where(EvidenceItem.placement_id == pid).limit(50)))

        def like_scan() -> None:
            with ctx.read_session() as s:
                list(s.execute(select(EvidenceItem.id).where(
                    EvidenceItem.description.like(f"%{RARE_WORD}%")).limit(50)))

        base, base95 = measure(indexed_lookup, args.repeat)
        print("baselines:")
        report("indexed lookup (one placement's items, 50)", base, base95)
        report(f"LIKE '%{RARE_WORD}%' scan (no FTS), 50", *measure(like_scan, args.repeat), base)
        print("search (SearchService.search, best 50, highlighted):")
        worst = 0.0
        for q in QUERIES:
            hits = svc.search(q)
            med, p95 = measure(lambda q=q: svc.search(q), args.repeat)
            worst = max(worst, p95)
            report(f"'{q}' ({len(hits)} hits)", med, p95, base)
        med, p95 = measure(lambda: svc.search("assessment", placement_id=pid), args.repeat)
        worst = max(worst, p95)
        report("'assessment' in one placement", med, p95, base)
        print(f"worst p95 {worst:.1f} ms — target < {TARGET_MS:.0f} ms: "
              f"{'met' if worst < TARGET_MS else 'NOT met'}")
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
