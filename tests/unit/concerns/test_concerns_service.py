"""Causes for concern: validation, action plan, meetings in the timeline, the
midway report link (its action plan is the concern's), dashboard items."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pe_desktop.domain.concerns import ConcernOutcome, ConcernRaiser, review_state
from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.reports import Recommendation, ReportKind
from pe_desktop.services.concerns.rows import ActionInput, ConcernInput, MeetingInput
from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.services.dashboard import DashboardService
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportService

TODAY = date(2026, 11, 23)


@pytest.fixture
def placement_id(demo_ctx) -> int:
    return next(p.id for p in PlacementService(demo_ctx).list() if p.status.value == "active")


def _concern(**kw) -> ConcernInput:
    base = dict(
        raised_on=TODAY - timedelta(days=10), raised_by=ConcernRaiser.OSS,
        raised_by_name="Dee Okafor", description="Recording is weeks behind; two visits missed.",
        domains=("professionalism", "skills_interventions"),
        actions=(ActionInput("Bring case recording up to date", "Student", TODAY + timedelta(3)),
                 ActionInput("Weekly recording check in supervision", "PE", TODAY - timedelta(2))),
        meetings=(MeetingInput(TODAY - timedelta(days=7), TODAY - timedelta(days=7),
                               "PE, OSS, student, tutor", "Plan agreed"),
                  MeetingInput(TODAY + timedelta(days=10))),
    )
    base.update(kw)
    return ConcernInput(**base)


def test_review_state_rule():
    assert review_state(TODAY + timedelta(8), None, TODAY) is None
    assert review_state(TODAY + timedelta(7), None, TODAY).words() == "review due in 7 days"
    assert review_state(TODAY, None, TODAY).words() == "review due today"
    late = review_state(TODAY - timedelta(1), None, TODAY)
    assert late.overdue and late.words() == "review overdue by 1 day"
    assert review_state(TODAY - timedelta(1), TODAY, TODAY) is None  # done


def test_create_read_update_and_plan_text(demo_ctx, placement_id):
    svc = ConcernService(demo_ctx)
    c = svc.create(placement_id, _concern())
    assert c.raiser_text == "On-site supervisor (Dee Okafor)"
    assert [a.owner for a in c.actions] == ["Student", "PE"]
    assert c.plan_text().splitlines()[0].startswith("1. Bring case recording up to date — "
                                                    "owner: Student — review 26 Nov 2026")
    done = svc.update(c.id, c.to_input().__class__(**{
        **c.to_input().__dict__, "outcome": ConcernOutcome.RESOLVED, "outcome_on": TODAY}))
    assert done.outcome_text == "Resolved on 23 Nov 2026" and not done.is_open
    assert [a.id for a in done.actions] == [a.id for a in c.actions]  # kept, not recreated


BAD = [
    ({"description": "  "}, "description"),
    ({"raised_on": TODAY + timedelta(1)}, "raised_on"),
    ({"domains": ("no_such_domain",)}, "domains"),
    ({"actions": (ActionInput(""),)}, "actions"),
    ({"outcome": ConcernOutcome.PANEL}, "outcome_on"),
    ({"outcome": ConcernOutcome.ENDED, "outcome_on": TODAY - timedelta(30)}, "outcome_on"),
    ({"meetings": (MeetingInput(TODAY, TODAY + timedelta(1)),)}, "meetings"),
]


def test_bad_input_is_refused_and_nothing_is_written(demo_ctx, placement_id):
    svc = ConcernService(demo_ctx)
    for change, field in BAD:
        with pytest.raises(ValidationError) as err:
            svc.create(placement_id, _concern(**change))
        assert field in err.value.problems, change
    assert svc.list(placement_id) == []


def test_concerns_meetings_join_the_meeting_timeline(demo_ctx, placement_id):
    ConcernService(demo_ctx).create(placement_id, _concern())
    meetings = PlacementService(demo_ctx).detail(placement_id).meetings
    concerns = [m for m in meetings if m.kind == MeetingKind.CONCERNS]
    assert len(concerns) == 2 and all(m.concern_id for m in concerns)
    dates = [m.due_date for m in meetings]
    assert dates == sorted(dates)


def test_dashboard_lists_action_reviews_and_meetings(demo_ctx, placement_id):
    ConcernService(demo_ctx).create(placement_id, _concern())
    items = [i for i in DashboardService(demo_ctx).load().items if i.category == "concern"]
    details = sorted(i.detail for i in items)
    assert any("review overdue by 2 days" in d and "(PE)" in d for d in details)
    assert any("review due in 3 days" in d for d in details)
    assert any(i.title.startswith("Concerns meeting") for i in items)
    assert all(i.placement_id == placement_id for i in items)


def test_midway_link_makes_the_concern_plan_the_reports(demo_ctx, placement_id):
    reports = ReportService(demo_ctx)
    view = reports.open(placement_id, ReportKind.MIDWAY)
    reports.save(view.version.id, ReportContent(recommendation=Recommendation.CONCERNS,
                                                borderline=True, action_plan="typed plan"))
    svc = ConcernService(demo_ctx)
    c = svc.create(placement_id, _concern(), link_midway=True)
    view = reports.get(placement_id, ReportKind.MIDWAY)
    assert view.linked_concern_id == c.id
    assert view.version.content.action_plan == c.plan_text()
    assert view.version.content.borderline  # the midway report can be borderline too
    # typing into the report's plan does not win over the concern's
    reports.save(view.version.id, ReportContent(recommendation=Recommendation.CONCERNS,
                                                action_plan="something else"))
    assert reports.get(placement_id, ReportKind.MIDWAY).version.content.action_plan == \
        c.plan_text()
    # editing the concern updates the draft report
    data = c.to_input()
    changed = svc.update(c.id, data.__class__(**{**data.__dict__, "actions": data.actions[:1]}))
    assert reports.get(placement_id, ReportKind.MIDWAY).version.content.action_plan == \
        changed.plan_text()
    assert "Weekly recording" not in changed.plan_text()
    assert view.concerns and view.concerns[0]["actions"][0][1] == "Student"
