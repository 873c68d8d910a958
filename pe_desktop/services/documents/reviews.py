"""QAMP review PDF (kind ``review``, option ``stage``: the latest recorded by default)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pe_desktop.domain.errors import NotFoundError
from pe_desktop.domain.reviews import ReviewStage, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.reports.service import ReportService
from pe_desktop.services.reviews.service import ReviewService

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf


def build_review(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export.review_pdf import render_review

    assert request.placement_id is not None
    reviews = ReviewService(ctx).list(request.placement_id)
    stage = request.options.get("stage")
    if stage:
        chosen = next((r for r in reviews if r.stage == ReviewStage(stage)), None)
        what = label(ReviewStage(stage)).lower()
    else:
        chosen = reviews[-1] if reviews else None
        what = "QAMP review"
    if chosen is None:
        raise NotFoundError(f"Placement {request.placement_id} has no {what} recorded yet: "
                            "record it on the placement's Reviews tab first.")
    return render_review(ReportService(ctx).details(request.placement_id), chosen)
