"""Universities, their programmes, and students."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pe_desktop.domain.enums import ProgrammeKind
from pe_desktop.storage.base import (
    PII_CONTACT,
    PII_FREE_TEXT,
    PII_IDENTIFIER,
    PII_PERSON,
    PII_PLACE,
    Base,
    TimestampMixin,
    UidMixin,
    enum_column,
    pii,
)


class University(UidMixin, Base):
    __tablename__ = "universities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True, **pii(PII_PLACE))

    programmes: Mapped[list[Programme]] = relationship(back_populates="university")


class Programme(UidMixin, Base):
    __tablename__ = "programmes"
    __table_args__ = (UniqueConstraint("university_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    university_id: Mapped[int] = mapped_column(
        ForeignKey("universities.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[ProgrammeKind] = mapped_column(
        enum_column(ProgrammeKind), default=ProgrammeKind.OTHER
    )

    university: Mapped[University] = relationship(back_populates="programmes")


class Student(UidMixin, TimestampMixin, Base):
    __tablename__ = "students"
    __table_args__ = (UniqueConstraint("university_id", "student_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    preferred_name: Mapped[str] = mapped_column(String(100), default="", **pii(PII_PERSON))
    university_id: Mapped[int] = mapped_column(
        ForeignKey("universities.id", ondelete="RESTRICT"), index=True
    )
    student_number: Mapped[str] = mapped_column(String(50), **pii(PII_IDENTIFIER))
    email: Mapped[str] = mapped_column(String(200), default="", **pii(PII_CONTACT))
    programme_id: Mapped[int | None] = mapped_column(
        ForeignKey("programmes.id", ondelete="SET NULL"), index=True
    )
    cohort: Mapped[str] = mapped_column(String(50), default="")
    adjustments: Mapped[str] = mapped_column(Text, default="", **pii(PII_FREE_TEXT))
    archived: Mapped[bool] = mapped_column(Boolean, default=False)

    university: Mapped[University] = relationship()
    programme: Mapped[Programme | None] = relationship()
