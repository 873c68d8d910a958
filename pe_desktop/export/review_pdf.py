"""QAMP review as PDF (kind ``review``) and the reviews section of the portfolio.

Renders the reviews service's plain ``ReviewRow`` handed in by
:mod:`pe_desktop.services.documents.reviews`."""

from __future__ import annotations

from typing import Any

from pe_desktop.domain.reviews import AREAS, PROMPTS, RAG_COLOURS, Rag, label
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.report_pdf import document_info

ReviewRow = Any  # the reviews service's dataclass, handed in


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


def render_review(details: Any, review: Any) -> pb.RenderedPdf:
    """One QAMP review (a ``ReviewRow``) with the placement ``details`` (``PlacementDetails``)."""
    story: list[Any] = pb.title(f"{label(review.stage)} (QAMP)",
                                f"{details.student} — {details.placement_kind}")
    story.append(pb.para("Quality assurance of the placement: learning opportunities, support "
                         "and supervision, the student's performance, and issues raised and "
                         "how they were resolved.", "muted"))
    story.append(pb.key_value_table(details.rows()[:8]))
    story += review_story(review)
    spots: list[pb.SignatureSpot] = []
    story += [pb.spacer(6), pb.signature_placeholder(spots)]
    title = label(review.stage)
    return pb.render_pdf(document_info(details, title, f"{title} (QAMP)"), story, spots)


def reviews_story(reviews: list[Any]) -> list[Any]:
    """Every review of a placement, for the portfolio."""
    return [pb.heading("QAMP reviews")] + [f for r in reviews for f in review_story(r, 2)]
