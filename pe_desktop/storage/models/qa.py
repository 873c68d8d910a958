"""Peer QA: the panel's profile and rounds, and the PE's requests, redaction
choices, approvals, bundles and the record of what was shared.

Private keys never live here (they are in the SecretStore); approved items are
stored already anonymised, exactly as approved.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    Base,
    UidMixin,
    UTCDateTime,
    pii,
)
from pe_desktop.storage.stamps import clock_now


class QaPanel(UidMixin, Base):
    """This data directory's panel profile (one row when it acts as a panel)."""

    __tablename__ = "qa_panel"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    age_recipient: Mapped[str] = mapped_column(String(100))
    signing_cert_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaPanelRound(UidMixin, Base):
    """A sample request the panel created (the signed file as written)."""

    __tablename__ = "qa_panel_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), unique=True)
    envelope: Mapped[str] = mapped_column(Text)
    due: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    published_target: Mapped[str] = mapped_column(String(100), default="")


class QaRequest(UidMixin, Base):
    """A verified sample request the PE received."""

    __tablename__ = "qa_requests"
    __table_args__ = (UniqueConstraint("panel_id", "round_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    panel_id: Mapped[str] = mapped_column(String(64))
    panel_name: Mapped[str] = mapped_column(String(200))
    panel_fingerprint: Mapped[str] = mapped_column(String(100))
    payload: Mapped[str] = mapped_column(Text)  # the verified, signed JSON
    envelope: Mapped[str] = mapped_column(Text)  # the file as received
    due: Mapped[date] = mapped_column(Date)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    org_code: Mapped[str] = mapped_column(String(16), default="")
    pseudonym: Mapped[str] = mapped_column(String(32), default="")


class QaRedactionChoice(Base):
    """Text the PE redacted by hand ("redact") or chose to keep ("keep") in a round."""

    __tablename__ = "qa_redaction_choices"
    __table_args__ = (UniqueConstraint("request_id", "action", "text"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("qa_requests.id", ondelete="CASCADE"), index=True)
    action: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(String(300), **pii(PII_FREE_TEXT))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaApproval(Base):
    """One selected report as the PE approved it (already anonymised)."""

    __tablename__ = "qa_approvals"
    __table_args__ = (UniqueConstraint("request_id", "report_uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("qa_requests.id", ondelete="CASCADE"), index=True)
    report_uid: Mapped[str] = mapped_column(String(36))
    version_uid: Mapped[str] = mapped_column(String(36))
    return_code: Mapped[str] = mapped_column(String(16), unique=True)
    approved_json: Mapped[str] = mapped_column(Text, default="")
    approved_sha256: Mapped[str] = mapped_column(String(64), default="")
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class QaBundle(Base):
    """A bundle built for a round and put in the outbox."""

    __tablename__ = "qa_bundles"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("qa_requests.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    items: Mapped[int] = mapped_column(Integer)
    key_fingerprint: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaShare(Base):
    """Audit: what left this computer, when, to which target, with its hash."""

    __tablename__ = "qa_shares"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64))
    what: Mapped[str] = mapped_column(String(20))  # "bundle" | "request"
    name: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(100))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    shared_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
