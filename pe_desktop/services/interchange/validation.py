"""Per-row checks for interchange rows: decode JSON values by column type and
apply the field rules every other way in applies.

Kept apart from the document reader so a streaming importer can call
:func:`decode_row` (raising) or :func:`check_row` (collecting) one row at a time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table

from pe_desktop.domain import text_rules
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.text_rules import shown
from pe_desktop.services.field_rules import FieldRule, check_value, rules_for, warnings_for


class _Bad(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def decode_value(rule: FieldRule, value: Any, enum_class: Any = None) -> Any:
    """The Python value for JSON ``value`` in a column with ``rule``; raises
    ``_Bad`` with a user-facing message."""
    if value is None:
        if rule.required:
            raise _Bad("is required")
        return None
    kind = rule.kind
    if kind == "choice":
        if not isinstance(value, str) or value not in rule.choices:
            raise _Bad(f"{shown(value)} is not one of {', '.join(rule.choices)}")
        return enum_class(value) if enum_class is not None else value
    if kind == "datetime":
        if not isinstance(value, str):
            raise _Bad("must be an ISO date-time string")
        try:
            dt = datetime.fromisoformat(value)
            dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
        except (ValueError, OverflowError):
            raise _Bad(f"{shown(value)} is not a date-time in range") from None
        decoded: Any = dt
    elif kind == "date":
        if not isinstance(value, str):
            raise _Bad("must be a date string (YYYY-MM-DD)")
        try:
            decoded = date.fromisoformat(value)
        except ValueError:
            raise _Bad(f"{shown(value)} is not a date (YYYY-MM-DD)") from None
    elif kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise _Bad("must be a number")
        try:
            decoded = float(value)
        except OverflowError:
            raise _Bad("is too large a number") from None
    elif kind == "bytes":
        try:
            decoded = bytes.fromhex(value)
        except (TypeError, ValueError):
            raise _Bad("must be hex-encoded bytes") from None
    else:
        decoded = value
    problem = check_value(rule, decoded)
    if problem:
        raise _Bad(problem)
    return decoded


def where_of(table: Table, index: int, row: Any) -> str:
    """How a message names a row: the table and its id when it has one."""
    pk = [c.name for c in table.primary_key.columns]
    if len(pk) == 1 and isinstance(row, dict) and isinstance(row.get(pk[0]), int) \
            and not isinstance(row.get(pk[0]), bool):
        return f"{table.name} {pk[0]}={row[pk[0]]}"
    return f"{table.name} row {index + 1}"


#: Text formats the fast path knows: format → a match that implies the format's
#: rule holds (None: no format). Others (hh:mm, json) go the slow way.
_FORMATS: dict[str | None, Callable[[str], Any] | None] = {
    None: None,
    "sha256": re.compile(r"[0-9a-f]{64}").fullmatch,
    "uuid": re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").fullmatch,
}


def _fast_decoder(rule: FieldRule, enum_class: Any) -> Callable[[Any], Any]:
    """:func:`decode_value` for one column with the dispatch done once: the common
    cases of its kind are accepted inline (exactly when :func:`decode_value` would
    accept them, with the same result); anything else goes through it, so every
    refusal has its usual message."""
    def slow(value: Any) -> Any:
        return decode_value(rule, value, enum_class)

    kind, optional = rule.kind, not rule.required
    if kind == "text" and rule.format in _FORMATS:
        limit, pattern = rule.max_length, _FORMATS[rule.format]
        suspect = text_rules.suspect_search  # any character text_problem may refuse

        def text(value: Any) -> Any:
            if type(value) is str and (not limit or len(value) <= limit) \
                    and suspect(value) is None and (pattern is None or pattern(value)):
                return value
            if value is None and optional:
                return None
            return slow(value)
        return text
    if kind == "datetime":
        def moment(value: Any) -> Any:
            if type(value) is str:
                try:
                    dt = datetime.fromisoformat(value)
                    dt = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
                except (ValueError, OverflowError):
                    return slow(value)
                if text_rules.DATE_MIN <= dt.date() <= text_rules.DATE_MAX:
                    return dt
            if value is None and optional:
                return None
            return slow(value)
        return moment
    if kind == "integer":
        lowest = 0 if rule.name in ("size", "duration_minutes") else text_rules.INT_MIN

        def integer(value: Any) -> Any:
            if type(value) is int and lowest <= value <= text_rules.INT_MAX:
                return value
            if value is None and optional:
                return None
            return slow(value)
        return integer
    if kind == "boolean":
        return lambda value: value if type(value) is bool else slow(value)
    if kind == "choice":
        allowed = frozenset(rule.choices)

        def choice(value: Any) -> Any:
            if type(value) is str and value in allowed:
                return enum_class(value) if enum_class is not None else value
            if value is None and optional:
                return None
            return slow(value)
        return choice
    if kind == "date":
        def day(value: Any) -> Any:
            if type(value) is str:
                try:
                    d = date.fromisoformat(value)
                except ValueError:
                    return slow(value)
                if text_rules.DATE_MIN <= d <= text_rules.DATE_MAX:
                    return d
            if value is None and optional:
                return None
            return slow(value)
        return day
    return slow


#: table name → (its column names, (name, rule, decoder) per column in order).
_PLANS: dict[str, tuple[frozenset[str], tuple[tuple[str, FieldRule, Any], ...]]] = {}


def _plan(table: Table) -> tuple[frozenset[str], tuple[tuple[str, FieldRule, Any], ...]]:
    plan = _PLANS.get(table.name)
    if plan is None:
        rules = rules_for(table.name)
        plan = _PLANS[table.name] = (frozenset(table.columns.keys()), tuple(
            (c.name, rules[c.name], _fast_decoder(rules[c.name],
                                                  getattr(c.type, "enum_class", None)))
            for c in table.columns))
    return plan


def decode_row(table: Table, row: Any, index: int) -> dict[str, Any]:
    """Decoded values of one interchange row; raises :class:`ValidationError`
    naming the table, the row and the field."""
    if not isinstance(row, dict):
        raise ValidationError({"row": "must be an object"}, record=f"{table.name} row {index + 1}")
    names, columns = _plan(table)
    if not names.issuperset(row):
        extra = set(row) - names
        raise ValidationError({shown(sorted(extra)[0]): "is not a known field"},
                              record=f"{table.name} row {index + 1}")
    decoded: dict[str, Any] = {}
    for name, rule, decode in columns:
        if name not in row:
            if rule.required and not rule.has_default:
                raise ValidationError({name: "is missing"}, record=where_of(table, index, row))
            continue
        try:
            decoded[name] = decode(row[name])
        except _Bad as bad:
            raise ValidationError({name: bad.message},
                                  record=where_of(table, index, row)) from None
    return decoded


def check_row(table: Table, row: Any, index: int = 0) -> dict[str, str]:
    """Problems (field → message) of one row, without raising."""
    try:
        decode_row(table, row, index)
    except ValidationError as exc:
        return exc.problems
    return {}


def row_warnings(table: Table, decoded: dict[str, Any]) -> dict[str, str]:
    return warnings_for(table.name, decoded)


def warning_lines(table: Table, i: int, row: dict[str, Any], decoded: dict[str, Any]
                  ) -> list[str]:
    """The row's warnings as the import summary shows them: where, which field,
    the value as read (``'?ukasz Nowak'``, so the user can find it) and why."""
    return [f"{where_of(table, i, row)}: {fld.replace('_', ' ')} "
            f"{shown(decoded.get(fld))} {msg}"
            for fld, msg in row_warnings(table, decoded).items()]
