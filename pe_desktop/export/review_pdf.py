"""QAMP review as PDF (kind ``review``, option ``stage``) and the review and
concern sections of the placement portfolio."""

from __future__ import annotations

from typing import Any

from pe_desktop.domain.errors import NotFoundError
from pe_desktop.domain.reviews import AREAS, PROMPTS, RAG_COLOURS, Rag, ReviewStage, label
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.kinds import PdfRequest
from pe_desktop.export.report_pdf import document_info
from pe_desktop.services.context import AppContext
from pe_desktop.services.reports.service import ReportService
from pe_desktop.services.reviews.service import ReviewRow, ReviewService


def rag_markup(rating: Rag | None) -> Any:
    if rating is None:
        return pb.markup("<i>Not rated</i>", "muted")
    return pb.markup(f'<font color="{RAG_COLOURS[rating]}"><b>■ {label(rating)}</b></font>')


def review_story(r: ReviewRow, level: int = 1) -> list[Any]:
    story: list[Any] = [pb.heading(f"{label(r.stage)} — held {r.held_on:%d %B %Y}", level)]
    story.append(pb.key_value_table([
        ("Attended", r.attendee_text()),
        ("Overall", label(r.overall) if r.overall else "Not rated"),
    ]))
    story.append(pb.spacer(2))
    rows = []
    for area in AREAS:
        c = r.check(area)
        rows.append([pb.markup(f"<b>{pb.text_markup(label(area))}</b><br/>"
                               f"<font size=7.5>{pb.text_markup(PROMPTS[area])}</font>"),
                     rag_markup(c.rating), c.comment or "—"])
    story.append(pb.table(["Check", "Rating", "What was found and agreed"], rows,
                          [0.3, 0.12, 0.58]))
    if r.notes.strip():
        story.append(pb.heading("Notes", 2))
        story += pb.paras(r.notes)
    return story


def build_review(ctx: AppContext, request: PdfRequest) -> pb.RenderedPdf:
    assert request.placement_id is not None
    svc = ReviewService(ctx)
    reviews = svc.list(request.placement_id)
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
    details = ReportService(ctx).details(request.placement_id)
    story: list[Any] = pb.title(f"{label(chosen.stage)} (QAMP)",
                                f"{details.student} — {details.placement_kind}")
    story.append(pb.para("Quality assurance of the placement: learning opportunities, support "
                         "and supervision, the student's performance, and issues raised and "
                         "how they were resolved.", "muted"))
    story.append(pb.key_value_table(details.rows()[:8]))
    story += review_story(chosen)
    spots: list[pb.SignatureSpot] = []
    story += [pb.spacer(6), pb.signature_placeholder(spots)]
    title = label(chosen.stage)
    return pb.render_pdf(document_info(details, title, f"{title} (QAMP)"), story, spots)


def portfolio_parts(ctx: AppContext, placement_id: int) -> list[tuple[str, Any]]:
    """("Causes for concern", make) and ("QAMP reviews", make) when there are any."""
    from pe_desktop.export.report_pdf import concerns_story
    from pe_desktop.services.reports.concerns import concern_snapshots

    parts: list[tuple[str, Any]] = []
    reports = ReportService(ctx)
    concerns = concern_snapshots(ctx, placement_id, reports.domains_for(placement_id))
    if concerns:
        parts.append(("Causes for concern", lambda: concerns_story(concerns)))
    reviews = ReviewService(ctx).list(placement_id)
    if reviews:
        parts.append(("QAMP reviews", lambda: [pb.heading("QAMP reviews")] + [
            f for r in reviews for f in review_story(r, 2)]))
    return parts
