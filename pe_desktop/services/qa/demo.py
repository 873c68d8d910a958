"""Demo history for peer QA: three years of signed reports and a pending request.

Ten earlier placements (one to three years back) each get a signed midway
report and EPR dated when they were written, among them an EPR fail, a
borderline pass and a midway report raising concerns; a demo panel (whose
keys are thrown away) signs a sample request that the PE has imported.
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from sqlalchemy import insert, update

from pe_desktop.domain.enums import (
    AttendanceKind,
    MeetingKind,
    PEArrangement,
    PlacementKind,
    PlacementStatus,
    ProgrammeKind,
)
from pe_desktop.domain.qa.request import Organisation, SampleRequest
from pe_desktop.domain.qa.sampling import ALWAYS_RULES
from pe_desktop.domain.reports import ConfirmationMethod, Recommendation, ReportKind
from pe_desktop.domain.schedule import calendar_date_of_day
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.services.reports.demo import NARRATIVES
from pe_desktop.services.reports.service import ReportContent, ReportService
from pe_desktop.storage.models import AttendanceDay, Meeting, ReportVersion

PAST = [  # name, org, team, oss, tutor, kind, route, statutory
    ("Eilidh MacLeod", "Westmoor County Council", "Fostering Team", "Jolene Pryce",
     "Dr Helen Marsh", PlacementKind.FINAL, ProgrammeKind.BA, True),
    ("Kwame Mensah", "Harbourside Women's Aid", "Outreach", "Fatima Hassan",
     "Dr Kofi Asante", PlacementKind.FIRST, ProgrammeKind.MA, False),
    ("Renée Dubois", "Northfield City Council", "Children in Need — East", "Bríd Kavanagh",
     "Ms Zsófia Horváth", PlacementKind.FINAL, ProgrammeKind.STEP_UP, True),
    ("Hamza Chowdhury", "Greenway Mental Health Trust", "Early Intervention in Psychosis",
     "Dev Anand", "Mr Pádraig Doyle", PlacementKind.FIRST, ProgrammeKind.BA, True),
    ("Gráinne Byrne", "Riverside Young Carers", "Family Support", "Marcus Lindqvist",
     "Dr Helen Marsh", PlacementKind.FIRST, ProgrammeKind.BA, False),
    ("Joaquín García", "Westmoor County Council", "Community Learning Disability Team",
     "Jolene Pryce", "Dr Kofi Asante", PlacementKind.FINAL, ProgrammeKind.MA, True),
    ("Ifeoma Adeyemi", "Northfield City Council", "Adult Social Care — Hospital Discharge",
     "Fatima Hassan", "Ms Zsófia Horváth", PlacementKind.FINAL, ProgrammeKind.APPRENTICESHIP,
     True),
    ("Björn Lindqvist", "Harbourside Women's Aid", "Outreach", "Bríd Kavanagh",
     "Mr Pádraig Doyle", PlacementKind.FIRST, ProgrammeKind.BA, False),
    ("Precious Evans", "Riverside Young Carers", "Family Support", "Dev Anand",
     "Dr Helen Marsh", PlacementKind.FIRST, ProgrammeKind.MA, False),
    ("Dónal Ó Súilleabháin", "Greenway Mental Health Trust",
     "Early Intervention in Psychosis", "Marcus Lindqvist", "Dr Kofi Asante",
     PlacementKind.FINAL, ProgrammeKind.BA, True),
]
FAIL, BORDERLINE, CONCERNS = 2, 5, 7  # indexes into PAST
ORGANISATIONS = (Organisation("NCC", "Northfield City Council"),
                 Organisation("WCC", "Westmoor County Council"),
                 Organisation("VCS", "Voluntary and community sector"),
                 Organisation("NHS", "NHS trusts"),
                 Organisation("IND", "Independent practice educators"))


def _texts(first: str, oss: str, kind: ReportKind, i: int) -> ReportContent:
    oss_first = oss.split()[0]
    narr = {k: v.format(n=first) for k, v in NARRATIVES.items()}
    narr["skills_interventions"] = (
        f"In my observation on 14/03 {first} visited Mrs Okonjo and her son Lennon at home in "
        f"the Brookfield estate; {oss_first} noted how {first} explained the plan calmly. "
        "Erikson's stages and the Care Act 2014 s.9 framed the assessment.")
    if kind == ReportKind.MIDWAY:
        concerns = i == CONCERNS
        return ReportContent(
            narratives=narr,
            summary=(f"{first} is not yet working at the expected level: records are late and "
                     f"{oss_first} has raised two concerns about punctuality." if concerns else
                     f"{first} is making satisfactory progress towards the expected level."),
            recommendation=Recommendation.CONCERNS if concerns else Recommendation.SATISFACTORY,
            learning_agreement_review="The learning agreement is being followed.",
            action_plan=(f"{first} will agree a weekly recording plan with {oss_first}; "
                         "review in four weeks." if concerns else
                         "Lead on one assessment from start to finish."),
            student_comments="I agree with this report and the action plan.",
            oss_comments=f"{oss_first} agrees with the report.",
        )
    fail = i == FAIL
    return ReportContent(
        narratives=narr,
        summary=(f"{first} has not met the expected level in domains 6 and 7 despite the "
                 "support plan agreed at the concerns meeting." if fail else
                 f"{first} has met the expected level, narrowly in domain 6."
                 if i == BORDERLINE else f"{first} has met the expected level in all domains."),
        recommendation=Recommendation.FAIL if fail else Recommendation.PASS,
        borderline=i == BORDERLINE,
        student_comments="Thank you for the support during this placement.",
        oss_comments=f"Email from {oss_first}: agrees with the recommendation.",
    )


def _backdate(ctx: AppContext, version_id: int, on: date) -> None:
    # 16:30 on that day where the PE is: its local date is ``on`` at any UTC offset.
    at = ctx.at_local(on, time(16, 30))
    with ctx.session() as s:
        s.execute(update(ReportVersion).where(ReportVersion.id == version_id)
                  .values(signed_at=at, created_at=at, updated_at=at))


def add_past_placements(ctx: AppContext, seed: int = 12) -> int:
    rng = random.Random(seed)
    today = ctx.today()
    students, placements, reports = StudentService(ctx), PlacementService(ctx), ReportService(ctx)
    signed = 0
    for i, (name, org, team, oss, tutor, kind, route, statutory) in enumerate(PAST):
        start = calendar_date_of_day(today - timedelta(days=1100 - i * 80), 1)
        with ctx.session() as s:
            st = students.create_in(s, StudentInput(
                full_name=name, university="University of Northfield" if i % 2 else
                "Eastbrook University", student_number=f"QA{200000 + i}",
                email=f"past{i}@students.example.ac.uk", programme=f"{route.value} route",
                programme_kind=route, cohort=str(start.year)))
            p = placements.create_in(s, PlacementInput(
                student_id=st.id, kind=kind, organisation=org, start_date=start, team=team,
                statutory=statutory, pe_arrangement=PEArrangement.OFFSITE, oss_name=oss,
                tutor_name=tutor, tutor_contact="tutor@example.ac.uk"))
            s.flush()
            days = [calendar_date_of_day(start, n) for n in range(1, p.required_days + 1)]
            s.execute(insert(AttendanceDay), [
                dict(placement_id=p.id, day=d, kind=AttendanceKind.ATTENDED, reason="")
                for d in days])
            p.status = PlacementStatus.COMPLETED
            for m in s.query(Meeting).filter(Meeting.placement_id == p.id):
                if m.kind != MeetingKind.PRE_PLACEMENT:
                    m.held_on = m.due_date + timedelta(days=rng.randrange(0, 3))
            midway = next(m for m in s.query(Meeting).filter(Meeting.placement_id == p.id)
                          if m.kind == MeetingKind.MIDWAY_REVIEW)
            # signed on the day of the midway review and on the planned last day
            pid, mid, end = p.id, midway.held_on or midway.due_date, p.planned_end_date
        first = name.split()[0]
        for rk, on in ((ReportKind.MIDWAY, mid), (ReportKind.FINAL, end)):
            view = reports.open(pid, rk)
            reports.save(view.version.id, _texts(first, oss, rk, i))
            reports.sign(view.version.id, override=True,
                         override_reason="Entered after the placement")
            _backdate(ctx, view.version.id, on)
            reports.record_confirmation(view.version.id, "student", name, on,
                                        ConfirmationMethod.IN_PERSON)
            reports.record_confirmation(view.version.id, "oss", oss, on,
                                        ConfirmationMethod.EMAIL)
            signed += 1
    return signed


def add_demo_request(ctx: AppContext, seed: int = 12) -> str:
    """A request from a demo panel (its keys are discarded) for the last three years."""
    from pe_desktop.services.packages.keys import AgeKeyPair, new_signing_key
    from pe_desktop.services.packages.signed_document import sign_document
    from pe_desktop.services.qa.requests import RequestService

    rng = random.Random(seed)
    today = ctx.today()
    key = new_signing_key("Northfield Teaching Partnership QA panel", ctx.now(),
                          "PE Desktop QA panel")
    req = SampleRequest(
        round_id=f"NTP-{today.year}-Q4", panel_id=f"demo-panel-{rng.getrandbits(64):016x}",
        panel_name="Northfield Teaching Partnership QA panel",
        age_recipient=AgeKeyPair.generate().recipient, signing_cert=key.cert_pem,
        period_from=today - timedelta(days=3 * 365), period_to=today, rate_percent=10,
        always_include=ALWAYS_RULES, kinds=("midway", "final"), due=today + timedelta(days=10),
        salt=rng.randbytes(32), organisations=ORGANISATIONS,
        created_at=ctx.now().replace(microsecond=0).isoformat())
    RequestService(ctx).import_bytes(sign_document(req.to_payload(), key), "demo")
    return req.round_id


def add_demo_qa(ctx: AppContext) -> dict[str, int]:
    signed = add_past_placements(ctx)
    add_demo_request(ctx)
    return {"qa_signed_reports": signed, "qa_requests": 1}
