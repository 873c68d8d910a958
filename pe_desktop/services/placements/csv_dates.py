"""Dates in a spreadsheet's CSV: which order the file uses, and reading them.

Excel writes dates in the order of the computer's locale: ``01/09/2026`` in
the UK, ``9/1/2026`` in the US. A value with a first number above 12 settles
day-first, a second number above 12 settles month-first; a value valid in
only one order (``31/02``) or a start/end pair that only one order puts in
sequence settles it too. A file that nothing settles is refused rather than
guessed: the user chooses with ``--date-format`` (or in the import dialog).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.text_rules import date_problem, shown

DMY, MDY, ISO = "dmy", "mdy", "iso"
ORDERS = (DMY, MDY, ISO)
ORDER_LABELS = {
    DMY: "day/month/year (UK, e.g. 01/09/2026 = 1 September 2026)",
    MDY: "month/day/year (US, e.g. 9/1/2026 = 1 September 2026)",
    ISO: "year-month-day (ISO, e.g. 2026-09-01)",
}
_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4}|\d{2})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class DateOrderError(PEDesktopError):
    pass


@dataclass(frozen=True)
class DateCell:
    line: int
    text: str
    role: str = ""  # "start" / "end" (for the pair rule)


def _year(text: str) -> int:
    y = int(text)
    return 2000 + y if len(text) == 2 else y


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def read_as(text: str, order: str) -> date | None:
    """``text`` read in ``order`` (ISO always accepted), or None if it is not a date."""
    t = text.strip()
    m = _ISO.match(t)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]))
    m = _NUMERIC.match(t)
    if not m or order == ISO:
        return None
    a, b, y = int(m[1]), int(m[2]), _year(m[3])
    return _make(y, b, a) if order == DMY else _make(y, a, b)


def parse_date(text: str, order: str) -> date:
    d = read_as(text, order)
    if d is None:
        hint = {DMY: "dd/mm/yyyy", MDY: "mm/dd/yyyy", ISO: "yyyy-mm-dd"}[order]
        raise ValueError(f"{shown(text)} is not a date ({hint})")
    problem = date_problem(d)
    if problem:
        raise ValueError(f"{shown(text)}: a date {problem}")
    return d


def detect_order(cells: list[DateCell], pairs: list[tuple[DateCell, DateCell]]) -> tuple[str, str]:
    """(order, why) for a file's date cells; raises :class:`DateOrderError` if the
    file mixes orders or nothing settles it."""
    numeric = [c for c in cells if _NUMERIC.match(c.text.strip())]
    if not numeric:
        return ISO, "every date is in ISO form"
    only: dict[str, DateCell] = {}
    for c in numeric:
        as_dmy, as_mdy = read_as(c.text, DMY), read_as(c.text, MDY)
        if as_dmy and not as_mdy:
            only.setdefault(DMY, c)
        elif as_mdy and not as_dmy:
            only.setdefault(MDY, c)
    if DMY in only and MDY in only:
        d, m = only[DMY], only[MDY]
        raise DateOrderError(
            f"the file mixes date orders: {shown(d.text)} on line {d.line} is day-first but "
            f"{shown(m.text)} on line {m.line} is month-first; correct the dates and import again"
        )
    if only:
        order = next(iter(only))
        c = only[order]
        return order, f"{shown(c.text)} on line {c.line} can only be read that way"
    for order, other in ((DMY, MDY), (MDY, DMY)):
        for start, end in pairs:
            s_o, e_o = read_as(start.text, order), read_as(end.text, order)
            s_x, e_x = read_as(start.text, other), read_as(end.text, other)
            if s_o and e_o and s_x and e_x and e_o > s_o and e_x <= s_x:
                return order, f"only that order puts line {start.line}'s end date after its start"
    differ = [c for c in numeric
              if (a := read_as(c.text, DMY)) and (b := read_as(c.text, MDY)) and a != b]
    if not differ:
        return DMY, "every date reads the same either way"
    c = differ[0]
    as_dmy, as_mdy = read_as(c.text, DMY), read_as(c.text, MDY)
    raise DateOrderError(
        f"the dates could be day/month/year or month/day/year ({shown(c.text)} on line {c.line} "
        f"is {as_dmy:%d %B %Y} or {as_mdy:%d %B %Y}): import again choosing the order, "
        "--date-format dmy (UK) or --date-format mdy (US)"
    )
