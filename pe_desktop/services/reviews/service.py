"""Recording the four-week, midway and final QAMP reviews.

One review per stage per placement. Saving a review marks the matching
meeting in the timeline as held (if it was not already), and fills the empty
fields of a midway report draft from the midway review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.reviews import (
    AREAS,
    STAGE_MEETING,
    AttendeeRole,
    Rag,
    ReviewArea,
    ReviewStage,
    label,
    overall,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import check_not_future, clean, placement_or_404
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import Meeting, QampReview, ReviewAttendee, ReviewCheck

MAX_TEXT = 20_000


@dataclass(frozen=True)
class CheckInput:
    area: ReviewArea
    rating: Rag | None = None
    comment: str = ""


@dataclass(frozen=True)
class ReviewInput:
    stage: ReviewStage
    held_on: date
    attendees: tuple[tuple[AttendeeRole, str], ...] = ()
    checks: tuple[CheckInput, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ReviewRow:
    id: int
    placement_id: int
    stage: ReviewStage
    held_on: date
    attendees: tuple[tuple[AttendeeRole, str], ...]
    checks: tuple[CheckInput, ...]
    notes: str

    @property
    def overall(self) -> Rag | None:
        return overall([c.rating for c in self.checks])

    def check(self, area: ReviewArea) -> CheckInput:
        return next((c for c in self.checks if c.area == area), CheckInput(area))

    def attendee_text(self) -> str:
        return "; ".join(f"{label(role)}{' (' + name + ')' if name else ''}"
                         for role, name in self.attendees) or "—"

    def to_input(self) -> ReviewInput:
        return ReviewInput(self.stage, self.held_on, self.attendees, self.checks, self.notes)


def review_row(r: QampReview) -> ReviewRow:
    order = {a: i for i, a in enumerate(AREAS)}
    roles = {role: i for i, role in enumerate(AttendeeRole)}
    return ReviewRow(
        r.id, r.placement_id, r.stage, r.held_on,
        tuple(sorted(((a.role, a.name) for a in r.attendees), key=lambda x: roles[x[0]])),
        tuple(sorted((CheckInput(c.area, c.rating, c.comment) for c in r.checks),
                     key=lambda c: order[c.area])),
        r.notes,
    )


def reviews_in(s: Session, placement_id: int) -> list[QampReview]:
    stages = {st: i for i, st in enumerate(ReviewStage)}
    rows = s.scalars(select(QampReview).options(
        selectinload(QampReview.attendees), selectinload(QampReview.checks))
        .where(QampReview.placement_id == placement_id))
    return sorted(rows, key=lambda r: stages[r.stage])


class ReviewService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def list(self, placement_id: int) -> list[ReviewRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            return [review_row(r) for r in reviews_in(s, placement_id)]

    def get(self, review_id: int) -> ReviewRow:
        with self.ctx.read_session() as s:
            return review_row(get_or_404(s, QampReview, review_id, "review"))

    def for_stage(self, placement_id: int, stage: ReviewStage) -> ReviewRow | None:
        return next((r for r in self.list(placement_id) if r.stage == stage), None)

    def validate(self, data: ReviewInput) -> None:
        p = Problems()
        if data.held_on is None:
            p["held_on"] = "The date of the review is required"
        else:
            check_not_future(p, "held_on", data.held_on, self.ctx.today(), "A review's date")
        if not data.attendees:
            p["attendees"] = "Record who attended the review"
        roles = [role for role, _ in data.attendees]
        if len(set(roles)) != len(roles):
            p["attendees"] = "Each role is listed once"
        areas = [c.area for c in data.checks]
        if len(set(areas)) != len(areas):
            p["checks"] = "Each check is recorded once"
        for c in data.checks:
            p.max_len(f"check:{c.area.value}", c.comment, MAX_TEXT, label(c.area))
        p.max_len("notes", data.notes, MAX_TEXT, "Notes")
        p.raise_if_any(label(data.stage))

    def save(self, placement_id: int, data: ReviewInput) -> ReviewRow:
        """Record (or replace) the placement's review for ``data.stage``."""
        self.validate(data)
        with self.ctx.session() as s:
            placement_or_404(s, placement_id)
            r = s.scalars(select(QampReview).where(QampReview.placement_id == placement_id,
                                                   QampReview.stage == data.stage)).first()
            if r is None:
                r = QampReview(placement_id=placement_id, stage=data.stage)
                s.add(r)
            r.held_on = data.held_on
            r.notes = data.notes.rstrip()
            by_role = {a.role: a for a in r.attendees}
            r.attendees[:] = [by_role.get(role) or ReviewAttendee(role=role)
                              for role, _ in data.attendees]
            for a, (_, name) in zip(r.attendees, data.attendees, strict=True):
                a.name = clean(name)
            by_area = {c.area: c for c in r.checks}
            r.checks[:] = [by_area.get(c.area) or ReviewCheck(area=c.area) for c in data.checks]
            for row, c in zip(r.checks, data.checks, strict=True):
                row.rating = c.rating
                row.comment = c.comment.rstrip()
            m = s.scalars(select(Meeting).where(Meeting.placement_id == placement_id,
                                                Meeting.kind == STAGE_MEETING[data.stage])).first()
            if m is not None and m.held_on is None:
                m.held_on = data.held_on
            s.flush()
            rid = r.id
            if data.stage == ReviewStage.MIDWAY:
                from pe_desktop.services.reviews.prefill import fill_midway_draft

                fill_midway_draft(s, placement_id)
        return self.get(rid)

    def delete(self, review_id: int) -> None:
        with self.ctx.session() as s:
            s.delete(get_or_404(s, QampReview, review_id, "review"))
