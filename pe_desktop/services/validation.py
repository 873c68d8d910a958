"""Small field validators shared by services."""

from __future__ import annotations

import re
from datetime import date

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
SWE_REG = re.compile(r"^SW\d{1,10}$", re.I)


class Problems(dict[str, str]):
    """Collects field → message; raise with :meth:`raise_if_any`."""

    def require(self, field: str, value: object, label: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self[field] = f"{label} is required"

    def email(self, field: str, value: str) -> None:
        if value and not EMAIL.match(value.strip()):
            self[field] = f"'{value}' is not an email address"

    def max_len(self, field: str, value: str | None, n: int, label: str) -> None:
        if value and len(value) > n:
            self[field] = f"{label} is longer than {n} characters"

    def raise_if_any(self, record: str | None = None) -> None:
        if self:
            from pe_desktop.domain.errors import ValidationError

            raise ValidationError(dict(self), record=record)


def check_dates(problems: Problems, start: date | None, end: date | None) -> None:
    if start and end and end <= start:
        problems["planned_end_date"] = "The planned end date must be after the start date"
