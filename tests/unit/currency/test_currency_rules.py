"""Currency rules with a fixed clock: the boundary cases from issue 5."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pe_desktop.domain.currency import (
    CheckIn,
    CpdItem,
    CurrencyPolicy,
    CurrencyRecord,
    MentoringItem,
    OpenPlacement,
    QualificationItem,
    QualificationKind,
    Rule,
    State,
    SupportedStudent,
    add_months,
    checkin_reasons,
    cpd_covered_until,
    cpd_hours_on,
    cpd_reason,
    evaluate,
    initials,
    registration_reason,
    sole_final_warnings,
    student_reason,
)
from pe_desktop.domain.errors import ValidationError

POLICY = CurrencyPolicy(at_risk_days=30, cpd_min_hours=10)


def student(end: date, start: date | None = None, who: str = "A.B.") -> SupportedStudent:
    return SupportedStudent(initials=who, start=start or end - timedelta(days=140), end=end)


# -- calendar months --------------------------------------------------------
@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2024, 2, 29), 24, date(2026, 2, 28)),  # leap day → end of February
    (date(2024, 2, 29), 48, date(2028, 2, 29)),  # next leap year keeps the 29th
    (date(2024, 8, 31), 24, date(2026, 8, 31)),
    (date(2024, 8, 31), 6, date(2025, 2, 28)),   # 31 Aug + 6 months: clamped
    (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2026, 11, 23), -12, date(2025, 11, 23)),
    (date(2025, 3, 31), -1, date(2025, 2, 28)),
    (date(2025, 12, 15), 1, date(2026, 1, 15)),  # across a year end
])
def test_add_months_uses_calendar_months_and_clamps(start, months, expected):
    assert add_months(start, months) == expected


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31)),
       st.integers(min_value=-240, max_value=240))
def test_add_months_properties(d, n):
    r = add_months(d, n)
    assert (r.year * 12 + r.month) - (d.year * 12 + d.month) == n
    assert r.day <= d.day
    if r.day < d.day:  # only clamped to the last day of a shorter month
        assert (r + timedelta(days=1)).month != r.month


# -- supported a student within 24 months -------------------------------------
def test_exactly_24_months_after_the_last_student_is_still_current_and_lapses_next_day():
    end = date(2024, 11, 23)
    on_anniversary = student_reason([student(end)], date(2026, 11, 23), POLICY)
    assert on_anniversary.state == State.AT_RISK  # still current, lapsing tomorrow
    assert on_anniversary.lapses_on == date(2026, 11, 24)
    assert "lapses tomorrow, 24 Nov 2026" in on_anniversary.text
    day_after = student_reason([student(end)], date(2026, 11, 24), POLICY)
    assert day_after.state == State.LAPSED
    assert "lapsed on 24 Nov 2026" in day_after.text


def test_student_ending_on_29_february_counts_until_28_february_two_years_on():
    r = student_reason([student(date(2024, 2, 29))], date(2026, 2, 28), POLICY)
    assert r.state == State.AT_RISK and r.lapses_on == date(2026, 3, 1)
    assert student_reason([student(date(2024, 2, 29))], date(2026, 3, 1), POLICY).state \
        == State.LAPSED


def test_student_ending_31_august_counts_through_31_august():
    r = student_reason([student(date(2024, 8, 31))], date(2026, 8, 31), POLICY)
    assert r.state != State.LAPSED and r.lapses_on == date(2026, 9, 1)


def test_current_student_well_inside_the_window_and_the_latest_student_wins():
    today = date(2026, 11, 23)
    r = student_reason([student(date(2020, 1, 1), who="X.Y."), student(date(2026, 7, 17))],
                       today, POLICY)
    assert r.state == State.CURRENT
    assert r.lapses_on == date(2028, 7, 18)
    assert "current until 17 Jul 2028" in r.text and "A.B." in r.text


def test_a_running_placement_keeps_the_pe_current_and_a_future_one_does_not():
    today = date(2026, 11, 23)
    running = SupportedStudent("C.D.", date(2026, 10, 1), None)
    assert student_reason([running], today, POLICY).state == State.CURRENT
    future = SupportedStudent("E.F.", date(2027, 1, 4), None)
    r = student_reason([future], today, POLICY)
    assert r.state == State.LAPSED and r.lapses_on is None


def test_no_students_is_lapsed_with_a_way_forward():
    r = student_reason([], date(2026, 11, 23), POLICY)
    assert r.state == State.LAPSED and "add placements or past students" in r.text


@settings(max_examples=200)
@given(st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31)),
       st.integers(min_value=-900, max_value=900))
def test_student_rule_lapses_exactly_after_the_anniversary(end, offset):
    today = end + timedelta(days=140 + offset) if offset > -140 else end
    today = max(today, end)
    r = student_reason([student(end)], today, POLICY)
    assert (r.state == State.LAPSED) == (today > add_months(end, 24))
    assert r.lapses_on == add_months(end, 24) + timedelta(days=1)


# -- CPD in the last 12 months, minimum hours ------------------------------------
TODAY = date(2026, 11, 23)


def test_cpd_just_under_the_minimum_is_lapsed_and_at_the_minimum_is_current():
    under = [CpdItem(date(2026, 3, 1), 6.0), CpdItem(date(2026, 9, 1), 3.5)]
    r = cpd_reason(under, TODAY, POLICY)
    assert r.state == State.LAPSED
    assert "9.5 hours of CPD in the last 12 months" in r.text
    assert "at least 10 hours needed" in r.text
    assert r.lapses_on is None  # never reached the minimum
    enough = [*under, CpdItem(date(2026, 10, 1), 0.5)]
    r2 = cpd_reason(enough, TODAY, POLICY)
    assert r2.state == State.CURRENT
    # the March entry expires first: current until 1 Mar 2027, lapsing the day after
    assert r2.lapses_on == date(2027, 3, 2)


def test_cpd_that_met_the_minimum_and_expired_says_when_it_lapsed():
    items = [CpdItem(date(2025, 6, 10), 12.0), CpdItem(date(2026, 2, 1), 2.0)]
    r = cpd_reason(items, TODAY, POLICY)
    assert r.state == State.LAPSED
    assert r.lapses_on == date(2026, 6, 11)
    assert "lapsed on 11 Jun 2026" in r.text


def test_cpd_entry_exactly_twelve_months_old_still_counts():
    item = CpdItem(date(2025, 11, 23), 10.0)
    assert cpd_hours_on([item], TODAY, 12) == 10.0
    r = cpd_reason([item], TODAY, POLICY)
    assert r.state == State.AT_RISK and r.lapses_on == date(2026, 11, 24)


def test_cpd_with_no_minimum_needs_one_entry():
    policy = CurrencyPolicy(cpd_min_hours=0, at_risk_days=30)
    assert cpd_reason([], TODAY, policy).state == State.LAPSED
    r = cpd_reason([CpdItem(date(2026, 5, 5), 1)], TODAY, policy)
    assert r.state == State.CURRENT and "at least one entry" in r.text


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(min_value=0, max_value=900),
                          st.sampled_from([0.5, 1.0, 2.5, 3.0, 6.0, 7.5])),
                min_size=0, max_size=6),
       st.sampled_from([0.5, 3.0, 6.0, 10.0]))
def test_cpd_coverage_matches_a_day_by_day_count(entries, minimum):
    policy = CurrencyPolicy(cpd_min_hours=minimum, at_risk_days=30)
    items = [CpdItem(TODAY - timedelta(days=ago), h) for ago, h in entries]
    until = cpd_covered_until(items, TODAY, policy)
    # brute force: the last day, from three years back to a year ahead, that meets it
    days = [TODAY - timedelta(days=1100) + timedelta(days=i) for i in range(1500)]
    meeting = [d for d in days if cpd_hours_on([i for i in items if i.on <= d], d, 12) >= minimum
               and any(i.on <= d for i in items)]
    assert until == (max(meeting) if meeting else None)
    state = cpd_reason(items, TODAY, policy).state
    assert (state == State.LAPSED) == (until is None or until < TODAY)


# -- registration -------------------------------------------------------------
def test_registration_lapsing_tomorrow_is_at_risk():
    r = registration_reason(TODAY, TODAY, POLICY)  # current up to and including today
    assert r.state == State.AT_RISK and r.lapses_on == TODAY + timedelta(days=1)
    assert "lapses tomorrow" in r.text
    assert registration_reason(TODAY - timedelta(days=1), TODAY, POLICY).state == State.LAPSED


def test_registration_at_risk_window_edges():
    policy = CurrencyPolicy(at_risk_days=30)
    # lapses in exactly 30 days → at risk; in 31 days → current
    assert registration_reason(TODAY + timedelta(days=29), TODAY, policy).state == State.AT_RISK
    assert registration_reason(TODAY + timedelta(days=30), TODAY, policy).state == State.CURRENT


def test_no_registration_date_is_at_risk_not_lapsed_and_can_be_switched_off():
    assert registration_reason(None, TODAY, POLICY).state == State.AT_RISK
    assert registration_reason(None, TODAY, CurrencyPolicy(registration_required=False)) is None


# -- manager check-in for each new placement ------------------------------------
P1 = OpenPlacement(1, "A.B. — First placement", date(2026, 10, 5), "first")
P2 = OpenPlacement(2, "C.D. — Final placement", date(2027, 1, 11), "final")


def test_check_in_missing_for_one_new_placement():
    checkins = [CheckIn(date(2026, 9, 20), True, placement_id=1)]
    reasons = checkin_reasons([P1, P2], checkins, TODAY, CurrencyPolicy(at_risk_days=60))
    assert len(reasons) == 1
    (r,) = reasons
    assert r.placement_id == 2 and r.state == State.AT_RISK
    assert "C.D." in r.text and "starts 11 Jan 2027" in r.text
    assert r.lapses_on == date(2027, 2, 9)  # four weeks' grace after the start


def test_started_placement_without_check_in_lapses_after_the_grace_period():
    (r,) = checkin_reasons([P1], [], TODAY, POLICY)
    assert r.state == State.LAPSED and r.lapses_on == date(2026, 11, 3)
    (r0,) = checkin_reasons([P1], [], TODAY, CurrencyPolicy(checkin_grace_days=0))
    assert r0.lapses_on == date(2026, 10, 6)


def test_a_new_pe_is_not_lapsed_on_day_one():
    """Issue 16, defect 10: a check-in "lapsed" the day after the first placement started."""
    from dataclasses import replace

    started_yesterday = replace(P1, start=TODAY - timedelta(days=1))
    (r,) = checkin_reasons([started_yesterday], [], TODAY, POLICY)
    assert r.state != State.LAPSED and "due by" in r.text
    (late,) = checkin_reasons([started_yesterday], [], TODAY + timedelta(days=28), POLICY)
    assert late.state == State.LAPSED


def test_unlinked_check_in_before_the_start_counts_and_caseload_no_does_not():
    ok = [CheckIn(date(2026, 8, 1), True)]  # 65 days before P1's start
    (r,) = checkin_reasons([P1], ok, TODAY, POLICY)
    assert r.state == State.CURRENT
    too_early = [CheckIn(date(2026, 6, 1), True)]
    assert checkin_reasons([P1], too_early, TODAY, POLICY)[0].state == State.LAPSED
    refused = [CheckIn(date(2026, 9, 1), False, placement_id=1)]
    (r2,) = checkin_reasons([P1], refused, TODAY, POLICY)
    assert r2.state == State.LAPSED and "not appropriate on 1 Sep 2026" in r2.text


def test_check_in_rule_can_be_switched_off():
    assert checkin_reasons([P1], [], TODAY, CurrencyPolicy(checkin_each_new_placement=False)) == []


# -- overall status and stage 1 warning -------------------------------------------
def test_overall_state_is_the_worst_reason_and_lists_every_rule():
    record = CurrencyRecord(
        registration_until=date(2027, 11, 30),
        students=(student(date(2026, 6, 30)),),
        cpd=(CpdItem(date(2026, 10, 1), 10.0),),
        checkins=(CheckIn(date(2026, 9, 1), True, 1),),
        open_placements=(P1,),
    )
    status = evaluate(record, POLICY, TODAY)
    assert status.state == State.CURRENT
    assert {r.rule for r in status.reasons} == set(Rule)
    assert status.next_lapse == date(2027, 10, 2)  # the CPD entry expires first
    lapsed = evaluate(CurrencyRecord(**{**record.__dict__, "registration_until": TODAY
                                        - timedelta(days=3)}), POLICY, TODAY)
    assert lapsed.state == State.LAPSED
    assert [r.rule for r in lapsed.problems] == [Rule.REGISTRATION]


def test_stage_one_pe_sole_on_a_final_placement_is_warned_until_a_mentor_is_recorded():
    stage1 = (QualificationItem(QualificationKind.PEPS1, date(2025, 5, 1)),)
    record = CurrencyRecord(open_placements=(P1, P2), qualifications=stage1)
    (w,) = sole_final_warnings(record, TODAY)
    assert w.placement_id == 2 and "stage 1 PE" in w.text
    mentored = CurrencyRecord(open_placements=(P1, P2), qualifications=stage1,
                              mentoring=(MentoringItem(2, "Dr R. Mentor"),))
    assert sole_final_warnings(mentored, TODAY) == []
    stage2 = (*stage1, QualificationItem(QualificationKind.PEPS2, date(2026, 6, 1)))
    assert sole_final_warnings(CurrencyRecord(open_placements=(P2,), qualifications=stage2),
                               TODAY) == []
    in_progress = (*stage1, QualificationItem(QualificationKind.PEPS2, None))
    assert len(sole_final_warnings(CurrencyRecord(open_placements=(P2,),
                                                  qualifications=in_progress), TODAY)) == 1


# -- policy as data -------------------------------------------------------------
def test_policy_round_trips_and_refuses_bad_values():
    p = CurrencyPolicy(cpd_min_hours=12.5, at_risk_days=45, name="North partnership")
    assert CurrencyPolicy.from_dict(p.to_dict()) == p
    assert CurrencyPolicy.from_dict({"cpd_min_hours": 3}).cpd_min_hours == 3.0
    with pytest.raises(ValidationError) as err:
        CurrencyPolicy.from_dict({"student_within_months": "24", "at_risk_days": -1,
                                  "bogus": 1, "checkin_each_new_placement": 1})
    assert set(err.value.problems) == {"student_within_months", "at_risk_days", "bogus",
                                       "checkin_each_new_placement"}


def test_initials():
    assert initials("Siobhán Ní Bhriain") == "S.N.B."
    assert initials("Jean-Luc O'Connor") == "J.L.O."
    assert initials("") == ""
