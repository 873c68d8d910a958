"""Midway reports and End of Placement Reports, kept as numbered versions.

A :class:`Report` is one kind of report for one placement. Its content lives
in :class:`ReportVersion` rows: at most one draft (the latest) and any number
of signed versions, which are never changed again. Reopening a signed report
copies it into a new draft version.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.reports import ConfirmationMethod, Recommendation, ReportKind, VersionStatus
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_IDENTIFIER,
    PII_PERSON,
    Base,
    TimestampMixin,
    UidMixin,
    UTCDateTime,
    enum_column,
    pii,
)


class Report(UidMixin, TimestampMixin, Base):
    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("placement_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ReportKind] = mapped_column(enum_column(ReportKind))

    versions: Mapped[list[ReportVersion]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportVersion.number"
    )


class ReportVersion(UidMixin, TimestampMixin, Base):
    __tablename__ = "report_versions"
    __table_args__ = (UniqueConstraint("report_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    status: Mapped[VersionStatus] = mapped_column(
        enum_column(VersionStatus), default=VersionStatus.DRAFT
    )
    summary: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    recommendation: Mapped[Recommendation | None] = mapped_column(enum_column(Recommendation))
    borderline: Mapped[bool] = mapped_column(Boolean, default=False)
    learning_agreement_review: Mapped[str] = mapped_column(
        Text, default="", **pii(PII_FREE_TEXT)
    )
    action_plan: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    student_comments: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    oss_comments: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    checklist_override: Mapped[bool] = mapped_column(Boolean, default=False)
    override_reason: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    reopen_reason: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    # sign-off
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    signed_by: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    signer_registration: Mapped[str] = mapped_column(
        String(20), default="", **pii(PII_IDENTIFIER)
    )
    #: Placement details and checklist as they stood when signed (JSON).
    signed_snapshot: Mapped[str] = mapped_column(
        Text, default="", info={"pii": PII_FREE_TEXT, "format": "json"}
    )
    student_confirmed_name: Mapped[str] = mapped_column(String(200), default="",
                                                        **pii(PII_PERSON))
    student_confirmed_on: Mapped[date | None] = mapped_column(Date)
    student_confirmed_how: Mapped[ConfirmationMethod | None] = mapped_column(
        enum_column(ConfirmationMethod)
    )
    oss_confirmed_name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    oss_confirmed_on: Mapped[date | None] = mapped_column(Date)
    oss_confirmed_how: Mapped[ConfirmationMethod | None] = mapped_column(
        enum_column(ConfirmationMethod)
    )

    report: Mapped[Report] = relationship(back_populates="versions")
    narratives: Mapped[list[ReportNarrative]] = relationship(
        back_populates="version", cascade="all, delete-orphan", order_by="ReportNarrative.id"
    )


class ReportNarrative(Base):
    """The PE's narrative for one framework domain in one version."""

    __tablename__ = "report_narratives"
    __table_args__ = (UniqueConstraint("version_id", "domain_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("report_versions.id", ondelete="CASCADE"), index=True
    )
    domain_key: Mapped[str] = mapped_column(String(50))
    text: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    version: Mapped[ReportVersion] = relationship(back_populates="narratives")
