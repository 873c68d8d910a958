"""The audit trail: append-only, hash-chained events holding ids, never content."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.storage.base import Base, UTCDateTime


class AuditEvent(Base):
    """One change or act (create, update, delete, sign, export, …) on one record.

    ``state_hash`` is the SHA-256 of the record's new state (empty for a
    delete); ``hash`` chains the event to the one before it
    (:mod:`pe_desktop.storage.audit_log`). Triggers made by the migration
    refuse UPDATE and DELETE on this table.
    """

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    action: Mapped[str] = mapped_column(String(16))
    record_type: Mapped[str] = mapped_column(String(64))
    record_uid: Mapped[str] = mapped_column(String(80))
    state_hash: Mapped[str] = mapped_column(String(64), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)
