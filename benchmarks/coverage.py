"""Opening a placement's coverage matrix (and the whole Evidence page) on the
large dataset.

    python -m benchmarks.generate --data-dir /tmp/pe-bench
    python -m benchmarks.coverage --data-dir /tmp/pe-bench [--repeat 30]

Measured on the placement with the most evidence. Baseline in the same run:
reading that placement's row (``PlacementService.get``, indexed lookups).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.timing import measure, report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args(argv)

    from sqlalchemy import func, select

    from pe_desktop.services.context import open_context
    from pe_desktop.services.dashboard import DashboardService
    from pe_desktop.services.evidence.coverage import CoverageService
    from pe_desktop.services.evidence.items import EvidenceService
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.supervision import SupervisionService
    from pe_desktop.storage.models import EvidenceItem, SupervisionSession

    ctx = open_context(args.data_dir)
    try:
        with ctx.read_session() as s:
            pid, n = s.execute(select(EvidenceItem.placement_id, func.count())
                               .group_by(EvidenceItem.placement_id)
                               .order_by(func.count().desc()).limit(1)).one()
            total = s.scalar(select(func.count()).select_from(EvidenceItem))
            sessions = s.scalar(select(func.count()).select_from(SupervisionSession))
        m = CoverageService(ctx).matrix(pid)
        print(f"dataset: {total} evidence items, {sessions} supervision sessions; placement {pid} "
              f"has {n} items, {len(m.refs)} evidence references")
        base, base95 = measure(lambda: PlacementService(ctx).get(pid), args.repeat)
        print("baseline:")
        report("PlacementService.get (indexed lookups)", base, base95)
        print("coverage:")
        report("CoverageService.matrix", *measure(lambda: CoverageService(ctx).matrix(pid),
                                                   args.repeat), base)

        def evidence_page_load() -> None:
            obs = ObservationService(ctx)
            CoverageService(ctx).matrix(pid)
            obs.list(pid)
            obs.list_feedback(pid)
            EvidenceService(ctx).list(pid)

        report("Evidence page load (matrix + 3 lists)", *measure(evidence_page_load, args.repeat), base)
        report("Supervision page load (overview)",
               *measure(lambda: SupervisionService(ctx).overview(pid), args.repeat), base)
        report("Dashboard (all providers, 150 placements)",
               *measure(lambda: DashboardService(ctx).load(), max(5, args.repeat // 3)), base)
    finally:
        ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
