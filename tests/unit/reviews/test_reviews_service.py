"""QAMP reviews: recording, the meeting marked held, the midway report pre-filled."""

from __future__ import annotations

from datetime import date

import pytest

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.reports import ReportKind
from pe_desktop.domain.reviews import AttendeeRole, Rag, ReviewArea, ReviewStage, overall
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportService
from pe_desktop.services.reviews.service import CheckInput, ReviewInput, ReviewService


@pytest.fixture
def placement_id(demo_ctx) -> int:
    return next(p.id for p in PlacementService(demo_ctx).list() if p.status.value == "active")


def _midway(held=date(2026, 11, 2), **kw) -> ReviewInput:
    return ReviewInput(
        ReviewStage.MIDWAY, held,
        ((AttendeeRole.PE, "Máire"), (AttendeeRole.STUDENT, "Zoë"), (AttendeeRole.TUTOR, "")),
        (CheckInput(ReviewArea.OPPORTUNITIES, Rag.GREEN, "Duty and two assessments."),
         CheckInput(ReviewArea.SUPPORT, Rag.AMBER, "Two supervisions were cancelled."),
         CheckInput(ReviewArea.PERFORMANCE, Rag.AMBER, "Recording behind; good rapport."),
         CheckInput(ReviewArea.ISSUES, Rag.GREEN, "Laptop access sorted by IT.")),
        **kw,
    )


def test_overall_is_the_worst_rating():
    assert overall([Rag.GREEN, None, Rag.AMBER]) == Rag.AMBER
    assert overall([Rag.GREEN, Rag.RED]) == Rag.RED
    assert overall([None]) is None


def test_save_marks_the_meeting_held_and_replaces_by_stage(demo_ctx, placement_id):
    svc = ReviewService(demo_ctx)
    pls = PlacementService(demo_ctx)
    before = {m.kind: m for m in pls.detail(placement_id).meetings}
    row = svc.save(placement_id, _midway())
    assert row.overall == Rag.AMBER and row.check(ReviewArea.SUPPORT).rating == Rag.AMBER
    assert row.attendee_text() == "Practice educator (Máire); University tutor; Student (Zoë)"
    held = {m.kind: m.held_on for m in pls.detail(placement_id).meetings}
    if before[MeetingKind.MIDWAY_REVIEW].held_on is None:
        assert held[MeetingKind.MIDWAY_REVIEW] == date(2026, 11, 2)
    again = svc.save(placement_id, _midway(notes="Updated"))
    assert again.id == row.id and len(svc.list(placement_id)) == 1


def test_bad_reviews_are_refused(demo_ctx, placement_id):
    for data, field in [(_midway(held=date(2026, 12, 1)), "held_on"),
                        (ReviewInput(ReviewStage.FOUR_WEEK, date(2026, 11, 1)), "attendees")]:
        with pytest.raises(ValidationError) as err:
            ReviewService(demo_ctx).save(placement_id, data)
        assert field in err.value.problems
    assert ReviewService(demo_ctx).list(placement_id) == []


def test_midway_report_prefills_from_the_review(demo_ctx, placement_id):
    ReviewService(demo_ctx).save(placement_id, _midway())
    view = ReportService(demo_ctx).open(placement_id, ReportKind.MIDWAY)
    c = view.version.content
    assert "Learning opportunities (Green): Duty and two assessments." in \
        c.learning_agreement_review
    assert c.summary.startswith("At the midway review on 02 Nov 2026 — Student's performance "
                                "(Amber): Recording behind")
    assert "Laptop access" in c.action_plan


def test_prefill_never_overwrites_what_the_pe_wrote(demo_ctx, placement_id):
    reports = ReportService(demo_ctx)
    view = reports.open(placement_id, ReportKind.MIDWAY)
    reports.save(view.version.id, ReportContent(summary="Mine."))
    ReviewService(demo_ctx).save(placement_id, _midway())
    c = reports.get(placement_id, ReportKind.MIDWAY).version.content
    assert c.summary == "Mine." and "Duty" in c.learning_agreement_review
