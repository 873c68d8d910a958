"""The currency record on a real SQLite file, with the fixed clock (2026-11-23)."""

from __future__ import annotations

import json
import os
import stat
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from pe_desktop.domain.currency import CpdKind, QualificationKind, Rule, State, StudentOutcome
from pe_desktop.domain.enums import PlacementKind, PlacementStatus
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.currency.service import (
    CheckInInput,
    CpdInput,
    CurrencyService,
    MentoringInput,
    PastStudentInput,
    QualificationInput,
    RegistrationInput,
    default_policy,
)
from pe_desktop.services.dashboard import DashboardService
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.services.profile import ProfileData, ProfileService

TODAY = date(2026, 11, 23)


@pytest.fixture
def svc(ctx):
    ProfileService(ctx).save(ProfileData("Ada Practice", "SW100200"))
    return CurrencyService(ctx)


def add_placement(ctx, name: str, kind: PlacementKind, start: date,
                  status: PlacementStatus | None = None, on: date | None = None) -> int:
    st = StudentService(ctx).create(StudentInput(name, "University of Northfield",
                                                 f"N{abs(hash(name)) % 10**6}"))
    pls = PlacementService(ctx)
    row = pls.create(PlacementInput(student_id=st.id, kind=kind, organisation="Northfield CC",
                                    start_date=start))
    if status is not None:
        if status != PlacementStatus.ACTIVE:
            pls.change_status(row.id, PlacementStatus.ACTIVE, start)
        pls.change_status(row.id, status, on or start)
    return row.id


def test_defaults_come_from_the_resource_file():
    p = default_policy()
    assert p.student_within_months == 24 and p.cpd_window_months == 12
    assert p.checkin_each_new_placement and p.registration_required


def test_empty_record_is_lapsed_with_every_rule_explained(svc):
    status = svc.status()
    assert status.state == State.LAPSED
    rules = {r.rule: r for r in status.reasons}
    assert rules[Rule.STUDENT].state == State.LAPSED
    assert rules[Rule.CPD].text.startswith("No CPD recorded")
    assert rules[Rule.REGISTRATION].state == State.AT_RISK


def test_full_record_is_current_and_students_come_from_placements(ctx, svc):
    pid = add_placement(ctx, "Zoë Okafor", PlacementKind.FIRST, date(2026, 1, 5),
                        PlacementStatus.COMPLETED, date(2026, 4, 10))
    svc.save_registration(RegistrationInput(date(2027, 11, 30), date(2026, 11, 1)))
    svc.save_cpd(CpdInput(date(2026, 6, 1), "Assessing struggling students", 7.0,
                          CpdKind.WORKSHOP, domains=("pcf:professionalism", "peps:C")))
    svc.save_past_student(PastStudentInput("rk", date(2019, 9, 1), date(2020, 1, 20),
                                           PlacementKind.FINAL, "Eastbrook", StudentOutcome.PASSED))
    ov = svc.overview()
    assert ov.status.state == State.CURRENT, ov.status.reasons
    by_source = {s.source: s for s in ov.students}
    assert by_source["placement"].initials == "Z.O."
    assert by_source["placement"].end == date(2026, 4, 10)  # the completion date
    assert by_source["placement"].ref_id == pid
    assert by_source["manual"].initials == "RK"
    assert ov.cpd[0].domains == ("pcf:professionalism", "peps:C")
    assert ov.cpd_hours_by_year() == {2026: 7.0}
    assert list(ov.students_by_year()) == [2026, 2019]
    assert ov.registration_number == "SW100200"


def test_check_in_missing_for_a_new_placement_shows_on_the_dashboard(ctx, svc):
    start = TODAY + timedelta(days=20)
    pid = add_placement(ctx, "Łukasz Nowak", PlacementKind.FIRST, start)
    svc.save_checkin(CheckInInput(TODAY - timedelta(days=400), "M. Manager", True))  # too old
    items = [i for i in DashboardService(ctx).load().items if i.category == "currency"]
    mine = [i for i in items if i.placement_id == pid]
    assert len(mine) == 1 and "no manager check-in" in mine[0].detail
    assert mine[0].when == start + timedelta(days=29)  # due within four weeks of the start
    svc.save_checkin(CheckInInput(TODAY, "M. Manager", True, placement_id=pid))
    items = [i for i in DashboardService(ctx).load().items if i.category == "currency"]
    assert not [i for i in items if i.placement_id == pid]


def test_stage_one_warning_service_level_and_on_the_dashboard(ctx, svc):
    pid = add_placement(ctx, "Amara Mensah", PlacementKind.FINAL, TODAY - timedelta(days=10),
                        PlacementStatus.ACTIVE)
    svc.save_qualification(QualificationInput(QualificationKind.PEPS1, date(2025, 6, 1)))
    assert "stage 1" in svc.sole_final_warning(PlacementKind.FINAL, pid)
    assert svc.sole_final_warning(PlacementKind.FIRST, None) is None
    assert any("sole PE" in i.detail for i in DashboardService(ctx).load().items)
    svc.save_mentoring(MentoringInput("Dr R. Mentor", pid, "Stage 2 PE", TODAY))
    assert svc.sole_final_warning(PlacementKind.FINAL, pid) is None
    assert svc.overview().status.warnings == ()
    # a new final placement (no id yet) still warns; stage 2 silences it
    assert svc.sole_final_warning(PlacementKind.FINAL, None) is not None
    svc.save_qualification(QualificationInput(QualificationKind.PEPS2, date(2026, 7, 1)))
    assert svc.sole_final_warning(PlacementKind.FINAL, None) is None


def test_validation_messages(svc):
    with pytest.raises(ValidationError) as e:
        svc.save_cpd(CpdInput(TODAY + timedelta(days=1), " ", 0))
    assert set(e.value.problems) == {"on_date", "title", "hours"}
    with pytest.raises(ValidationError) as e:
        svc.save_past_student(PastStudentInput("Someone With A Long Name", date(2020, 5, 1),
                                               date(2020, 1, 1)))
    assert set(e.value.problems) == {"initials", "end_date"}
    with pytest.raises(ValidationError) as e:
        svc.save_checkin(CheckInInput(TODAY, "", True, placement_id=9999))
    assert set(e.value.problems) == {"manager", "placement_id"}
    svc.save_qualification(QualificationInput(QualificationKind.PEPS1, date(2024, 1, 1)))
    with pytest.raises(ValidationError, match="already recorded"):
        svc.save_qualification(QualificationInput(QualificationKind.PEPS1, date(2024, 2, 1)))
    with pytest.raises(ValidationError, match="title"):
        svc.save_qualification(QualificationInput(QualificationKind.OTHER))
    svc.save_registration(RegistrationInput(date(2027, 11, 30)))
    with pytest.raises(ValidationError, match="already recorded"):
        svc.save_registration(RegistrationInput(date(2027, 11, 30)))


def test_edit_and_delete(svc):
    cid = svc.save_cpd(CpdInput(date(2026, 1, 1), "Reading", 2))
    svc.save_cpd(CpdInput(date(2026, 1, 2), "Reading group", 3, CpdKind.PEER_GROUP), cid)
    (row,) = svc.overview().cpd
    assert (row.title, row.hours, row.kind) == ("Reading group", 3.0, CpdKind.PEER_GROUP)
    svc.delete_cpd(cid)
    assert svc.overview().cpd == []
    with pytest.raises(PEDesktopError):
        svc.delete_cpd(cid)


def test_policy_stored_per_user_and_reset(svc, tmp_path):
    svc.save_policy({**default_policy().to_dict(), "cpd_min_hours": 20, "name": "North"})
    policy, custom = svc.policy()
    assert custom and policy.cpd_min_hours == 20.0 and policy.name == "North"
    bad = tmp_path / "p.json"
    bad.write_text(json.dumps({"cpd_min_hours": "lots"}))
    with pytest.raises(ValidationError, match="cpd_min_hours"):
        svc.import_policy(bad)
    assert svc.policy()[0].cpd_min_hours == 20.0  # unchanged
    bad.write_text("{not json")
    with pytest.raises(PEDesktopError, match="not a valid JSON"):
        svc.import_policy(bad)
    good = tmp_path / "g.json"
    good.write_text(json.dumps({"name": "South", "student_within_months": 36}))
    assert svc.import_policy(good).student_within_months == 36
    assert svc.reset_policy() == default_policy()
    assert svc.policy() == (default_policy(), False)


def test_attachments_are_stored_by_hash_privately_and_removed_with_their_entry(ctx, svc, tmp_path):
    qid = svc.save_qualification(QualificationInput(QualificationKind.PEPS2, date(2025, 7, 1)))
    cert = tmp_path / "certificate.pdf"
    cert.write_bytes(b"%PDF-1.4 certificate bytes")
    a = svc.attach(cert, qualification_id=qid)
    stored = svc.files.path_for(a.sha256)
    assert svc.files.read_bytes(a.sha256) == cert.read_bytes()
    assert b"certificate bytes" not in stored.read_bytes()  # encrypted at rest
    assert stat.S_IMODE(os.stat(stored).st_mode) == 0o600
    assert svc.overview().qualifications[0].attachments[0].filename == "certificate.pdf"
    out = svc.save_attachment_as(a.id, tmp_path / "copy.pdf")
    assert out.read_bytes() == cert.read_bytes()
    svc.delete_qualification(qid)
    assert not stored.exists()
    with pytest.raises(PEDesktopError, match="cannot read"):
        svc.attach(tmp_path / "missing.pdf",
                   qualification_id=svc.save_qualification(
                       QualificationInput(QualificationKind.PEPS1, date(2024, 1, 1))))
    with ctx.read_session() as s:
        from pe_desktop.storage.models import CurrencyAttachment

        assert s.scalars(select(CurrencyAttachment)).all() == []


def test_tampered_attachment_is_refused_on_copy_out(svc, tmp_path):
    cid = svc.save_cpd(CpdInput(date(2026, 2, 2), "Forum", 1.5, CpdKind.PE_FORUM))
    f = tmp_path / "notes.txt"
    f.write_text("handout")
    a = svc.attach(f, cpd_entry_id=cid)
    svc.files.path_for(a.sha256).write_text("changed")
    with pytest.raises(PEDesktopError, match="damaged"):
        svc.save_attachment_as(a.id, tmp_path / "out.txt")
    assert not (tmp_path / "out.txt").exists()


def test_damaged_stored_policy_falls_back_to_defaults(ctx, svc):
    from pe_desktop.storage.models import Setting

    with ctx.session() as s:
        s.add(Setting(key="currency.policy", value="{broken"))
    assert svc.policy() == (default_policy(), False)
    assert svc.status().policy == default_policy()


def test_statement_content_uses_initials_only(demo_ctx):
    from pe_desktop.services.currency.demo import add_demo_currency
    from pe_desktop.services.currency.statement import build_statement
    from pe_desktop.services.placements.students import StudentService

    add_demo_currency(demo_ctx)
    text = build_statement(demo_ctx).plain_text()
    for st in StudentService(demo_ctx).list():
        assert st.full_name not in text
        assert st.student_number not in text
    assert "Currency status on 23 Nov 2026" in text
    assert "Hours per year" in text and "PEPS stage 1" in text
    assert "What I will do differently" not in text  # reflections stay private


def test_dashboard_does_not_judge_currency_until_the_record_is_started(ctx, svc):
    add_placement(ctx, "Aoife Byrne", PlacementKind.FINAL, TODAY - timedelta(days=5),
                  PlacementStatus.ACTIVE)
    currency = [i for i in DashboardService(ctx).load().items if i.category == "currency"]
    assert currency == []
    assert svc.sole_final_warning(PlacementKind.FINAL) is None
    assert svc.status().state == State.LAPSED  # the Currency page still shows it
    svc.save_cpd(CpdInput(TODAY, "PE forum", 1.0, CpdKind.PE_FORUM))
    titles = [i.title for i in DashboardService(ctx).load().items if i.category == "currency"]
    # the placement started 5 days ago: its check-in is due within the grace period
    assert "Currency at risk — Manager check-in" in titles
    # one CPD activity is "engaged in annual CPD" under the default policy (no hours minimum)
    assert "Currency lapsed — Continuing professional development" not in titles
    assert "Stage 1 PE — final placement" in titles
    assert "no PEPS stage 2" in svc.sole_final_warning(PlacementKind.FINAL)
