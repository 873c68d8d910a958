"""Placement calendar rules: planned end dates and meeting due dates.

Placement days are counted on working days (Monday to Friday) at the
placement's days-per-week pattern, leaving out England's bank holidays and the
placement's closure days. Due dates are suggestions the PE may edit.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.working_days import Closed, is_bank_holiday

MEETING_ORDER: tuple[MeetingKind, ...] = (
    MeetingKind.PRE_PLACEMENT,
    MeetingKind.LEARNING_AGREEMENT,
    MeetingKind.FOUR_WEEK_REVIEW,
    MeetingKind.MIDWAY_REVIEW,
    MeetingKind.FINAL_REVIEW,
)


def calendar_date_of_day(start: date, day_number: int, days_per_week: int = 5,
                         closed: Closed = is_bank_holiday) -> date:
    """The calendar date on which placement day ``day_number`` (1-based) falls.

    ``days_per_week`` placement days are worked per calendar week, from Monday
    (a start later in the week works that week's remaining pattern days; a start
    at the weekend rolls to Monday). Days for which ``closed(day)`` is true (by
    default England's bank holidays; see ``working_days.closed_days`` for a
    placement's own closures) are not placement days.
    """
    if day_number < 1:
        raise ValueError("day_number must be at least 1")
    if not 1 <= days_per_week <= 5:
        raise ValueError("days_per_week must be between 1 and 5")
    day = start
    counted = 0
    while True:
        if day.weekday() < days_per_week and not closed(day):
            counted += 1
            if counted == day_number:
                return day
        day += timedelta(days=1)


def planned_end_date(start: date, required_days: int, days_per_week: int = 5,
                     closed: Closed = is_bank_holiday) -> date:
    return calendar_date_of_day(start, required_days, days_per_week, closed)


def meeting_due_dates(
    start: date, required_days: int, days_per_week: int = 5, closed: Closed = is_bank_holiday,
) -> dict[MeetingKind, date]:
    """Suggested due dates for the placement's review meetings.

    - pre-placement: one week before the start;
    - learning agreement: by the end of placement day 10;
    - four-week review: four calendar weeks after the start;
    - midway review: on the placement day half-way through the required days;
    - final review: on the last required placement day.
    """
    if required_days < 1:
        raise ValueError("required_days must be at least 1")
    return {
        MeetingKind.PRE_PLACEMENT: start - timedelta(days=7),
        MeetingKind.LEARNING_AGREEMENT: calendar_date_of_day(
            start, min(10, required_days), days_per_week, closed
        ),
        MeetingKind.FOUR_WEEK_REVIEW: start + timedelta(weeks=4),
        MeetingKind.MIDWAY_REVIEW: calendar_date_of_day(
            start, max(1, math.ceil(required_days / 2)), days_per_week, closed
        ),
        MeetingKind.FINAL_REVIEW: calendar_date_of_day(start, required_days, days_per_week,
                                                       closed),
    }
