"""Typed SQL statements for reads that must need neither SQLAlchemy nor the ORM models.

Importing SQLAlchemy and defining and configuring the declarative models is most of
a cold start, so what the first window shows (the dashboard and what it calls) is
read with SQL text on the DB-API connection: :func:`typed_sql` names each result
column's decoder (:mod:`pe_desktop.storage.plain_sql`: dates, booleans, enums by value,
UTC timestamps, decoded exactly as the models' column types store them), and
:func:`reader` runs statements either on a plain connection (``AppContext.plain_read``)
or inside an ORM session's own transaction, so the one query serves both.
Table and column names are those of ``storage/models`` and the migrations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from pe_desktop.storage.plain_sql import (
    Decoder,
    as_bool,
    as_date,
    as_enum,
    as_utc,
    expand,
)

DATE: Decoder = as_date
BOOL: Decoder = as_bool
UTC_DATETIME: Decoder = as_utc
#: Every plain statement run, for tests that count statements (like SQLAlchemy's
#: ``before_cursor_execute``): each listener gets the SQL text.
statement_listeners: list[Callable[[str], None]] = []

_ENUMS: dict[type[StrEnum], Decoder] = {}


def enum_type(enum_cls: type[StrEnum]) -> Decoder:
    """The decoder of a StrEnum stored by value (one per enum)."""
    if enum_cls not in _ENUMS:
        _ENUMS[enum_cls] = as_enum(enum_cls)
    return _ENUMS[enum_cls]


def values(members: Iterable[StrEnum]) -> list[str]:
    """Enum members as stored (their values), sorted so the SQL text is stable."""
    return sorted(m.value for m in members)


@dataclass(frozen=True)
class Statement:
    sql: str
    names: tuple[str, ...]
    decoders: tuple[Decoder | None, ...]


def typed_sql(sql: str, columns: Iterable[tuple[str, Decoder | None]] = (), *,
              lists: Iterable[str] = (), dates: Iterable[str] = ()) -> Statement:
    """A statement from SQL text: ``columns`` name the result columns in order with
    their decoders (None: as stored). Parameters are ``:name``; a list or tuple value
    is expanded (``IN :ids``, no parentheses), a date binds as ISO text. (``lists``
    and ``dates`` only document which parameters are which.) Build statements once."""
    del lists, dates
    cols = list(columns)
    return Statement(sql, tuple(n for n, _ in cols), tuple(d for _, d in cols))


class Row(tuple):
    """A result row: a tuple, with ``_mapping`` by column name as SQLAlchemy's rows."""

    _names: tuple[str, ...] = ()

    @property
    def _mapping(self) -> Mapping[str, Any]:
        return dict(zip(self._names, self, strict=False))

    def __getattr__(self, name: str) -> Any:
        """A column by name (``row.placement_id``), as on SQLAlchemy's rows."""
        try:
            return self[self._names.index(name)]
        except ValueError:
            raise AttributeError(name) from None


class Result:
    def __init__(self, rows: list[Row]) -> None:
        self._rows = rows

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)

    def all(self) -> list[Row]:
        return list(self._rows)

    def first(self) -> Row | None:
        return self._rows[0] if self._rows else None

    def one(self) -> Row:
        if len(self._rows) != 1:
            raise LookupError(f"expected one row, got {len(self._rows)}")
        return self._rows[0]

    def scalar(self) -> Any:
        return self._rows[0][0] if self._rows else None

    def scalars(self) -> list[Any]:
        return [r[0] for r in self._rows]


class PlainReader:
    """Runs :class:`Statement` s on one DB-API connection; ``info`` caches per read
    (as ``Session.info`` does for the dashboard's providers)."""

    def __init__(self, con: Any, database: Path | None = None,
                 info: dict[str, Any] | None = None) -> None:
        self.con = con
        self.database = database
        self.info: dict[str, Any] = {} if info is None else info

    def execute(self, stmt: Statement, params: Mapping[str, Any] | None = None) -> Result:
        sql, bound = expand(stmt.sql, params)
        for listener in list(statement_listeners):
            listener(sql)
        raw = self.con.execute(sql, bound).fetchall()
        plan = [(i, d) for i, d in enumerate(stmt.decoders) if d is not None]
        rows = []
        for r in raw:
            vals = list(r)
            for i, d in plan:
                vals[i] = d(vals[i])
            row = Row(vals)
            row._names = stmt.names
            rows.append(row)
        return Result(rows)


def reader(s: Any) -> PlainReader:
    """A reader for ``s``: a :class:`PlainReader` itself, or an ORM session (its own
    connection and transaction, flushed first, so the reads see the session's changes)."""
    if isinstance(s, PlainReader):
        return s
    if s.autoflush:  # as an ORM query would: the reads see the session's pending changes
        s.flush()
    db = s.get_bind().url.database
    return PlainReader(s.connection().connection.driver_connection,
                       Path(db) if db else None, s.info)


if TYPE_CHECKING:
    from sqlalchemy.orm import Session

#: What :func:`reader` accepts: an ORM session or a :class:`PlainReader`.
Reads: TypeAlias = "Session | PlainReader"
