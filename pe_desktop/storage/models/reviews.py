"""Structured QAMP reviews (four weeks, midway, final): who attended and the
four checks with a red/amber/green rating each."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.reviews import AttendeeRole, Rag, ReviewArea, ReviewStage
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_PERSON,
    Base,
    TimestampMixin,
    UidMixin,
    enum_column,
    pii,
)


class QampReview(UidMixin, TimestampMixin, Base):
    __tablename__ = "qamp_reviews"
    __table_args__ = (UniqueConstraint("placement_id", "stage"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    stage: Mapped[ReviewStage] = mapped_column(enum_column(ReviewStage))
    held_on: Mapped[date] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    attendees: Mapped[list[ReviewAttendee]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewAttendee.id"
    )
    checks: Mapped[list[ReviewCheck]] = relationship(
        cascade="all, delete-orphan", order_by="ReviewCheck.id"
    )


class ReviewAttendee(Base):
    __tablename__ = "qamp_review_attendees"
    __table_args__ = (UniqueConstraint("review_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("qamp_reviews.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[AttendeeRole] = mapped_column(enum_column(AttendeeRole))
    name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))


class ReviewCheck(Base):
    __tablename__ = "qamp_review_checks"
    __table_args__ = (UniqueConstraint("review_id", "area"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("qamp_reviews.id", ondelete="CASCADE"), index=True
    )
    area: Mapped[ReviewArea] = mapped_column(enum_column(ReviewArea))
    rating: Mapped[Rag | None] = mapped_column(enum_column(Rag))
    comment: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
