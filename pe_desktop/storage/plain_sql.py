"""Plain SQL reads on a DB-API connection, without SQLAlchemy.

The first window (the dashboard, whose data directory this is, the PE's name) is
read this way so it can be shown before SQLAlchemy and the ORM models are loaded:
importing and configuring them is most of a cold start (``benchmarks/startup.py``).
Values are decoded exactly as the models' column types store them: dates as ISO
text, timestamps as naive UTC text, enums by value, booleans as 0/1.

Parameters are named (``:name``); a list or tuple value is expanded into
``(:name_0, :name_1, ...)`` so ``IN :ids`` works as SQLAlchemy's expanding
parameters do.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

Decoder = Callable[[Any], Any]
E = TypeVar("E", bound=Enum)

_PARAM = re.compile(r":([A-Za-z_][A-Za-z0-9_]*)")


def as_date(value: Any) -> date | None:
    """A ``Date`` column (ISO text)."""
    return None if value is None else date.fromisoformat(value)


def as_utc(value: Any) -> datetime | None:
    """A ``UTCDateTime`` column (naive UTC text) as an aware datetime."""
    return None if value is None else datetime.fromisoformat(value).replace(tzinfo=UTC)


def as_bool(value: Any) -> bool | None:
    return None if value is None else bool(value)


def as_enum(enum_cls: type[E]) -> Callable[[Any], E | None]:
    """An ``enum_column`` (stored by value)."""

    def decode(value: Any) -> E | None:
        return None if value is None else enum_cls(value)

    return decode


def utc_text(value: datetime) -> str:
    """An aware datetime as a ``UTCDateTime`` column stores it (naive UTC text, the
    SQLite dialect's format) in one step: what the type's two bind processors make."""
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(" ", "microseconds")


def bind_value(value: Any) -> Any:
    """A parameter as the models' column types store it."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return utc_text(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def expand(sql: str, params: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """``sql`` with list parameters expanded, and the flat parameters to bind."""
    if not params:
        return sql, {}
    flat: dict[str, Any] = {}

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(f"no value for :{name}")
        value = params[name]
        if isinstance(value, list | tuple | set | frozenset):
            items = list(value)
            if not items:
                return "(NULL)"  # IN (NULL) matches nothing, as an empty IN list should
            names = [f"{name}_{i}" for i in range(len(items))]
            flat.update(zip(names, map(bind_value, items), strict=True))
            return "(" + ", ".join(f":{n}" for n in names) + ")"
        flat[name] = bind_value(value)
        return match.group(0)

    return _PARAM.sub(one, sql), flat
