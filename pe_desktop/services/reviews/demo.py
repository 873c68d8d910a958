"""Demo QAMP reviews: four-week reviews on running placements past four weeks, and all
three reviews on completed placements (the struggling student's come with its concern)."""

from __future__ import annotations

from datetime import timedelta

from pe_desktop.domain.enums import MeetingKind, PlacementStatus
from pe_desktop.domain.reviews import AttendeeRole, Rag, ReviewArea, ReviewStage
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reviews.service import CheckInput, ReviewInput, ReviewService

GOOD = {
    ReviewArea.OPPORTUNITIES: "A good mix of assessments, reviews and group work.",
    ReviewArea.SUPPORT: "Weekly supervision held; the team is welcoming.",
    ReviewArea.PERFORMANCE: "Progressing as expected for this stage.",
    ReviewArea.ISSUES: "None raised.",
}
STAGES = {MeetingKind.FOUR_WEEK_REVIEW: ReviewStage.FOUR_WEEK,
          MeetingKind.MIDWAY_REVIEW: ReviewStage.MIDWAY,
          MeetingKind.FINAL_REVIEW: ReviewStage.FINAL}


def add_demo_reviews(ctx: AppContext, skip: int | None = None) -> dict[str, int]:
    svc = ReviewService(ctx)
    pls = PlacementService(ctx)
    today = ctx.today()
    n = 0
    for row in pls.list():
        if row.id == skip or row.status not in (PlacementStatus.ACTIVE,
                                                PlacementStatus.COMPLETED):
            continue
        for m in pls.detail(row.id).meetings:
            stage = STAGES.get(m.kind)
            held = m.held_on or (m.due_date if m.due_date < today - timedelta(days=2) else None)
            if stage is None or held is None or held > today:
                continue
            if row.status == PlacementStatus.ACTIVE and stage != ReviewStage.FOUR_WEEK:
                continue
            svc.save(row.id, ReviewInput(
                stage, held,
                ((AttendeeRole.PE, ""), (AttendeeRole.OSS, row.oss_name),
                 (AttendeeRole.STUDENT, row.student_name))
                + (((AttendeeRole.TUTOR, row.tutor_name),) if stage != ReviewStage.FOUR_WEEK
                   else ()),
                tuple(CheckInput(a, Rag.GREEN, text) for a, text in GOOD.items()),
            ))
            n += 1
    return {"reviews": n}
