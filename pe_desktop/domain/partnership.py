"""The partnership return's layout: a data file, validated here.

Which columns appear, in what order and under which headings, the year the
return covers and how the PE arrangement maps to the partnership's categories
all come from ``resources/partnership/return-layout.json`` (or a partnership's
own copy). Nothing here names a student: the keys below are all there is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pe_desktop.domain.enums import PEArrangement
from pe_desktop.domain.errors import ValidationError

#: Every value the return can hold, for the practice educator and per placement.
PE_KEYS = frozenset({
    "pe_name", "swe_registration", "organisation", "peps_stage", "peps1_completed",
    "peps2_completed", "other_qualifications", "currency_status", "currency_checked_on",
    "student_within_until", "cpd_until", "cpd_hours_in_window", "last_checkin",
    "registration_until",
})
PLACEMENT_KEYS = frozenset({
    "placement_ref", "university", "programme", "kind", "setting", "team", "service_area",
    "statutory", "start_date", "end_date", "required_days", "days_completed", "status",
    "outcome", "pe_arrangement", "pe_arrangement_recorded",
})


@dataclass(frozen=True)
class Column:
    key: str
    header: str


@dataclass(frozen=True)
class ReturnLayout:
    name: str
    year_start_month: int
    year_start_day: int
    arrangement_categories: dict[str, str]
    arrangement_note: str
    pe_columns: tuple[Column, ...]
    placement_columns: tuple[Column, ...]

    def period(self, year: int) -> tuple[date, date]:
        """First and last day of the return year that starts in ``year``."""
        start = date(year, self.year_start_month, self.year_start_day)
        try:
            nxt = date(year + 1, self.year_start_month, self.year_start_day)
        except ValueError:  # 29 Feb
            nxt = date(year + 1, self.year_start_month, 28)
        return start, date.fromordinal(nxt.toordinal() - 1)

    def arrangement(self, value: PEArrangement) -> str:
        return self.arrangement_categories.get(value.value, value.value)


def _columns(data: object, allowed: frozenset[str], where: str) -> tuple[Column, ...]:
    if not isinstance(data, list) or not data:
        raise ValidationError({where: "must be a non-empty list of columns"}, record="Layout")
    out = []
    for i, c in enumerate(data, 1):
        if not isinstance(c, dict) or not isinstance(c.get("key"), str) or \
                not isinstance(c.get("header"), str) or not c["header"].strip():
            raise ValidationError({where: f"column {i} needs a key and a header"},
                                  record="Layout")
        if c["key"] not in allowed:
            raise ValidationError({where: f"column {i}: unknown key '{c['key']}'"},
                                  record="Layout")
        out.append(Column(c["key"], c["header"].strip()))
    return tuple(out)


def parse_layout(data: object, source: str = "layout") -> ReturnLayout:
    if not isinstance(data, dict) or data.get("schema") != 1:
        raise ValidationError({"schema": "must be a JSON object with schema 1"}, record=source)
    month, day = data.get("year_start_month", 9), data.get("year_start_day", 1)
    try:
        date(2001, month, day)
    except (TypeError, ValueError):
        raise ValidationError({"year_start": "is not a day of the year"}, record=source) \
            from None
    cats = data.get("arrangement_categories", {})
    if not isinstance(cats, dict) or not all(isinstance(v, str) for v in cats.values()) or \
            set(cats) - {a.value for a in PEArrangement}:
        raise ValidationError({"arrangement_categories": "maps onsite / offsite / independent "
                                                         "to names"}, record=source)
    return ReturnLayout(
        name=str(data.get("name", "Partnership return")), year_start_month=month,
        year_start_day=day, arrangement_categories=dict(cats),
        arrangement_note=str(data.get("arrangement_note", "")),
        pe_columns=_columns(data.get("pe_columns"), PE_KEYS, "pe_columns"),
        placement_columns=_columns(data.get("placement_columns"), PLACEMENT_KEYS,
                                   "placement_columns"),
    )


def load_layout(path: Path) -> ReturnLayout:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise ValidationError({"file": f"cannot be read as JSON ({exc})"},
                              record=Path(path).name) from None
    return parse_layout(data, Path(path).name)
