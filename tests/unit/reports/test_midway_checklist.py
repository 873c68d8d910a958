"""A midway report cannot be signed on day 9 of 70 as if complete (issue 16, defect 12)."""

from __future__ import annotations

import pytest

from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.reports import ReportKind
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.demo import _content
from pe_desktop.services.reports.service import ReportService


def _early(demo_ctx):
    rows = PlacementService(demo_ctx).list()
    return min((r for r in rows if r.status == "active"), key=lambda r: r.days_completed)


def test_checklist_shows_meetings_and_days_against_the_midway_point(demo_ctx):
    row = _early(demo_ctx)
    svc = ReportService(demo_ctx)
    view = svc.open(row.id, ReportKind.MIDWAY)
    svc.save(view.version.id, _content(row, [d.key for d in view.domains], ReportKind.MIDWAY))
    view = svc.get(row.id, ReportKind.MIDWAY)
    items = {c.key: c for c in view.checklist}
    assert not items["midway_meeting"].ok and "Not yet held" in items["midway_meeting"].detail
    days = items["days"]
    midway = (row.required_days + 1) // 2
    assert not days.ok
    assert f"{row.days_completed} of {row.required_days}" in days.label
    assert f"day {midway}" in days.label and "early" in days.detail
    with pytest.raises(ValidationError):
        svc.sign(view.version.id)
    with pytest.raises(ValidationError):
        svc.sign(view.version.id, override=True, override_reason=" ")
    signed = svc.sign(view.version.id, override=True,
                      override_reason="Student moving placement; early review agreed")
    assert signed is not None


def test_held_meetings_are_named_with_their_dates(demo_ctx):
    held = []
    for row in PlacementService(demo_ctx).list():
        view = ReportService(demo_ctx).open(row.id, ReportKind.MIDWAY)
        la = next(c for c in view.checklist if c.key == "learning_agreement")
        assert la.ok == (" on " in la.label)
        held.append(la.ok)
    assert any(held)
