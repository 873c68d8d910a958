"""Synthetic supervision, observations, feedback and evidence for the demo
dataset and the benchmarks. Everything is invented and anonymised; dates are
relative to the context's ``today``."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select

from pe_desktop.domain.coverage import default_required_observations
from pe_desktop.domain.enums import PlacementStatus
from pe_desktop.domain.evidence_vocab import (
    JUDGEMENT_ORDER,
    EvidenceKind,
    FeedbackMethod,
    FeedbackSource,
    ObservationStatus,
    ObserverRole,
    SupervisionType,
)
from pe_desktop.domain.frameworks import default_registry
from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import (
    EvidenceDomain,
    EvidenceItem,
    FeedbackDomain,
    Observation,
    ObservationJudgement,
    Placement,
    ServiceFeedback,
    Student,
    SupervisionAction,
    SupervisionDomain,
    SupervisionSession,
)

DOMAIN_KEYS = [d.key for d in default_registry().default.domains]

TOPICS = [
    "safeguarding thresholds and the referral she made on duty",
    "a carer's assessment under the Care Act and how eligibility was explained",
    "power in the relationship with a parent who disagreed with the plan",
    "recording: keeping case notes factual, timely and respectful",
    "the mental capacity assessment she observed and the best-interests meeting",
    "managing a caseload of four families alongside university assignments",
    "anti-oppressive practice when working with an interpreter",
    "a strengths-based conversation with a young carer",
    "the team's duty system and when to escalate to a manager",
    "using attachment theory to make sense of a child's behaviour at contact",
    "the Section 47 strategy discussion and the student's role in it",
    "hospital discharge planning and the tension between risk and autonomy",
    "professional curiosity when a story did not add up",
    "working with domestic abuse: risk assessment with the DASH checklist",
    "self-care after a difficult home visit",
]
REFLECTIONS = [
    "I noticed I rushed to reassure rather than listen; next time I will pause.",
    "Linking Gibbs' cycle to the visit helped me see what I would change.",
    "I felt anxious about challenging the health colleague but did it respectfully.",
    "Reading about intersectionality changed how I framed the assessment.",
    "I am more confident explaining my role and the limits of confidentiality.",
]
ACTIONS = [
    "Read the local safeguarding procedures", "Shadow a duty shift",
    "Write a critical reflection on the home visit", "Complete the Care Act e-learning",
    "Prepare a case summary for the next supervision", "Book the second direct observation",
    "Meet the team manager about caseload", "Find research on kinship care",
]
SETTINGS = [
    "Home visit to a family known to the team; two children present",
    "Telephone assessment on the duty desk",
    "Review meeting at a day centre with an older person and their daughter",
    "Office interview with a young person leaving care",
    "Multi-agency meeting held online",
]
ACCOUNTS = [
    "Introduced herself and her role clearly, checked understanding and used open questions. "
    "Stayed calm when the parent became upset and summarised the agreed next steps.",
    "Built rapport quickly and explained confidentiality; could have explored the carer's own "
    "needs further. Recording afterwards was accurate and timely.",
    "Managed a complex conversation with confidence, balancing risk and the person's wishes, "
    "and sought advice appropriately afterwards.",
]
FEEDBACK = [
    "She listened and didn't rush us. I understood what would happen next.",
    "Polite and kind. She came back to me when she said she would.",
    "I felt she understood how hard things have been for my mum.",
    "Explained things in plain words, not jargon.",
]
ITEM_TITLES = {
    EvidenceKind.REFLECTIVE_LOG: "Reflective log: {topic}",
    EvidenceKind.CRITICAL_REFLECTION: "Critical reflection on {topic}",
    EvidenceKind.CASE_WORK: "Case work: {topic}",
    EvidenceKind.COLLEAGUE_FEEDBACK: "Colleague feedback after {topic}",
    EvidenceKind.STUDENT_HUB: "Student hub session on {topic}",
    EvidenceKind.OTHER: "Training day: {topic}",
}
NOTES = ["shows growing confidence", "links theory to practice", "applies the law accurately",
         "reflects on own values", "works in partnership", "uses supervision well", ""]


def _domains(rng: random.Random, lo: int = 1, hi: int = 3) -> list[str]:
    return rng.sample(DOMAIN_KEYS, rng.randint(lo, hi))


def add_demo_evidence(ctx: AppContext, seed: int = 11) -> dict[str, int]:
    """Evidence for every started placement, written in one transaction (the
    demo is built often, by tests too, so it bypasses the per-record services)."""
    rng = random.Random(seed)
    today = ctx.today()
    counts = {"supervision_sessions": 0, "observations": 0, "service_feedback": 0,
              "evidence_items": 0}
    with ctx.session() as s:
        rows = s.execute(select(Placement.id, Placement.kind, Placement.start_date,
                                Placement.planned_end_date, Placement.status, Student.full_name)
                         .join(Student, Student.id == Placement.student_id)).all()
        for pid, kind, start, end, status, student in rows:
            if start > today or status == PlacementStatus.PLANNED:
                continue
            last = min(today, end)
            # weekly supervision, with the odd missed week; the newest may be overdue
            d = start + timedelta(days=7)  # start is a working day: sessions keep its weekday
            n = 0
            while d <= last - timedelta(days=2):
                if rng.random() > 0.1:
                    old = d < today - timedelta(days=14)
                    x = SupervisionSession(
                        placement_id=pid, held_on=d,
                        kind=SupervisionType.FORMAL_PE if n % 3 else SupervisionType.ONSITE_SUPERVISOR,
                        start_time=rng.choice(["09:30", "13:00", "15:30"]),
                        duration_minutes=rng.choice([60, 75, 90]),
                        attendees=f"{student}, practice educator",
                        agenda="1. Wellbeing\n2. Actions from last time\n3. Case discussion\n4. Learning",
                        discussion=f"We discussed {rng.choice(TOPICS)}.",
                        reflections=rng.choice(REFLECTIONS),
                        wellbeing=rng.choice(["Well; workload manageable.",
                                              "Tired; agreed a study day.",
                                              "Fine, looking forward to the next visit."]),
                        acknowledged_by=student if old else "",
                        acknowledged_at=datetime.combine(d + timedelta(days=1), time(12), UTC)
                        if old else None,
                    )
                    x.domains = [SupervisionDomain(domain_key=k) for k in _domains(rng, 1, 3)]
                    x.actions = [
                        SupervisionAction(description=a, owner=rng.choice([student.split()[0], "PE"]),
                                          due_date=d + timedelta(days=7),
                                          done_on=d + timedelta(days=6) if old else None)
                        for a in rng.sample(ACTIONS, rng.randint(0, 2))
                    ]
                    s.add(x)
                    n += 1
                d += timedelta(days=7 if rng.random() > 0.1 else 14)
            counts["supervision_sessions"] += n
            # direct observations spread over the placement, the last one by the PE
            required = default_required_observations(kind.value)
            span = (end - start).days
            for i in range(required):
                on = start + timedelta(days=int(span * (i + 1) / (required + 1)))
                done = on <= today - timedelta(days=3)
                role = ObserverRole.PE if i == required - 1 else ObserverRole.ONSITE_SUPERVISOR
                o = Observation(
                    placement_id=pid, observed_on=on,
                    status=ObservationStatus.COMPLETED if done else ObservationStatus.PLANNED,
                    observer_role=role,
                    observer_name="" if role == ObserverRole.PE else "Bríd Kavanagh",
                    setting=rng.choice(SETTINGS) if done else "", consent_obtained=done,
                    consent_notes="Verbal consent before the visit" if done else "",
                    observer_account=rng.choice(ACCOUNTS) if done else "",
                    feedback="Strengths discussed; develop use of theory in recording." if done else "",
                    student_reflection=rng.choice(REFLECTIONS) if done else "",
                )
                if done:
                    level = JUDGEMENT_ORDER[min(3, 1 + i)]
                    o.judgements = [ObservationJudgement(domain_key=k, judgement=level,
                                                         comment=rng.choice(NOTES))
                                    for k in _domains(rng, 3, 5)]
                s.add(o)
                counts["observations"] += 1
                if done and rng.random() < 0.7:
                    s.flush()
                    f = ServiceFeedback(
                        placement_id=pid, received_on=on, source=rng.choice(list(FeedbackSource)),
                        method=rng.choice(list(FeedbackMethod)),
                        how_gathered="Asked by the PE after the visit, with consent",
                        content=rng.choice(FEEDBACK), observation_id=o.id)
                    f.domains = [FeedbackDomain(domain_key=k) for k in _domains(rng, 1, 2)]
                    s.add(f)
                    counts["service_feedback"] += 1
            # evidence items; professional leadership left thin, as it often is
            for _ in range(rng.randint(5, 10)):
                k = rng.choice(list(ITEM_TITLES))
                on = start + timedelta(days=rng.randint(0, max(0, (last - start).days)))
                keys = [x for x in _domains(rng, 1, 3) if x != "professional_leadership"] \
                    or ["knowledge"]
                item = EvidenceItem(placement_id=pid, kind=k,
                                    title=ITEM_TITLES[k].format(topic=rng.choice(TOPICS))[:200],
                                    item_date=min(on, today), description=rng.choice(REFLECTIONS))
                item.domains = [EvidenceDomain(domain_key=x, note=rng.choice(NOTES)) for x in keys]
                s.add(item)
                counts["evidence_items"] += 1
    return counts


__all__ = ["add_demo_evidence", "DOMAIN_KEYS", "TOPICS", "REFLECTIONS", "ACTIONS", "SETTINGS",
           "ACCOUNTS", "FEEDBACK", "ITEM_TITLES", "NOTES", "EvidenceKind", "date"]
