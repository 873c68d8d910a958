"""Typed SQL text for reads that must not need the ORM models.

Defining the declarative models and configuring their mappers is the largest
cost of starting the app, so the dashboard (painted before the models are
imported) reads its rows with SQL text. Each result column is decoded by the
same SQLAlchemy type the model declares (``Date``, ``Boolean``,
:func:`~pe_desktop.storage.base.enum_column`, :class:`~pe_desktop.storage.base.UTCDateTime`),
so a value reads exactly as it does through the model. Table and column names
are those of ``storage/models`` and the migrations. (:mod:`.plain_sql` reads on a
bare DB-API connection, before SQLAlchemy is loaded; these statements run in an
ORM session once it is.)
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from sqlalchemy import Boolean, Date, bindparam, column, text
from sqlalchemy.sql.elements import TextClause
from sqlalchemy.sql.selectable import TextualSelect
from sqlalchemy.types import TypeEngine

from pe_desktop.storage.base import UTCDateTime, enum_column

DATE: TypeEngine = Date()
BOOL: TypeEngine = Boolean()
UTC_DATETIME: TypeEngine = UTCDateTime()

_ENUMS: dict[type[StrEnum], TypeEngine] = {}


def enum_type(enum_cls: type[StrEnum]) -> TypeEngine:
    """The column type of a StrEnum stored by value (one instance per enum)."""
    if enum_cls not in _ENUMS:
        _ENUMS[enum_cls] = enum_column(enum_cls)
    return _ENUMS[enum_cls]


def typed_sql(sql: str, columns: Iterable[tuple[str, TypeEngine | None]] = (), *,
              lists: Iterable[str] = (), dates: Iterable[str] = ()
              ) -> TextualSelect | TextClause:
    """A statement from SQL text: ``columns`` name and type the result columns in
    order (None: as stored); ``lists`` are parameters holding a list (``IN :ids``, no parentheses);
    ``dates`` are parameters holding a date. Build statements once, at import."""
    params = [bindparam(n, expanding=True) for n in lists]
    params += [bindparam(n, type_=DATE) for n in dates]
    stmt = text(sql)
    if params:
        stmt = stmt.bindparams(*params)
    cols = [column(n, t) if t is not None else column(n) for n, t in columns]
    return stmt.columns(*cols) if cols else stmt


def values(members: Iterable[StrEnum]) -> list[str]:
    """Enum members as stored (their values), sorted so the SQL text is stable."""
    return sorted(m.value for m in members)
