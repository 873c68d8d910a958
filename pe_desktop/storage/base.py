"""Declarative base and column helpers shared by all models.

Columns holding personal data carry ``info={"pii": <category>}`` so that
anonymisation and export code can find every person and place by reading the
metadata, without a second list to keep in step.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import DateTime, Enum, MetaData, String, TypeDecorator
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from pe_desktop.storage.stamps import clock_now

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: PII categories used in column ``info``.
PII_PERSON = "person"  # a person's name
PII_CONTACT = "contact"  # email, phone, address
PII_PLACE = "place"  # organisation, team, setting
PII_IDENTIFIER = "identifier"  # student numbers, registration numbers
PII_FREE_TEXT = "free_text"  # narrative that may mention people


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def new_uid() -> str:
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware datetimes stored as UTC ISO text (SQLite has no tz)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def enum_column(enum_cls: type[StrEnum]) -> Enum:
    """Store a StrEnum by value as VARCHAR (no native enum, no CHECK)."""
    return Enum(
        enum_cls,
        native_enum=False,
        values_callable=lambda e: [m.value for m in e],
        length=32,
        validate_strings=True,
    )


def pii(category: str) -> dict[str, dict[str, str]]:
    return {"info": {"pii": category}}


class UidMixin:
    """Stable identity that survives export, import and (later) sync."""

    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=clock_now,
                                                 onupdate=clock_now)
