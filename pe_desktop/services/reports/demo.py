"""Demo reports: what a PE sees after a few placements in PE Desktop.

Completed placements get a signed midway report and a signed End of Placement
Report (with the student's and on-site supervisor's confirmations); the active
placement furthest past its midway point gets a midway report in draft.
"""

from __future__ import annotations

from datetime import date, time, timedelta

from pe_desktop.domain.enums import MeetingKind, PlacementStatus
from pe_desktop.domain.reports import ConfirmationMethod, Recommendation, ReportKind
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementRow, PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportService

#: One plain sentence per domain key of PCF 2018 (invented for the demo).
NARRATIVES = {
    "professionalism": "{n} manages time well, keeps accurate records and uses supervision "
                       "to reflect on the boundaries of the role.",
    "values_ethics": "{n} recognises the tension between risk and autonomy and talks it through "
                     "openly with the people they work with.",
    "diversity_equality": "{n} notices how culture and faith shape what families tell them, and "
                          "adapts the approach rather than assuming.",
    "rights_justice": "{n} helped a carer claim the allowance she was entitled to and explained "
                      "the carer's rights under the Care Act in plain language.",
    "knowledge": "{n} links attachment theory and the relevant legislation to assessments "
                 "and cites research accurately.",
    "critical_reflection": "{n}'s reflective logs move from description to analysis; they "
                           "question first impressions.",
    "skills_interventions": "Direct observations show {n} building rapport quickly, explaining "
                            "the role, and agreeing realistic plans.",
    "contexts_organisations": "{n} works with health and education colleagues and understands "
                              "how thresholds and procedures shape decisions.",
    "professional_leadership": "{n} presented a case study at the team meeting and supports a "
                               "newer student in the office.",
}


def _content(row: PlacementRow, domains: list[str], kind: ReportKind) -> ReportContent:
    first = row.student_name.split()[0]
    narratives = {k: NARRATIVES.get(k, "{n} has shown steady progress.").format(n=first)
                  for k in domains}
    if kind == ReportKind.MIDWAY:
        return ReportContent(
            narratives=narratives,
            summary=f"{first} is making satisfactory progress towards the expected level.",
            recommendation=Recommendation.SATISFACTORY,
            learning_agreement_review="The learning agreement is being followed; "
                                      "opportunities for statutory work have been added.",
            action_plan="Lead on one assessment from start to finish; "
                        "a second direct observation by the PE.",
            student_comments="I agree with this report and the action plan.",
            oss_comments="A thoughtful student who is well liked by the team.",
        )
    return ReportContent(
        narratives=narratives,
        summary=f"{first} has met the expected level across all nine domains.",
        recommendation=Recommendation.PASS,
        student_comments="Thank you for the support during this placement.",
        oss_comments="Ready for the next stage of training.",
    )


def signing_day(ctx: AppContext, row: PlacementRow, kind: ReportKind) -> date:
    """When the report would have been signed: the midway review (held or due) for
    a midway report, the planned end for the EPR; never after today."""
    if kind == ReportKind.MIDWAY:
        midway = next(m for m in PlacementService(ctx).detail(row.id).meetings
                      if m.kind == MeetingKind.MIDWAY_REVIEW)
        day = midway.held_on or midway.due_date
    else:
        day = row.planned_end_date
    return min(day, ctx.today())


def _sign(svc: ReportService, row: PlacementRow, kind: ReportKind) -> None:
    view = svc.open(row.id, kind)
    svc.save(view.version.id, _content(row, [d.key for d in view.domains], kind))
    on = signing_day(svc.ctx, row, kind)
    # the afternoon of that day where the PE is, so its local date is ``on``
    at = min(svc.ctx.at_local(on, time(15, 0)), svc.ctx.now())
    svc.sign(view.version.id, override=True, signed_at=at,
             override_reason="Signed on paper before the placement was entered in PE Desktop")
    svc.record_confirmation(view.version.id, "student", row.student_name, on,
                            ConfirmationMethod.IN_PERSON)
    if row.oss_name:
        oss_on = min(on + timedelta(days=2), svc.ctx.today())
        svc.record_confirmation(view.version.id, "oss", row.oss_name, oss_on,
                                ConfirmationMethod.EMAIL)


def add_demo_reports(ctx: AppContext) -> dict[str, int]:
    svc = ReportService(ctx)
    rows = PlacementService(ctx).list()
    completed = [r for r in rows if r.status == PlacementStatus.COMPLETED][:3]
    for row in completed:
        _sign(svc, row, ReportKind.MIDWAY)
        _sign(svc, row, ReportKind.FINAL)
    active = sorted((r for r in rows if r.status == PlacementStatus.ACTIVE
                     and r.days_completed * 2 >= r.required_days),
                    key=lambda r: -r.days_completed)
    drafts = 0
    for row in active[:1]:
        view = svc.open(row.id, ReportKind.MIDWAY)
        keys = [d.key for d in view.domains][:6]  # a draft still in progress
        svc.save(view.version.id, _content(row, keys, ReportKind.MIDWAY))
        drafts += 1
    return {"report_versions": 2 * len(completed) + drafts}
