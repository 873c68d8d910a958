from datetime import date

import pytest

from pe_desktop.domain.attendance import days_completed
from pe_desktop.domain.enums import AttendanceKind, MeetingKind
from pe_desktop.domain.schedule import calendar_date_of_day, meeting_due_dates, planned_end_date
from pe_desktop.domain.working_days import closed_days, is_bank_holiday, no_closures

MON = date(2026, 1, 5)


def test_five_day_week_counts_working_days_only():
    assert calendar_date_of_day(MON, 1) == MON
    assert calendar_date_of_day(MON, 5) == date(2026, 1, 9)
    assert calendar_date_of_day(MON, 6) == date(2026, 1, 12)  # skips the weekend
    assert planned_end_date(MON, 70, closed=no_closures) == date(2026, 4, 10)  # 14 weeks
    # Good Friday (3 Apr) and Easter Monday (6 Apr) 2026 are not placement days.
    assert planned_end_date(MON, 70) == date(2026, 4, 14)


def test_christmas_bank_holidays_and_closure_days_are_skipped():
    """Issue 16, defect 14: 25 Dec, 28 Dec (Boxing Day observed) and 1 Jan counted."""
    start = date(2026, 12, 21)
    days = [calendar_date_of_day(start, n) for n in range(1, 9)]
    assert date(2026, 12, 25) not in days and date(2026, 12, 28) not in days
    assert date(2027, 1, 1) not in days
    assert days == [date(2026, 12, 21), date(2026, 12, 22), date(2026, 12, 23),
                    date(2026, 12, 24), date(2026, 12, 29), date(2026, 12, 30),
                    date(2026, 12, 31), date(2027, 1, 4)]
    closed = closed_days([date(2026, 12, 24), date(2026, 12, 29)])  # the team's closure
    assert calendar_date_of_day(start, 4, closed=closed) == date(2026, 12, 30)
    assert is_bank_holiday(date(2027, 12, 28)) and not is_bank_holiday(date(2027, 12, 29))


def test_weekend_start_rolls_to_monday():
    assert calendar_date_of_day(date(2026, 1, 3), 1) == MON


def test_part_time_pattern_and_mid_week_start():
    # three days a week (Mon–Wed) starting on a Wednesday
    assert calendar_date_of_day(date(2026, 1, 7), 1, 3) == date(2026, 1, 7)
    assert calendar_date_of_day(date(2026, 1, 7), 2, 3) == date(2026, 1, 12)
    # a Thursday start on a Mon–Wed pattern begins the next Monday
    assert calendar_date_of_day(date(2026, 1, 8), 1, 3) == date(2026, 1, 12)


def test_meeting_due_dates_for_a_first_placement():
    due = meeting_due_dates(MON, 70, closed=no_closures)
    assert due[MeetingKind.PRE_PLACEMENT] == date(2025, 12, 29)
    assert due[MeetingKind.LEARNING_AGREEMENT] == date(2026, 1, 16)  # day 10
    assert due[MeetingKind.FOUR_WEEK_REVIEW] == date(2026, 2, 2)
    assert due[MeetingKind.MIDWAY_REVIEW] == date(2026, 2, 20)  # day 35 (week 7, Friday)
    assert due[MeetingKind.FINAL_REVIEW] == date(2026, 4, 10)  # day 70


def test_due_dates_reject_bad_input():
    with pytest.raises(ValueError):
        meeting_due_dates(MON, 0)
    with pytest.raises(ValueError):
        calendar_date_of_day(MON, 1, 6)


def test_days_completed_counts_attended_and_study_days_not_absences():
    kinds = [AttendanceKind.ATTENDED] * 8 + [AttendanceKind.STUDY] * 2 + [AttendanceKind.ABSENT] * 3
    assert days_completed(kinds) == 10
    assert days_completed([]) == 0


from datetime import timedelta  # noqa: E402

from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    n=st.integers(min_value=1, max_value=400),
    dpw=st.integers(min_value=1, max_value=5),
)
def test_day_n_is_the_nth_pattern_day_on_or_after_the_start(start, n, dpw):
    d = calendar_date_of_day(start, n, dpw)
    assert d >= start
    assert d.weekday() < dpw and not is_bank_holiday(d)
    # count the pattern days from the (working-day) start up to d
    first = calendar_date_of_day(start, 1, dpw)
    days = sum(
        1 for i in range((d - first).days + 1)
        if (first + timedelta(days=i)).weekday() < dpw
        and not is_bank_holiday(first + timedelta(days=i))
    )
    assert days == n
