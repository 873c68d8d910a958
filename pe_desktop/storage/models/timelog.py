"""The PE's time per placement: logged entries, the weekly allocation, and
time summaries attached to manager check-ins."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.domain.timelog import DEFAULT_ALLOCATION_MINUTES, TimeActivity
from pe_desktop.storage.base import (
    PII_FREE_TEXT,
    Base,
    TimestampMixin,
    UidMixin,
    UTCDateTime,
    enum_column,
    pii,
)
from pe_desktop.storage.stamps import clock_now


class TimeEntry(UidMixin, TimestampMixin, Base):
    __tablename__ = "time_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    on_date: Mapped[date] = mapped_column(Date, index=True)
    activity: Mapped[TimeActivity] = mapped_column(enum_column(TimeActivity))
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(300), default="", **pii(PII_FREE_TEXT))


class TimeAllocation(Base):
    """Minutes a week the PE's employer allows for this student (absent: the default)."""

    __tablename__ = "time_allocations"

    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), primary_key=True
    )
    minutes_per_week: Mapped[int] = mapped_column(Integer, default=DEFAULT_ALLOCATION_MINUTES)


class CheckinTimeSummary(UidMixin, Base):
    """A placement's time summary as it stood when attached to a manager check-in."""

    __tablename__ = "checkin_time_summaries"

    id: Mapped[int] = mapped_column(primary_key=True)
    checkin_id: Mapped[int] = mapped_column(
        ForeignKey("manager_checkins.id", ondelete="CASCADE"), index=True
    )
    placement_id: Mapped[int | None] = mapped_column(
        ForeignKey("placements.id", ondelete="SET NULL"), index=True
    )
    #: JSON: weeks, totals, allocation (no names).
    summary: Mapped[str] = mapped_column(Text)
    attached_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
