"""Report editing, completeness, sign-off, confirmations, reopen and versions."""

from __future__ import annotations

from datetime import date, time

import pytest
from sqlalchemy import select

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.reports import ConfirmationMethod, Recommendation, ReportKind, VersionStatus
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportLocked, ReportService
from pe_desktop.storage.models import ReportVersion


@pytest.fixture
def placement_id(demo_ctx) -> int:
    return PlacementService(demo_ctx).list()[0].id


def _full_content(view, recommendation: Recommendation) -> ReportContent:
    return ReportContent(
        narratives={d.key: f"Evidence for {d.title}: the student showed it in practice."
                    for d in view.domains},
        summary="Holistic summary.", recommendation=recommendation,
        action_plan="Action plan for the second half.",
    )


def _hold_meetings(ctx, placement_id, *kinds):
    svc = PlacementService(ctx)
    for m in svc.detail(placement_id).meetings:
        if m.kind in kinds:
            svc.update_meeting(m.id, held_on=date(2026, 10, 1))


def test_open_creates_a_draft_with_placement_details(demo_ctx, placement_id):
    view = ReportService(demo_ctx).open(placement_id, ReportKind.MIDWAY)
    assert view.version.number == 1 and view.version.status == VersionStatus.DRAFT
    d = view.details
    row = PlacementService(demo_ctx).get(placement_id)
    assert d.student == row.student_name and d.pe_name == "Máire Ó Dónaill"
    assert d.days_completed == row.days_completed and d.start_date == row.start_date
    assert len(view.domains) == 9
    assert dict(d.rows())["Student"] == row.student_name
    # opening again does not create a second report or version
    again = ReportService(demo_ctx).open(placement_id, ReportKind.MIDWAY)
    assert again.report_id == view.report_id and len(again.versions) == 1


def test_checklist_lists_what_is_missing(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.FINAL)
    failing = {c.key for c in view.checklist if not c.ok}
    assert {"domains", "summary", "recommendation"} <= failing
    saved = svc.save(view.version.id, _full_content(view, Recommendation.PASS))
    view = svc.get(placement_id, ReportKind.FINAL)
    assert saved.content.recommendation == Recommendation.PASS
    by_key = {c.key: c for c in view.checklist}
    assert by_key["domains"].ok and by_key["summary"].ok and by_key["recommendation"].ok
    assert "action_plan" not in by_key  # EPRs have no action plan
    _hold_meetings(demo_ctx, placement_id, MeetingKind.LEARNING_AGREEMENT,
                   MeetingKind.MIDWAY_REVIEW)
    by_key = {c.key: c for c in svc.get(placement_id, ReportKind.FINAL).checklist}
    assert by_key["learning_agreement"].ok and by_key["midway_meeting"].ok


def test_short_narrative_does_not_count_as_addressed(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    content = _full_content(view, Recommendation.SATISFACTORY)
    first = view.domains[0]
    narratives = dict(content.narratives, **{first.key: "ok"})
    items = svc.checklist(view, ReportContent(**{**content.__dict__, "narratives": narratives}))
    dom = next(c for c in items if c.key == "domains")
    assert not dom.ok and first.title in dom.detail


def test_recommendation_must_fit_the_kind(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    with pytest.raises(ValidationError, match="not a recommendation"):
        svc.save(view.version.id, ReportContent(recommendation=Recommendation.PASS))
    # a midway report can be borderline too (the QA panel samples every borderline report)
    assert svc.save(view.version.id, ReportContent(borderline=True)).content.borderline
    with pytest.raises(ValidationError, match="Unknown domains"):
        svc.save(view.version.id, ReportContent(narratives={"nonsense": "x"}))


def test_sign_needs_complete_checklist_or_override_with_reason(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    svc.save(view.version.id, _full_content(view, Recommendation.CONCERNS))
    with pytest.raises(ValidationError, match="Not ready to sign"):
        svc.sign(view.version.id)
    with pytest.raises(ValidationError, match="Say why"):
        svc.sign(view.version.id, override=True, override_reason="  ")
    signed = svc.sign(view.version.id, override=True,
                      override_reason="Learning agreement held off-system")
    assert signed.locked and signed.checklist_override
    assert signed.signed_by == "Máire Ó Dónaill" and signed.signed_at is not None
    assert signed.snapshot and signed.snapshot["details"][0][0] == "Student"
    with pytest.raises(ReportLocked, match="reopen"):
        svc.save(signed.id, ReportContent(summary="changed"))
    with demo_ctx.read_session() as s:
        v = s.scalars(select(ReportVersion).where(ReportVersion.id == signed.id)).one()
        assert v.summary == "Holistic summary."


def test_reopen_keeps_the_signed_version_and_copies_it(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.FINAL)
    svc.save(view.version.id, _full_content(view, Recommendation.FAIL))
    signed = svc.sign(view.version.id, override=True, override_reason="test")
    with pytest.raises(ValidationError, match="why"):
        svc.reopen(signed.id, "")
    new = svc.reopen(signed.id, "Tutor asked for more evidence in domain 5")
    assert new.number == 2 and not new.locked
    assert new.content == signed.content
    with pytest.raises(ValidationError, match="latest signed"):
        svc.reopen(signed.id, "again")
    svc.save(new.id, ReportContent(**{**new.content.__dict__, "summary": "Revised."}))
    report = svc.get(placement_id, ReportKind.FINAL)
    assert [v.number for v in report.versions] == [1, 2]
    old = svc.get(placement_id, ReportKind.FINAL, version=1)
    assert old.version.content.summary == "Holistic summary." and old.version.locked
    assert report.version.content.summary == "Revised."
    assert report.version.reopen_reason.startswith("Tutor asked")


def test_confirmations_recorded_on_signed_versions_only(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    with pytest.raises(ValidationError, match="once you have signed"):
        svc.record_confirmation(view.version.id, "student", "Zoë", date(2026, 11, 23),
                                ConfirmationMethod.EMAIL)
    signed = svc.sign(view.version.id, override=True, override_reason="test")
    with pytest.raises(ValidationError, match="future"):
        svc.record_confirmation(signed.id, "oss", "Łukasz", date(2026, 12, 1),
                                ConfirmationMethod.IN_PERSON)
    v = svc.record_confirmation(signed.id, "student", "Zoë Brontë", demo_ctx.today(),
                                ConfirmationMethod.EMAIL)
    v = svc.record_confirmation(signed.id, "oss", "Łukasz Nowak", demo_ctx.today(),
                                ConfirmationMethod.IN_PERSON)
    assert v.student_confirmation.text() == "Zoë Brontë, 23 Nov 2026 (by email)"
    assert v.oss_confirmation.name == "Łukasz Nowak" and v.locked


def test_stale_save_is_refused(demo_ctx, placement_id):
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    svc.save(view.version.id, ReportContent(summary="first"))
    from pe_desktop.domain.errors import PEDesktopError

    with pytest.raises(PEDesktopError, match="changed elsewhere"):
        svc.save(view.version.id, ReportContent(summary="second"),
                 expected_updated_at=view.version.updated_at)


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Pacific/Auckland", "Pacific/Kiritimati"])
def test_signed_late_in_the_evening_is_signed_that_day(demo_ctx, placement_id, zone):
    """23:30 local on the 5th is the 5th, whatever the UTC date of the instant."""
    from zoneinfo import ZoneInfo

    demo_ctx.clock.tz = ZoneInfo(zone)
    demo_ctx.clock.set(date(2026, 11, 5), time(23, 30))
    svc = ReportService(demo_ctx)
    view = svc.open(placement_id, ReportKind.MIDWAY)
    signed = svc.sign(view.version.id, override=True, override_reason="test")
    assert demo_ctx.local_date(signed.signed_at) == date(2026, 11, 5)
    v = svc.record_confirmation(signed.id, "student", "Zoë Brontë", date(2026, 11, 5),
                                ConfirmationMethod.EMAIL)
    assert v.student_confirmation.on == date(2026, 11, 5)
    with pytest.raises(ValidationError, match="before you signed"):
        svc.record_confirmation(signed.id, "oss", "Łukasz Nowak", date(2026, 11, 4),
                                ConfirmationMethod.EMAIL)
