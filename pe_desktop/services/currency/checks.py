"""Row checks for the currency tables in an imported interchange file.

The same rules the services enforce on entry, applied to rows that arrive in
a file (registered in ``interchange.ROW_CHECKS``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[dict[str, Any]], dict[str, str]]


def _past_student(row: dict[str, Any]) -> dict[str, str]:
    start, end = row.get("start_date"), row.get("end_date")
    if start and end and end < start:
        return {"end_date": "must be on or after start_date"}
    if not (row.get("initials") or "").strip():
        return {"initials": "is required"}
    return {}


def _cpd(row: dict[str, Any]) -> dict[str, str]:
    hours = row.get("hours")
    if hours is not None and not 0 < hours <= 200:
        return {"hours": "must be more than 0 and at most 200"}
    return {}


def _qualification(row: dict[str, Any]) -> dict[str, str]:
    credits = row.get("credits")
    if credits is not None and not 0 <= credits <= 360:
        return {"credits": "must be between 0 and 360"}
    return {}


def _attachment(row: dict[str, Any]) -> dict[str, str]:
    owners = [k for k in ("qualification_id", "cpd_entry_id") if row.get(k) is not None]
    if len(owners) != 1:
        return {"qualification_id": "exactly one of qualification_id and cpd_entry_id is needed"}
    sha = row.get("sha256") or ""
    if len(sha) != 64 or any(c not in "0123456789abcdef" for c in sha):
        return {"sha256": "must be a SHA-256 in lower-case hex"}
    return {}


def _registration(row: dict[str, Any]) -> dict[str, str]:
    renewed, until = row.get("renewed_on"), row.get("valid_until")
    if renewed and until and renewed > until:
        return {"renewed_on": "must be on or before valid_until"}
    return {}


CURRENCY_ROW_CHECKS: dict[str, Check] = {
    "past_students": _past_student,
    "cpd_entries": _cpd,
    "qualifications": _qualification,
    "currency_attachments": _attachment,
    "registration_periods": _registration,
}
