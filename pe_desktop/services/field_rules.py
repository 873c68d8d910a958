"""One set of field rules for every way data gets in, read from the ORM metadata.

Lengths, types, required fields and vocabularies come from the columns on
``Base.metadata``, so a dialog, the student CSV, the JSON interchange, demo
data and later packages all apply the same rules and nothing is stored that a
later export/import would refuse. Text content rules (control characters,
surrogates, ``?`` for a letter) are in :mod:`pe_desktop.domain.text_rules`.

Two ways in:

- :func:`check_value` / :func:`check_values` for code that holds plain values
  (the interchange decoder, the CSV reader);
- :func:`install_flush_checks` on a session factory: every new or changed ORM
  object is checked before it is written, and a problem raises
  :class:`~pe_desktop.domain.errors.ValidationError` naming the field, so no
  path can store a value the rules refuse.
"""

from __future__ import annotations

import json
import math
import re
import uuid
from dataclasses import dataclass
from datetime import date
from enum import Enum as PyEnum
from functools import cache
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Text, event
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from pe_desktop.domain import text_rules
from pe_desktop.domain.errors import ValidationError

#: Single-line text is at most this long; longer String columns and Text may
#: hold line breaks.
SINGLE_LINE_MAX = 300
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class FieldRule:
    table: str
    name: str
    kind: str  # text, integer, number, date, datetime, boolean, choice, json, bytes
    required: bool  # must have a value (not null)
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    multiline: bool = False
    pii: str | None = None
    format: str | None = None  # sha256, uuid, hh:mm, json (text holding a JSON document)
    primary_key: bool = False
    has_default: bool = False
    references: str | None = None  # "table.column" of a foreign key

    @property
    def warn_question_marks(self) -> bool:
        return self.kind == "text" and self.pii in ("person", "place") and not self.multiline


def _kind(col: Any) -> str:
    t = col.type
    impl = getattr(t, "impl", None)
    if isinstance(t, Enum):
        return "choice"
    if isinstance(t, DateTime) or isinstance(impl, DateTime):
        return "datetime"
    if isinstance(t, Date):
        return "date"
    if isinstance(t, Boolean):
        return "boolean"
    if isinstance(t, Integer):
        return "integer"
    if isinstance(t, Float):
        return "number"
    if isinstance(t, String | Text):
        return "text"
    if type(t).__name__ == "JSON":
        return "json"
    if type(t).__name__ in {"LargeBinary", "BLOB"}:
        return "bytes"
    return "other"


def _format(col: Any, kind: str) -> str | None:
    if "format" in col.info:
        return col.info["format"]
    if kind != "text":
        return None
    if col.name == "sha256":
        return "sha256"
    if col.name == "uid":
        return "uuid"
    if col.name.endswith("_time") and getattr(col.type, "length", None) == 5:
        return "hh:mm"
    return None


def _metadata() -> Any:
    """Every table's metadata. The models are imported here, not with this module: opening
    the database installs the flush checks before the first window, and the models load
    after it is shown."""
    import pe_desktop.storage.models  # noqa: F401  (registers every table)
    from pe_desktop.storage.base import Base

    return Base.metadata


@cache
def rules_for(table: str) -> dict[str, FieldRule]:
    """Column name → rule for ``table``."""
    t = _metadata().tables[table]
    out: dict[str, FieldRule] = {}
    for col in t.columns:
        kind = _kind(col)
        length = getattr(col.type, "length", None) if kind == "text" else None
        fk = next(iter(col.foreign_keys), None)
        out[col.name] = FieldRule(
            table=table, name=col.name, kind=kind,
            required=not col.nullable and not col.primary_key,
            max_length=length,
            choices=tuple(col.type.enums) if kind == "choice" else (),
            multiline=kind == "text" and (length is None or length > SINGLE_LINE_MAX),
            pii=col.info.get("pii"),
            format=_format(col, kind),
            primary_key=col.primary_key,
            has_default=col.default is not None or col.server_default is not None,
            references=f"{fk.column.table.name}.{fk.column.name}" if fk is not None else None,
        )
    return out


def single_row_tables() -> frozenset[str]:
    """Tables that hold at most one row (``__table_args__`` info ``single_row``)."""
    return frozenset(t.name for t in _metadata().sorted_tables if t.info.get("single_row"))


def check_value(rule: FieldRule, value: Any) -> str | None:
    """Why ``value`` (a Python value of the column's type) may not be stored, or None."""
    if value is None:
        return "is required" if rule.required else None
    kind = rule.kind
    if kind == "text":
        if not isinstance(value, str):
            return "must be text"
        if rule.max_length and len(value) > rule.max_length:
            return f"is longer than {rule.max_length} characters"
        problem = text_rules.text_problem(value, multiline=rule.multiline)
        if problem:
            return problem
        return _format_problem(rule.format, value)
    if kind == "choice":
        raw = value.value if isinstance(value, PyEnum) else value
        if raw not in rule.choices:
            return f"{text_rules.shown(raw)} is not one of {', '.join(rule.choices)}"
        return None
    if kind in ("date", "datetime"):
        if not isinstance(value, date):
            return "must be a date"
        return text_rules.date_problem(value)
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return "must be a whole number"
        if rule.name in ("size", "duration_minutes") and value < 0:
            return "must not be negative"
        return text_rules.int_problem(value)
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "must be a number"
        if not math.isfinite(value) or abs(value) > 1e15:
            return "must be an ordinary number"
        return None
    if kind == "boolean" and not isinstance(value, bool):
        return "must be true or false"
    return None


def _format_problem(fmt: str | None, value: str) -> str | None:
    if not fmt or (not value and fmt not in ("sha256", "uuid")):
        return None
    if fmt == "sha256" and not _SHA256.match(value):
        return "must be a SHA-256 in lower-case hex"
    if fmt == "uuid":
        try:
            uuid.UUID(value)
        except ValueError:
            return "must be a UUID"
    if fmt == "hh:mm" and not _HHMM.match(value):
        return "must be a time HH:MM"
    if fmt == "json":
        try:
            json.loads(value)
        except (ValueError, RecursionError):
            return "must hold a JSON document"
    return None


def check_values(table: str, values: dict[str, Any]) -> dict[str, str]:
    """Problems (field → message) among ``values`` of ``table``'s columns."""
    rules = rules_for(table)
    problems: dict[str, str] = {}
    for name, value in values.items():
        rule = rules.get(name)
        if rule is None:
            continue
        problem = check_value(rule, value)
        if problem:
            problems[name] = problem
    return problems


def warnings_for(table: str, values: dict[str, Any]) -> dict[str, str]:
    """Warnings (field → message) that do not stop a value being stored."""
    rules = rules_for(table)
    out: dict[str, str] = {}
    for name, value in values.items():
        rule = rules.get(name)
        if rule is not None and rule.warn_question_marks and isinstance(value, str):
            w = text_rules.question_mark_warning(value)
            if w:
                out[name] = w
    return out


# -- the flush hook ------------------------------------------------------------------
def _object_problems(obj: Any, new: bool) -> tuple[str, dict[str, str]] | None:
    state = sa_inspect(obj)
    table = getattr(state.mapper, "local_table", None)
    name = getattr(table, "name", None)
    if name not in _metadata().tables:
        return None
    rules = rules_for(name)
    values: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        col = attr.columns[0]
        if col.name not in rules or getattr(col, "table", None) is not table:
            continue
        if new:
            value = state.dict.get(attr.key)
            if value is None:
                continue  # unset: the column default (or a NOT NULL error) applies
        else:
            hist = state.attrs[attr.key].history
            if not hist.added:
                continue
            value = hist.added[0]
        values[col.name] = value
    problems = check_values(name, values)
    return (name, problems) if problems else None


def _before_flush(session: Session, _ctx: Any, _instances: Any) -> None:
    for obj in list(session.new) + list(session.dirty):
        found = _object_problems(obj, new=obj in session.new)
        if found:
            table, problems = found
            # Each message names its field: a dialog lists messages without keys.
            labelled = {f: f"{f.replace('_', ' ').capitalize()} {m}" for f, m in problems.items()}
            raise ValidationError(labelled, record=table.replace("_", " "))


def install_flush_checks(target: Any) -> None:
    """Check every object a session from ``target`` (a sessionmaker) writes."""
    # A mark on the factory itself: SQLAlchemy's ``event.contains`` keys on id(), so a new
    # factory at a freed one's address would look as if it already had the check.
    if not getattr(target, "_pe_flush_checks", False):
        event.listen(target, "before_flush", _before_flush)
        target._pe_flush_checks = True

