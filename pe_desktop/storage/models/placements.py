"""Placements, their status history, attendance and review meetings."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.enums import (
    AttendanceKind,
    MeetingKind,
    PEArrangement,
    PlacementKind,
    PlacementStatus,
    ServiceArea,
)
from pe_desktop.storage.base import (
    PII_CONTACT,
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
from pe_desktop.storage.models.people import Student
from pe_desktop.storage.stamps import clock_now


class Placement(UidMixin, TimestampMixin, Base):
    __tablename__ = "placements"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(
        ForeignKey("students.id", ondelete="RESTRICT"), index=True
    )
    kind: Mapped[PlacementKind] = mapped_column(enum_column(PlacementKind))
    required_days: Mapped[int] = mapped_column(Integer)
    days_per_week: Mapped[int] = mapped_column(Integer, default=5)
    organisation: Mapped[str] = mapped_column(String(200), **pii(PII_PLACE))
    team: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PLACE))
    service_area: Mapped[ServiceArea] = mapped_column(
        enum_column(ServiceArea), default=ServiceArea.OTHER
    )
    statutory: Mapped[bool] = mapped_column(Boolean, default=False)
    pe_arrangement: Mapped[PEArrangement] = mapped_column(
        enum_column(PEArrangement), default=PEArrangement.ONSITE
    )
    oss_name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    oss_contact: Mapped[str] = mapped_column(String(200), default="", **pii(PII_CONTACT))
    tutor_name: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PERSON))
    tutor_contact: Mapped[str] = mapped_column(String(200), default="", **pii(PII_CONTACT))
    start_date: Mapped[date] = mapped_column(Date)
    planned_end_date: Mapped[date] = mapped_column(Date)
    status: Mapped[PlacementStatus] = mapped_column(
        enum_column(PlacementStatus), default=PlacementStatus.PLANNED
    )
    framework_ref: Mapped[str] = mapped_column(String(50), default="pcf@2018")
    framework_level: Mapped[str] = mapped_column(String(50), default="end_first")
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    student: Mapped[Student] = relationship()
    status_changes: Mapped[list[PlacementStatusChange]] = relationship(
        back_populates="placement", cascade="all, delete-orphan",
        order_by="PlacementStatusChange.id",
    )
    meetings: Mapped[list[Meeting]] = relationship(
        back_populates="placement", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[AttendanceDay]] = relationship(
        back_populates="placement", cascade="all, delete-orphan"
    )


class PlacementStatusChange(UidMixin, Base):
    __tablename__ = "placement_status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    from_status: Mapped[PlacementStatus | None] = mapped_column(enum_column(PlacementStatus))
    to_status: Mapped[PlacementStatus] = mapped_column(enum_column(PlacementStatus))
    changed_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)

    placement: Mapped[Placement] = relationship(back_populates="status_changes")


class AttendanceDay(Base):
    __tablename__ = "attendance_days"
    __table_args__ = (UniqueConstraint("placement_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
    kind: Mapped[AttendanceKind] = mapped_column(enum_column(AttendanceKind))
    reason: Mapped[str] = mapped_column(String(300), default="", **pii(PII_FREE_TEXT))

    placement: Mapped[Placement] = relationship(back_populates="attendance")


class Meeting(UidMixin, Base):
    __tablename__ = "meetings"
    __table_args__ = (UniqueConstraint("placement_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind))
    due_date: Mapped[date] = mapped_column(Date)
    due_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    held_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))

    placement: Mapped[Placement] = relationship(back_populates="meetings")


class PlacementClosure(Base):
    """A day the placement's setting is closed (e.g. a team's Christmas closure):
    not a placement day when planned end and meeting dates are worked out."""

    __tablename__ = "placement_closures"
    __table_args__ = (UniqueConstraint("placement_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    placement_id: Mapped[int] = mapped_column(
        ForeignKey("placements.id", ondelete="CASCADE"), index=True
    )
    day: Mapped[date] = mapped_column(Date)
