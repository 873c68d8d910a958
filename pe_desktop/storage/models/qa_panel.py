"""Peer QA, the panel's workspace: enrolled contributors, received bundles and
items, reviews, moderations, feedback sent; and, on the PE's side, feedback
received.

Items hold reports that were anonymised by the PE before they left; the
panel never stores the PE's name. Reviews are JSON lists of criterion ratings
(``[{"key", "rating", "comment"}]``) so the criteria file can change version.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.storage.base import Base, UTCDateTime
from pe_desktop.storage.stamps import clock_now


class QaEnrolment(Base):
    """A PE's pseudonymous QA key, enrolled by its first bundle, confirmed by the chair."""

    __tablename__ = "qa_panel_enrolments"
    __table_args__ = (UniqueConstraint("round_id", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    fingerprint: Mapped[str] = mapped_column(String(100))
    pseudonym: Mapped[str] = mapped_column(String(32))
    org_code: Mapped[str] = mapped_column(String(16), default="")
    age_recipient: Mapped[str] = mapped_column(String(100), default="")
    cert_pem: Mapped[str] = mapped_column(Text)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaReceivedBundle(Base):
    """A verified bundle imported into a round (one row per distinct manifest)."""

    __tablename__ = "qa_panel_bundles"
    __table_args__ = (UniqueConstraint("round_id", "manifest_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    enrolment_id: Mapped[int] = mapped_column(
        ForeignKey("qa_panel_enrolments.id", ondelete="CASCADE"))
    file_sha256: Mapped[str] = mapped_column(String(64))
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    manifest: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaPanelItem(Base):
    """One anonymised report received for review, addressed by its return code."""

    __tablename__ = "qa_panel_items"
    __table_args__ = (UniqueConstraint("round_id", "return_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    bundle_id: Mapped[int] = mapped_column(ForeignKey("qa_panel_bundles.id",
                                                      ondelete="CASCADE"))
    enrolment_id: Mapped[int] = mapped_column(ForeignKey("qa_panel_enrolments.id",
                                                         ondelete="CASCADE"))
    return_code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(10))
    outcome: Mapped[str] = mapped_column(String(20))
    org_code: Mapped[str] = mapped_column(String(16), default="")
    selected_because: Mapped[str] = mapped_column(String(200), default="")  # comma list
    report_json: Mapped[str] = mapped_column(Text)
    report_sha256: Mapped[str] = mapped_column(String(64))
    report_pdf: Mapped[bytes] = mapped_column(LargeBinary)
    #: "received", or "leak" once a reviewer reported something identifying
    state: Mapped[str] = mapped_column(String(10), default="received")
    leak_where: Mapped[str] = mapped_column(String(200), default="")


class QaReview(Base):
    """One reviewer's ratings of one item (entered here or imported signed)."""

    __tablename__ = "qa_panel_reviews"
    __table_args__ = (UniqueConstraint("round_id", "return_code", "reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    return_code: Mapped[str] = mapped_column(String(16))
    reviewer: Mapped[str] = mapped_column(String(200))
    criteria_version: Mapped[str] = mapped_column(String(40))
    ratings: Mapped[str] = mapped_column(Text)  # JSON list
    good_practice: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of excerpts
    themes: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of theme labels
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_by: Mapped[str] = mapped_column(String(100), default="")  # member key fingerprint
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaModeration(Base):
    """The chair's agreed panel view of an item, with reasons."""

    __tablename__ = "qa_panel_moderations"
    __table_args__ = (UniqueConstraint("round_id", "return_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64), index=True)
    return_code: Mapped[str] = mapped_column(String(16))
    moderator: Mapped[str] = mapped_column(String(200))
    ratings: Mapped[str] = mapped_column(Text)
    reasons: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaPanelMember(Base):
    """A panel member whose signed review files the chair accepts (pinned fingerprint)."""

    __tablename__ = "qa_panel_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    fingerprint: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaFeedbackSent(Base):
    """A feedback package queued for a PE (one per item; re-sent only if it changed)."""

    __tablename__ = "qa_panel_feedback"
    __table_args__ = (UniqueConstraint("round_id", "return_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[str] = mapped_column(String(64))
    return_code: Mapped[str] = mapped_column(String(16))
    content_sha256: Mapped[str] = mapped_column(String(64))
    outbox_name: Mapped[str] = mapped_column(String(200))
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)


class QaFeedbackReceived(Base):
    """PE side: verified panel feedback on one of the PE's own reports."""

    __tablename__ = "qa_feedback"
    __table_args__ = (UniqueConstraint("request_id", "return_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("qa_requests.id", ondelete="CASCADE"),
                                            index=True)
    return_code: Mapped[str] = mapped_column(String(16))
    report_uid: Mapped[str] = mapped_column(String(36))
    payload: Mapped[str] = mapped_column(Text)  # the verified feedback JSON
    sha256: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    cpd_entry_id: Mapped[int | None] = mapped_column(Integer)
