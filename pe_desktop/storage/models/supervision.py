"""Supervision sessions, their agreed actions and domains, agenda templates,
and each placement's supervision/observation requirements."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.enums import ContactMode
from pe_desktop.domain.evidence_vocab import SupervisionType
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_PERSON,
    Base,
    TimestampMixin,
    UidMixin,
    UTCDateTime,
    enum_column,
    pii,
)


class EvidenceSettings(Base):
    """Per-placement requirements (absent row: the defaults for the placement kind)."""

    __tablename__ = "placement_evidence_settings"

    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), primary_key=True
    )
    supervision_interval_days: Mapped[int] = mapped_column(Integer, default=7)
    observations_required: Mapped[int | None] = mapped_column(Integer)
    pe_observations_required: Mapped[int] = mapped_column(Integer, default=1)


class SupervisionSession(UidMixin, TimestampMixin, Base):
    __tablename__ = "supervision_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    held_on: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[str] = mapped_column(String(5), default="")  # HH:MM or ""
    duration_minutes: Mapped[int] = mapped_column(Integer, default=60)
    kind: Mapped[SupervisionType] = mapped_column(
        enum_column(SupervisionType), default=SupervisionType.FORMAL_PE
    )
    attendees: Mapped[str] = mapped_column(Text, default="", **pii(PII_PERSON))
    #: In person, by video or by phone (None: recorded before this was asked).
    mode: Mapped[ContactMode | None] = mapped_column(enum_column(ContactMode))
    agenda: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    discussion: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    reflections: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    wellbeing: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    acknowledged_by: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    domains: Mapped[list[SupervisionDomain]] = relationship(
        cascade="all, delete-orphan", order_by="SupervisionDomain.domain_key"
    )
    actions: Mapped[list[SupervisionAction]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="SupervisionAction.id"
    )


class SupervisionDomain(Base):
    __tablename__ = "supervision_domains"
    __table_args__ = (UniqueConstraint("session_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_sessions.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50), index=True)


class SupervisionAction(UidMixin, Base):
    """An action agreed in a session; open until ``done_on`` is set."""

    __tablename__ = "supervision_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("supervision_sessions.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    owner: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    due_date: Mapped[date | None] = mapped_column(Date)
    done_on: Mapped[date | None] = mapped_column(Date)

    session: Mapped[SupervisionSession] = relationship(back_populates="actions")


class AgendaTemplate(UidMixin, Base):
    __tablename__ = "agenda_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    body: Mapped[str] = mapped_column(Text, default="")
