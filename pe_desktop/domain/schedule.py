"""Placement calendar rules: planned end dates and meeting due dates.

Placement days are counted on working days (Monday to Friday) at the
placement's days-per-week pattern. Due dates are suggestions the PE may edit.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

from pe_desktop.domain.enums import MeetingKind

MEETING_ORDER: tuple[MeetingKind, ...] = (
    MeetingKind.PRE_PLACEMENT,
    MeetingKind.LEARNING_AGREEMENT,
    MeetingKind.FOUR_WEEK_REVIEW,
    MeetingKind.MIDWAY_REVIEW,
    MeetingKind.FINAL_REVIEW,
)


def calendar_date_of_day(start: date, day_number: int, days_per_week: int = 5) -> date:
    """The calendar date on which placement day ``day_number`` (1-based) falls.

    Weeks start on the start date's week; ``days_per_week`` placement days are
    worked per calendar week, from Monday. A start date at the weekend rolls to
    the next Monday.
    """
    if day_number < 1:
        raise ValueError("day_number must be at least 1")
    if not 1 <= days_per_week <= 5:
        raise ValueError("days_per_week must be between 1 and 5")
    while start.weekday() >= 5:
        start += timedelta(days=1)
    # Days still available in the first week from the start day.
    first_week_days = max(0, min(days_per_week - start.weekday(), 5 - start.weekday()))
    if first_week_days == 0:
        # Started after this week's pattern: begin next Monday.
        start = start + timedelta(days=7 - start.weekday())
        first_week_days = days_per_week
    if day_number <= first_week_days:
        return start + timedelta(days=day_number - 1)
    remaining = day_number - first_week_days
    weeks = math.ceil(remaining / days_per_week)
    offset_in_week = remaining - (weeks - 1) * days_per_week - 1
    monday = start - timedelta(days=start.weekday()) + timedelta(weeks=weeks)
    return monday + timedelta(days=offset_in_week)


def planned_end_date(start: date, required_days: int, days_per_week: int = 5) -> date:
    return calendar_date_of_day(start, required_days, days_per_week)


def meeting_due_dates(
    start: date, required_days: int, days_per_week: int = 5
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
            start, min(10, required_days), days_per_week
        ),
        MeetingKind.FOUR_WEEK_REVIEW: start + timedelta(weeks=4),
        MeetingKind.MIDWAY_REVIEW: calendar_date_of_day(
            start, max(1, math.ceil(required_days / 2)), days_per_week
        ),
        MeetingKind.FINAL_REVIEW: calendar_date_of_day(start, required_days, days_per_week),
    }
