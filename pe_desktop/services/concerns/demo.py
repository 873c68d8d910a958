"""Demo: a struggling student — a cause for concern raised by the on-site supervisor,
its concerns meetings and action plan, a midway review rated amber/red and a midway
report of "progress raising concerns" (borderline) whose action plan is the concern's."""

from __future__ import annotations

from datetime import date, timedelta

from pe_desktop.domain.concerns import ConcernRaiser
from pe_desktop.domain.enums import PlacementStatus
from pe_desktop.domain.reports import Recommendation, ReportKind
from pe_desktop.domain.reviews import AttendeeRole, Rag, ReviewArea, ReviewStage
from pe_desktop.services.concerns.rows import ActionInput, ConcernInput, MeetingInput
from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementRow, PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportService
from pe_desktop.services.reviews.service import CheckInput, ReviewInput, ReviewService


def struggling_placement(ctx: AppContext) -> PlacementRow | None:
    """The demo's struggling student: the running placement furthest past a third of its days."""
    rows = [r for r in PlacementService(ctx).list() if r.status == PlacementStatus.ACTIVE
            and r.days_completed * 3 >= r.required_days]
    rows.sort(key=lambda r: -r.days_completed)
    return rows[1] if len(rows) > 1 else (rows[0] if rows else None)


def add_demo_concern(ctx: AppContext) -> dict[str, int]:
    row = struggling_placement(ctx)
    if row is None:
        return {"concerns": 0}
    today = ctx.today()
    first = row.student_name.split()[0]
    raised = max(row.start_date + timedelta(days=14), today - timedelta(days=24))
    raised = min(raised, today)
    met = min(raised + timedelta(days=3), today)

    def later(days: int) -> date:
        return today + timedelta(days=days)

    review_on = max(raised, today - timedelta(days=2))
    ReviewService(ctx).save(row.id, ReviewInput(
        ReviewStage.MIDWAY, met,
        ((AttendeeRole.PE, ""), (AttendeeRole.OSS, row.oss_name),
         (AttendeeRole.TUTOR, row.tutor_name), (AttendeeRole.PEC, "Practice education lead"),
         (AttendeeRole.STUDENT, row.student_name)),
        (CheckInput(ReviewArea.OPPORTUNITIES, Rag.GREEN,
                    "Duty, two joint visits a week and a carer's assessment of their own."),
         CheckInput(ReviewArea.SUPPORT, Rag.AMBER,
                    "Two supervision sessions were cancelled in October; now weekly again."),
         CheckInput(ReviewArea.PERFORMANCE, Rag.RED,
                    f"{first}'s case recording is several weeks behind and two visits were "
                    "missed without telling the team."),
         CheckInput(ReviewArea.ISSUES, Rag.AMBER,
                    "A cause for concern was raised by the on-site supervisor; see the action "
                    "plan.")),
        "Concerns meeting arranged; tutor to be kept informed weekly.",
    ))
    reports = ReportService(ctx)
    view = reports.open(row.id, ReportKind.MIDWAY)
    c = view.version.content
    from pe_desktop.services.reports.demo import NARRATIVES

    narratives = {k: NARRATIVES[k].format(n=first) for k in
                  ("values_ethics", "diversity_equality", "knowledge", "critical_reflection")}
    narratives["professionalism"] = (f"{first} is warm and committed, but case recording has "
                                     "fallen weeks behind and two visits were missed without "
                                     "telling the team: see the cause for concern.")
    reports.save(view.version.id, ReportContent(
        narratives=narratives, summary=c.summary, recommendation=Recommendation.CONCERNS,
        borderline=True, learning_agreement_review=c.learning_agreement_review,
        action_plan=c.action_plan,
    ))
    ConcernService(ctx).create(row.id, ConcernInput(
        raised_on=raised, raised_by=ConcernRaiser.OSS, raised_by_name=row.oss_name,
        description=(f"{first}'s case recording is several weeks behind and two home visits "
                     "were missed without letting the team know. The on-site supervisor is "
                     "worried about accountability and about the people whose visits were "
                     "missed."),
        domains=("professionalism", "skills_interventions", "contexts_organisations"),
        actions=(
            ActionInput("Bring all case recording up to date, within 48 hours of each visit "
                        "from now on", "Student", review_on),
            ActionInput("Check recording together at the start of each supervision",
                        "Practice educator", later(5)),
            ActionInput("Agree a visit diary shared with the duty desk", "On-site supervisor",
                        later(12)),
        ),
        meetings=(
            MeetingInput(met, met, "PE, on-site supervisor, student, tutor",
                         "Concern explained and accepted; action plan agreed."),
            MeetingInput(later(9), None, "PE, student, tutor", "Review of the action plan"),
        ),
    ), link_midway=True)
    return {"concerns": 1}
