"""On-site supervisor (OSS) mode: invitations, pinned OSS keys and imported
records on the PE's side; the OSS's identity, memberships and sent packages on
the OSS's side.

Private keys never live here (they are in the SecretStore). An imported record
keeps the signed manifest and its signature exactly as received, so it can be
re-verified later and shown as the OSS's own words.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    PII_PERSON,
    Base,
    UidMixin,
    UTCDateTime,
    pii,
)
from pe_desktop.storage.stamps import clock_now


class OssInvitation(UidMixin, Base):
    """PE side: an invitation file the PE issued for a placement (``uid`` = invite id)."""

    __tablename__ = "oss_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    expires_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class OssPin(Base):
    """PE side: the OSS key the PE confirmed for a placement (trust on first use)."""

    __tablename__ = "oss_pins"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), unique=True)
    oss_name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    fingerprint: Mapped[str] = mapped_column(String(100))
    age_recipient: Mapped[str] = mapped_column(String(100), default="")
    pinned_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class OssImport(UidMixin, Base):
    """PE side: one imported OSS package and the record it created."""

    __tablename__ = "oss_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # observation | supervision
    observation_id: Mapped[int | None] = mapped_column(
        ForeignKey("observations.id", ondelete="CASCADE"), index=True)
    supervision_id: Mapped[int | None] = mapped_column(
        ForeignKey("supervision_sessions.id", ondelete="CASCADE"), index=True)
    #: kind ``report``: the report version whose OSS section the signed reply filled.
    report_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("report_versions.id", ondelete="CASCADE"), index=True)
    oss_name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    fingerprint: Mapped[str] = mapped_column(String(100))
    manifest: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    signature: Mapped[str] = mapped_column(Text)  # base64 DER CMS over manifest
    record_json: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    package_sha256: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    annotation: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))


class OssIdentity(Base):
    """OSS side: this data directory's on-site supervisor (one row marks OSS mode)."""

    __tablename__ = "oss_identity"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    signing_cert_pem: Mapped[str] = mapped_column(Text)
    age_recipient: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class OssMembership(Base):
    """OSS side: an invitation the OSS joined, with the local placement made for it."""

    __tablename__ = "oss_memberships"

    id: Mapped[int] = mapped_column(primary_key=True)
    invite_id: Mapped[str] = mapped_column(String(36), unique=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    pe_name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    pe_fingerprint: Mapped[str] = mapped_column(String(100))
    pe_age_recipient: Mapped[str] = mapped_column(String(100))
    expires_on: Mapped[date] = mapped_column(Date)
    invitation: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))  # signed file
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class OssSent(Base):
    """OSS side: a record packaged for the PE (a sent record is no longer edited)."""

    __tablename__ = "oss_sent"

    id: Mapped[int] = mapped_column(primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(200))
    package_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class OssReportRequest(UidMixin, Base):
    """PE side: the OSS section of a report version sent to the OSS (``uid`` = request id)."""

    __tablename__ = "oss_report_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    version_id: Mapped[int] = mapped_column(
        ForeignKey("report_versions.id", ondelete="CASCADE"), index=True)
    invite_id: Mapped[str] = mapped_column(String(36))
    expires_on: Mapped[date] = mapped_column(Date)
    oss_fingerprint: Mapped[str] = mapped_column(String(100))
    file_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    #: the ``oss_imports`` row of the signed reply, once it arrived
    answered_import_id: Mapped[int | None] = mapped_column(
        ForeignKey("oss_imports.id", ondelete="SET NULL"))


class OssReportAsk(Base):
    """OSS side: a report section the PE asked the OSS to comment on and confirm."""

    __tablename__ = "oss_report_asks"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[str] = mapped_column(String(36), unique=True)
    invite_id: Mapped[str] = mapped_column(String(36))
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True)
    report_kind: Mapped[str] = mapped_column(String(20))  # midway | final
    version_number: Mapped[int] = mapped_column(Integer)
    #: the section as received (student first name, domains, the PE's draft summary)
    section_json: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    manifest: Mapped[str] = mapped_column(Text, **pii(PII_FREE_TEXT))
    signature: Mapped[str] = mapped_column(Text)  # base64 DER CMS over manifest
    package_sha256: Mapped[str] = mapped_column(String(64))
    expires_on: Mapped[date] = mapped_column(Date)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    comments: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    replied_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reply_package_id: Mapped[str] = mapped_column(String(36), default="")
