"""The PE's own currency record: qualifications, registration, past students,
CPD, manager check-ins, stage-1 mentoring and attached certificates.

Students supported through placements in the app are not stored here: they
are derived from ``placements``. ``past_students`` holds the years before.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.currency import CpdKind, QualificationKind, StudentOutcome
from pe_desktop.domain.enums import PlacementKind
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


class Qualification(UidMixin, TimestampMixin, Base):
    """PEPS stage 1 / stage 2 or another relevant award (status, not job title)."""

    __tablename__ = "qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[QualificationKind] = mapped_column(enum_column(QualificationKind))
    title: Mapped[str] = mapped_column(String(200), default="")
    provider: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PLACE))
    completed_on: Mapped[date | None] = mapped_column(Date)
    credits: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    attachments: Mapped[list[CurrencyAttachment]] = relationship(
        back_populates="qualification", cascade="all, delete-orphan",
        foreign_keys="CurrencyAttachment.qualification_id",
    )


class RegistrationPeriod(UidMixin, TimestampMixin, Base):
    """One Social Work England registration period (the number is on the profile)."""

    __tablename__ = "registration_periods"

    id: Mapped[int] = mapped_column(primary_key=True)
    valid_until: Mapped[date] = mapped_column(Date, unique=True)
    renewed_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class PastStudent(UidMixin, TimestampMixin, Base):
    """A student supported before the app was used (initials only)."""

    __tablename__ = "past_students"

    id: Mapped[int] = mapped_column(primary_key=True)
    initials: Mapped[str] = mapped_column(String(12), **pii(PII_PERSON))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    university: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PLACE))
    kind: Mapped[PlacementKind] = mapped_column(enum_column(PlacementKind))
    outcome: Mapped[StudentOutcome] = mapped_column(
        enum_column(StudentOutcome), default=StudentOutcome.PASSED
    )
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class CpdEntry(UidMixin, TimestampMixin, Base):
    __tablename__ = "cpd_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(300))
    provider: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PLACE))
    kind: Mapped[CpdKind] = mapped_column(enum_column(CpdKind), default=CpdKind.COURSE)
    hours: Mapped[float] = mapped_column(Float)
    reflection: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    #: Space-separated domain references, e.g. ``pcf:professionalism peps:D``.
    domains: Mapped[str] = mapped_column(String(500), default="")

    attachments: Mapped[list[CurrencyAttachment]] = relationship(
        back_populates="cpd_entry", cascade="all, delete-orphan",
        foreign_keys="CurrencyAttachment.cpd_entry_id",
    )


class ManagerCheckIn(UidMixin, TimestampMixin, Base):
    __tablename__ = "manager_checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    held_on: Mapped[date] = mapped_column(Date, index=True)
    manager: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    caseload_ok: Mapped[bool] = mapped_column(Boolean)
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("placements.id", ondelete="SET NULL"), index=True
    )
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class MentoringRecord(UidMixin, TimestampMixin, Base):
    """Stage-1 mentoring: the stage-2 PE who ratifies final-placement decisions."""

    __tablename__ = "mentoring_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("placements.id", ondelete="SET NULL"), index=True
    )
    mentor: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    mentor_role: Mapped[str] = mapped_column(String(200), default="")
    ratified_on: Mapped[date | None] = mapped_column(Date)
    decision: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class CurrencyAttachment(UidMixin, Base):
    """A certificate or CPD evidence file, stored by SHA-256 in the attachment store."""

    __tablename__ = "currency_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    qualification_id: Mapped[int | None] = mapped_column(
        ForeignKey("qualifications.id", ondelete="CASCADE"), index=True
    )
    cpd_entry_id: Mapped[int | None] = mapped_column(
        ForeignKey("cpd_entries.id", ondelete="CASCADE"), index=True
    )
    filename: Mapped[str] = mapped_column(String(255), **pii(PII_FREE_TEXT))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)

    qualification: Mapped[Qualification | None] = relationship(
        back_populates="attachments", foreign_keys=[qualification_id]
    )
    cpd_entry: Mapped[CpdEntry | None] = relationship(
        back_populates="attachments", foreign_keys=[cpd_entry_id]
    )
