"""Direct observations, service-user/carer feedback, evidence items with their
domain mappings and attachments, and editor drafts.

Domain mappings are rows (one per domain key of the placement's framework),
so coverage is a GROUP BY and a framework change never rewrites JSON.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.enums import ContactMode
from pe_desktop.domain.evidence_vocab import (
    EvidenceKind,
    FeedbackMethod,
    FeedbackSource,
    Judgement,
    ObservationStatus,
    ObserverRole,
)
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_PERSON,
    PII_PLACE,
    Base,
    TimestampMixin,
    UidMixin,
    UTCDateTime,
    enum_column,
    pii,
)
from pe_desktop.storage.stamps import clock_now


class Observation(UidMixin, TimestampMixin, Base):
    __tablename__ = "observations"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ObservationStatus] = mapped_column(
        enum_column(ObservationStatus), default=ObservationStatus.PLANNED
    )
    observed_on: Mapped[date] = mapped_column(Date)
    observer_role: Mapped[ObserverRole] = mapped_column(
        enum_column(ObserverRole), default=ObserverRole.PE
    )
    observer_name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    observer_role_detail: Mapped[str] = mapped_column(String(200), default="")
    setting: Mapped[str] = mapped_column(Text, default="", **pii(PII_PLACE))
    #: In person, by video or by phone (None: recorded before this was asked).
    mode: Mapped[ContactMode | None] = mapped_column(enum_column(ContactMode))
    consent_obtained: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    observer_account: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    feedback: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    student_reflection: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    judgements: Mapped[list[ObservationJudgement]] = relationship(
        cascade="all, delete-orphan", order_by="ObservationJudgement.id"
    )


class ObservationJudgement(Base):
    __tablename__ = "observation_judgements"
    __table_args__ = (UniqueConstraint("observation_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    observation_id: Mapped[int] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50), index=True)
    judgement: Mapped[Judgement] = mapped_column(enum_column(Judgement))
    comment: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class ServiceFeedback(UidMixin, TimestampMixin, Base):
    """Feedback from a person using services or a carer (never named here)."""

    __tablename__ = "service_feedback"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observations.id", ondelete="SET NULL"), index=True
    )
    received_on: Mapped[date] = mapped_column(Date)
    source: Mapped[FeedbackSource] = mapped_column(
        enum_column(FeedbackSource), default=FeedbackSource.SERVICE_USER
    )
    method: Mapped[FeedbackMethod] = mapped_column(
        enum_column(FeedbackMethod), default=FeedbackMethod.CONVERSATION
    )
    how_gathered: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    content: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    domains: Mapped[list[FeedbackDomain]] = relationship(
        cascade="all, delete-orphan", order_by="FeedbackDomain.domain_key"
    )


class FeedbackDomain(Base):
    __tablename__ = "feedback_domains"
    __table_args__ = (UniqueConstraint("feedback_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    feedback_id: Mapped[int] = mapped_column(
        ForeignKey("service_feedback.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50), index=True)


class EvidenceItem(UidMixin, TimestampMixin, Base):
    __tablename__ = "evidence_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[EvidenceKind] = mapped_column(enum_column(EvidenceKind))
    title: Mapped[str] = mapped_column(String(200), **pii(PII_FREE_TEXT))
    item_date: Mapped[date] = mapped_column(Date)
    description: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    domains: Mapped[list[EvidenceDomain]] = relationship(
        cascade="all, delete-orphan", order_by="EvidenceDomain.domain_key"
    )
    attachments: Mapped[list[Attachment]] = relationship(
        cascade="all, delete-orphan", order_by="Attachment.id"
    )


class EvidenceDomain(Base):
    __tablename__ = "evidence_domains"
    __table_args__ = (UniqueConstraint("item_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_items.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50), index=True)
    note: Mapped[str] = mapped_column(String(500), default="", **pii(PII_FREE_TEXT))


class Attachment(UidMixin, Base):
    """A file in the attachment store (named by its SHA-256) attached to an item."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("evidence_items.id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    original_name: Mapped[str] = mapped_column(String(255), **pii(PII_FREE_TEXT))
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class Draft(Base):
    """Unsaved editor content, written every few seconds while typing.

    ``key`` names the editor and record (``supervision:12``,
    ``observation:new:p5``); ``payload`` is the editor's fields as JSON.
    """

    __tablename__ = "drafts"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    title: Mapped[str] = mapped_column(String(200), default="")
    payload: Mapped[str] = mapped_column(Text, info={"pii": PII_FREE_TEXT, "format": "json"})
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
