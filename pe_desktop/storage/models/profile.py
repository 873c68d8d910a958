"""The PE's own profile and small key/value domain preferences."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pe_desktop.domain.enums import PEArrangement
from pe_desktop.storage.base import (
    PII_CONTACT,
    PII_IDENTIFIER,
    PII_PERSON,
    PII_PLACE,
    Base,
    TimestampMixin,
    UidMixin,
    enum_column,
    pii,
)


class Profile(UidMixin, TimestampMixin, Base):
    """The practice educator using this installation (one row)."""

    __tablename__ = "profile"
    #: Read by the field rules and the interchange: a file with two profiles is refused.
    __table_args__ = {"info": {"single_row": True}}

    id: Mapped[int] = mapped_column(primary_key=True)
    full_name: Mapped[str] = mapped_column(String(200), **pii(PII_PERSON))
    swe_registration: Mapped[str] = mapped_column(String(20), **pii(PII_IDENTIFIER))
    organisation: Mapped[str] = mapped_column(String(200), default="", **pii(PII_PLACE))
    email: Mapped[str] = mapped_column(String(200), default="", **pii(PII_CONTACT))
    usual_arrangement: Mapped[PEArrangement] = mapped_column(
        enum_column(PEArrangement), default=PEArrangement.ONSITE
    )


class Setting(Base):
    """Domain preferences stored with the data (window state lives in QSettings)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
