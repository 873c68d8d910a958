"""Per-row checks for interchange rows: decode JSON values by column type and
apply the field rules every other way in applies.

Kept apart from the document reader so a streaming importer can call
:func:`decode_row` (raising) or :func:`check_row` (collecting) one row at a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Table

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


def decode_row(table: Table, row: Any, index: int) -> dict[str, Any]:
    """Decoded values of one interchange row; raises :class:`ValidationError`
    naming the table, the row and the field."""
    where = f"{table.name} row {index + 1}"
    if not isinstance(row, dict):
        raise ValidationError({"row": "must be an object"}, record=where)
    extra = set(row) - set(table.columns.keys())
    if extra:
        raise ValidationError({shown(sorted(extra)[0]): "is not a known field"}, record=where)
    where = where_of(table, index, row)
    rules = rules_for(table.name)
    decoded: dict[str, Any] = {}
    for col in table.columns:
        rule = rules[col.name]
        if col.name not in row:
            if rule.required and not rule.has_default:
                raise ValidationError({col.name: "is missing"}, record=where)
            continue
        try:
            decoded[col.name] = decode_value(rule, row[col.name],
                                             getattr(col.type, "enum_class", None))
        except _Bad as bad:
            raise ValidationError({col.name: bad.message}, record=where) from None
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
