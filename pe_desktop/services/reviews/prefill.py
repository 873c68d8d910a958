"""The midway report pre-filled from the midway review.

Only empty fields are filled, so nothing the PE wrote is ever replaced:
learning opportunities and support go to "learning agreement implementation",
the student's performance to the holistic summary, issues to the action plan
(unless a linked concern owns the action plan).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.reports import ReportKind, VersionStatus
from pe_desktop.domain.reviews import ReviewArea, ReviewStage, label
from pe_desktop.storage.models import Concern, QampReview, Report, ReportVersion


def _line(review: QampReview, area: ReviewArea) -> str:
    check = next((c for c in review.checks if c.area == area), None)
    if check is None or not (check.comment.strip() or check.rating):
        return ""
    rating = f" ({label(check.rating)})" if check.rating else ""
    return f"{label(area)}{rating}: {check.comment.strip()}".rstrip(": ")


def midway_fields(review: QampReview) -> dict[str, str]:
    """Report field → text from a midway review."""
    when = f"At the midway review on {review.held_on:%d %b %Y}"
    la = "\n".join(x for x in (_line(review, ReviewArea.OPPORTUNITIES),
                               _line(review, ReviewArea.SUPPORT)) if x)
    perf = _line(review, ReviewArea.PERFORMANCE)
    issues = _line(review, ReviewArea.ISSUES)
    return {
        "learning_agreement_review": f"{when}:\n{la}" if la else "",
        "summary": f"{when} — {perf}" if perf else "",
        "action_plan": f"{when} — {issues}" if issues else "",
    }


def fill_midway_draft(s: Session, placement_id: int) -> bool:
    """Fill the midway draft's empty fields from the midway review; True if any changed."""
    review = s.scalars(select(QampReview).where(QampReview.placement_id == placement_id,
                                                QampReview.stage == ReviewStage.MIDWAY)).first()
    report = s.scalars(select(Report).where(Report.placement_id == placement_id,
                                            Report.kind == ReportKind.MIDWAY)).first()
    if review is None or report is None or not report.versions:
        return False
    draft: ReportVersion = max(report.versions, key=lambda v: v.number)
    if draft.status != VersionStatus.DRAFT:
        return False
    linked = s.scalars(select(Concern.id).where(Concern.report_id == report.id)).first()
    changed = False
    for name, text in midway_fields(review).items():
        if name == "action_plan" and linked is not None:
            continue
        if text and not getattr(draft, name).strip():
            setattr(draft, name, text)
            changed = True
    return changed
