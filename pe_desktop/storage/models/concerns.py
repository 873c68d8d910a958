"""Causes for concern per placement: the concern, its domains, its action plan
and its meetings (the "concerns meeting" kind in the placement's timeline)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.concerns import ConcernOutcome, ConcernRaiser
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_PERSON,
    Base,
    TimestampMixin,
    UidMixin,
    enum_column,
    pii,
)


class Concern(UidMixin, TimestampMixin, Base):
    __tablename__ = "concerns"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    raised_on: Mapped[date] = mapped_column(Date)
    raised_by: Mapped[ConcernRaiser] = mapped_column(enum_column(ConcernRaiser))
    raised_by_name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    description: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    outcome: Mapped[ConcernOutcome] = mapped_column(
        enum_column(ConcernOutcome), default=ConcernOutcome.OPEN
    )
    outcome_on: Mapped[date | None] = mapped_column(Date)
    outcome_notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    #: The midway report whose "progress raising concerns" this concern records.
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), index=True
    )

    domains: Mapped[list[ConcernDomain]] = relationship(
        cascade="all, delete-orphan", order_by="ConcernDomain.domain_key"
    )
    actions: Mapped[list[ConcernAction]] = relationship(
        cascade="all, delete-orphan", order_by="ConcernAction.position"
    )
    meetings: Mapped[list[ConcernMeeting]] = relationship(
        cascade="all, delete-orphan", order_by="ConcernMeeting.planned_on"
    )


class ConcernDomain(Base):
    __tablename__ = "concern_domains"
    __table_args__ = (UniqueConstraint("concern_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concerns.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50))


class ConcernAction(UidMixin, Base):
    """One item of the agreed action plan: what, who, when it is reviewed."""

    __tablename__ = "concern_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concerns.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    owner: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    review_on: Mapped[date | None] = mapped_column(Date, index=True)
    done_on: Mapped[date | None] = mapped_column(Date)
    review_notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class ConcernMeeting(UidMixin, Base):
    __tablename__ = "concern_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    concern_id: Mapped[int] = mapped_column(
        ForeignKey("concerns.id", ondelete="CASCADE"), index=True
    )
    planned_on: Mapped[date] = mapped_column(Date)
    held_on: Mapped[date | None] = mapped_column(Date)
    attendees: Mapped[str] = mapped_column(Text, default="", **pii(PII_PERSON))
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
