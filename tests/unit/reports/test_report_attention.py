"""Dashboard items for reports that are due or overdue."""

from __future__ import annotations

from datetime import timedelta

from evidence_helpers import make_placement

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.reports import ReportKind
from pe_desktop.services.dashboard import DashboardService, Severity
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.attention import report_items
from pe_desktop.services.reports.service import ReportService


def _items(ctx, today):
    with ctx.read_session() as s:
        return [i for i in report_items(s, today) if i.category == "report"]


def test_midway_report_due_until_signed_then_epr_near_the_end(ctx):
    from pe_desktop.services.profile import ProfileData, ProfileService

    ProfileService(ctx).save(ProfileData("Zoë Brontë", "SW12"))
    pid = make_placement(ctx)
    detail = PlacementService(ctx).detail(pid)
    midway = next(m.due_date for m in detail.meetings if m.kind == MeetingKind.MIDWAY_REVIEW)
    end = detail.placement.planned_end_date

    assert _items(ctx, midway - timedelta(days=8)) == []
    (due,) = _items(ctx, midway - timedelta(days=2))
    assert due.severity == Severity.DUE and due.placement_id == pid
    assert due.title.startswith("Midway report") and "not started" in due.detail
    (late,) = _items(ctx, midway + timedelta(days=8))
    assert late.severity == Severity.OVERDUE

    svc = ReportService(ctx)
    view = svc.open(pid, ReportKind.MIDWAY)
    (draft,) = _items(ctx, midway)
    assert "draft not signed off" in draft.detail
    signed = svc.sign(view.version.id, override=True, override_reason="test")
    assert _items(ctx, midway) == []
    svc.reopen(signed.id, "changes requested")
    assert len(_items(ctx, midway)) == 1  # a reopened report needs signing again

    near_end = _items(ctx, end - timedelta(days=3))
    assert [i.title.split(" — ")[0] for i in near_end] == ["Midway report",
                                                           "End of placement report"]


def test_items_reach_the_dashboard(ctx):
    pid = make_placement(ctx)
    midway = next(m.due_date for m in PlacementService(ctx).detail(pid).meetings
                  if m.kind == MeetingKind.MIDWAY_REVIEW)
    ctx.clock.set(midway)
    titles = [i.title for i in DashboardService(ctx).load().items]
    assert any(t.startswith("Midway report") for t in titles)
