"""Profile, students, placements, attendance and dashboard services on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pe_desktop.domain.enums import AttendanceKind, MeetingKind, PlacementKind, PlacementStatus
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.schedule import MEETING_ORDER
from pe_desktop.services.dashboard import DashboardService, Severity
from pe_desktop.services.placements.attendance import AttendanceEntry, AttendanceService, week_of
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.services.profile import ProfileData, ProfileService

TODAY = date(2026, 11, 23)  # a Monday; the ctx fixture's clock


def _student(ctx, name="Siobhán Ní Bhriain", number="NF1001", uni="University of Northfield"):
    return StudentService(ctx).create(StudentInput(full_name=name, university=uni, student_number=number,
                                                   programme="MA Social Work"))


def _placement(ctx, student_id, **kw):
    data = dict(student_id=student_id, kind=PlacementKind.FIRST, organisation="Westmoor County Council",
                start_date=date(2026, 10, 5))
    data.update(kw)
    return PlacementService(ctx).create(PlacementInput(**data))


def test_profile_requires_name_and_a_registration_number(ctx):
    svc = ProfileService(ctx)
    with pytest.raises(ValidationError) as err:
        svc.save(ProfileData(full_name=" ", swe_registration="12345"))
    assert set(err.value.problems) == {"full_name", "swe_registration"}
    assert svc.get() is None
    saved = svc.save(ProfileData(full_name="Zoë Adeyemi", swe_registration="sw123456"))
    assert saved.swe_registration == "SW123456"
    assert svc.get().full_name == "Zoë Adeyemi"


def test_duplicate_student_id_at_the_same_university_is_refused(ctx):
    _student(ctx)
    with pytest.raises(ValidationError) as err:
        _student(ctx, name="Łukasz Nowak", number="NF1001", uni="university of  northfield")
    assert "already used" in err.value.problems["student_number"]
    # the same number at another university is a different student
    other = _student(ctx, name="Łukasz Nowak", number="NF1001", uni="Eastbrook University")
    assert other.university == "Eastbrook University"
    assert len(StudentService(ctx).list()) == 2


def test_student_validation_lists_every_problem(ctx):
    with pytest.raises(ValidationError) as err:
        StudentService(ctx).create(StudentInput(full_name="", university="", student_number="",
                                                email="not-an-email"))
    assert set(err.value.problems) == {"full_name", "university", "student_number", "email"}
    assert StudentService(ctx).list() == []


def test_archiving_hides_a_student_until_restored(ctx):
    st = _student(ctx)
    svc = StudentService(ctx)
    svc.set_archived(st.id, True)
    assert svc.list() == []
    assert [s.id for s in svc.list(include_archived=True)] == [st.id]
    svc.set_archived(st.id, False)
    assert [s.id for s in svc.list()] == [st.id]


def test_placement_defaults_follow_the_kind(ctx):
    st = _student(ctx)
    first = _placement(ctx, st.id)
    final = _placement(ctx, st.id, kind=PlacementKind.FINAL, start_date=date(2027, 9, 6))
    assert (first.required_days, first.framework_level) == (70, "end_first")
    assert (final.required_days, final.framework_level) == (100, "end_last")
    assert first.planned_end_date == date(2027, 1, 8)  # 70 working days from Mon 5 Oct 2026
    detail = PlacementService(ctx).detail(first.id)
    assert [m.kind for m in detail.meetings] == list(MEETING_ORDER)  # the scheduled ones
    assert detail.status_history[0].to_status == PlacementStatus.PLANNED


def test_required_days_are_editable_not_hard_coded(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id, required_days=85, days_per_week=4)
    assert p.required_days == 85
    assert p.days_per_week == 4


def test_end_date_must_follow_start_date(ctx):
    st = _student(ctx)
    with pytest.raises(ValidationError) as err:
        _placement(ctx, st.id, planned_end_date=date(2026, 10, 5))
    assert "after the start date" in err.value.problems["planned_end_date"]
    assert PlacementService(ctx).list() == []


def test_editing_the_start_moves_only_meetings_not_set_by_hand(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    svc = PlacementService(ctx)
    meetings = {m.kind: m for m in svc.detail(p.id).meetings}
    svc.update_meeting(meetings[MeetingKind.MIDWAY_REVIEW].id, due_date=date(2026, 11, 30))
    data = svc.get(p.id).to_input()
    svc.update(p.id, PlacementInput(**{**data.__dict__, "start_date": date(2026, 10, 12),
                                       "planned_end_date": None}))
    after = {m.kind: m for m in svc.detail(p.id).meetings}
    assert after[MeetingKind.MIDWAY_REVIEW].due_date == date(2026, 11, 30)
    assert after[MeetingKind.FOUR_WEEK_REVIEW].due_date == date(2026, 11, 9)


def test_a_meeting_cannot_be_held_in_the_future(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    m = PlacementService(ctx).detail(p.id).meetings[0]
    with pytest.raises(ValidationError):
        PlacementService(ctx).update_meeting(m.id, held_on=TODAY + timedelta(days=1))
    row = PlacementService(ctx).update_meeting(m.id, held_on=TODAY)
    assert row.held_on == TODAY


def test_status_changes_need_a_reason_and_are_kept(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    svc = PlacementService(ctx)
    svc.change_status(p.id, PlacementStatus.ACTIVE, date(2026, 10, 5))
    with pytest.raises(ValidationError):
        svc.change_status(p.id, PlacementStatus.SUSPENDED, TODAY, reason="  ")
    svc.change_status(p.id, PlacementStatus.SUSPENDED, TODAY, reason="Student unwell")
    hist = svc.detail(p.id).status_history
    assert [(h.from_status, h.to_status) for h in hist][-2:] == [
        (PlacementStatus.PLANNED, PlacementStatus.ACTIVE),
        (PlacementStatus.ACTIVE, PlacementStatus.SUSPENDED),
    ]
    assert hist[-1].reason == "Student unwell"


def test_a_week_of_attendance_is_saved_at_once_and_counted_exactly(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    att = AttendanceService(ctx)
    week = week_of(date(2026, 11, 16))
    entries = {d: AttendanceEntry(d, AttendanceKind.ATTENDED) for d in week}
    entries[week[2]] = AttendanceEntry(week[2], AttendanceKind.ABSENT, "Sickness")
    entries[week[4]] = AttendanceEntry(week[4], AttendanceKind.STUDY)
    att.save_days(p.id, entries)
    assert PlacementService(ctx).get(p.id).days_completed == 4
    # clearing a day and changing another
    att.save_days(p.id, {week[0]: None, week[2]: AttendanceEntry(week[2], AttendanceKind.ATTENDED)})
    assert PlacementService(ctx).get(p.id).days_completed == 4
    assert [e.day for e in att.entries(p.id)] == week[1:]


def test_bad_attendance_changes_nothing(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    att = AttendanceService(ctx)
    good, bad = date(2026, 11, 16), date(2026, 11, 17)
    with pytest.raises(ValidationError) as err:
        att.save_days(p.id, {good: AttendanceEntry(good, AttendanceKind.ATTENDED),
                             bad: AttendanceEntry(bad, AttendanceKind.ABSENT)})
    assert "reason" in err.value.problems[bad.isoformat()]
    with pytest.raises(ValidationError):
        att.save_days(p.id, {date(2026, 9, 1): AttendanceEntry(date(2026, 9, 1), AttendanceKind.ATTENDED)})
    with pytest.raises(ValidationError):
        future = TODAY + timedelta(days=1)
        att.save_days(p.id, {future: AttendanceEntry(future, AttendanceKind.ATTENDED)})
    assert att.entries(p.id) == []


def test_dashboard_lists_overdue_upcoming_and_ending(ctx):
    st = _student(ctx)
    svc = PlacementService(ctx)
    # started 5 Oct: learning agreement (16 Oct) and four-week review (2 Nov) are overdue
    p = _placement(ctx, st.id)
    svc.change_status(p.id, PlacementStatus.ACTIVE, date(2026, 10, 5))
    ending = _placement(ctx, _student(ctx, "Zoë Okafor", "NF2002").id, start_date=date(2026, 8, 31),
                        planned_end_date=TODAY + timedelta(days=10))
    data = DashboardService(ctx).load()
    titles = [i.title for i in data.items]
    assert any(t.startswith("Learning agreement meeting — Siobhán") for t in titles)
    overdue = [i for i in data.items if i.severity == Severity.OVERDUE and i.placement_id == p.id]
    assert "meeting" in {i.category for i in overdue}
    ending_items = [i for i in data.items if i.category == "ending"]
    assert [i.placement_id for i in ending_items] == [ending.id]
    assert "ends in 10 days" in ending_items[0].detail
    # marking held removes the item
    la = next(m for m in svc.detail(p.id).meetings if m.kind == MeetingKind.LEARNING_AGREEMENT)
    svc.update_meeting(la.id, held_on=date(2026, 10, 16))
    assert not any(t.startswith("Learning agreement meeting — Siobhán")
                   for t in (i.title for i in DashboardService(ctx).load().items))
    # most urgent first
    sev = [i.severity for i in data.items]
    assert sev == sorted(sev, reverse=True)


def test_dashboard_ignores_completed_and_archived_placements(ctx):
    st = _student(ctx)
    p = _placement(ctx, st.id)
    PlacementService(ctx).change_status(p.id, PlacementStatus.COMPLETED, TODAY)
    q = _placement(ctx, st.id, kind=PlacementKind.FINAL)
    PlacementService(ctx).set_archived(q.id, True)
    data = DashboardService(ctx).load()
    assert data.placements == []
    assert [i for i in data.items if i.placement_id in (p.id, q.id)] == []


def test_unknown_ids_give_a_clear_not_found_message(ctx):
    from pe_desktop.domain.errors import NotFoundError

    with pytest.raises(NotFoundError, match="^No student with id 999$"):
        StudentService(ctx).get(999)
    with pytest.raises(NotFoundError, match="^No placement with id 42$"):
        PlacementService(ctx).change_status(42, PlacementStatus.ACTIVE, TODAY)
