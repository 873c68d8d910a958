"""The demo's signed reports are dated when they would have been signed (issue 16,
defect 18), by the app's clock."""

from __future__ import annotations

from pe_desktop.domain.reports import ReportKind, VersionStatus
from pe_desktop.services.demo import create_demo_data
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.demo import signing_day
from pe_desktop.services.reports.service import ReportService


def test_demo_signatures_are_dated_at_midway_and_end(ctx):
    create_demo_data(ctx, currency=False)
    svc = ReportService(ctx)
    signed = 0
    for row in PlacementService(ctx).list():
        for kind in ReportKind:
            try:
                view = svc.get(row.id, kind)
            except Exception:  # noqa: BLE001 - no report of this kind
                continue
            v = view.version
            if v.status != VersionStatus.SIGNED:
                continue
            signed += 1
            day = ctx.local_date(v.signed_at)
            assert day == signing_day(ctx, row, kind) < ctx.today()
            assert v.student_confirmation.on >= day
    assert signed >= 2
