"""Benchmark data for reports: midway and end-of-placement reports, and a full
evidence record (supervision, observations, feedback, evidence items) for
placements, so the portfolio PDF has realistic length.

Listed in ``benchmarks.generate.EXTENDERS``; :func:`fill_placement` is also
used by tests to build one well-evidenced placement.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

PHRASES = [
    "worked alongside the family to agree a plan that they could own",
    "reflected on the power imbalance in the first home visit and changed her approach",
    "used supervision to unpick a difficult conversation with a parent",
    "applied the Care Act eligibility criteria accurately and explained them plainly",
    "challenged a discriminatory remark in a team meeting, calmly and with evidence",
    "recorded visits promptly, analytically and in language the person could read",
    "sought out research on neglect and brought it into her assessment",
    "recognised the limits of her role and escalated a safeguarding concern the same day",
    "managed a caseload of four with growing independence",
    "contributed to the team's learning by presenting a case study",
]


def _text(rng: random.Random, sentences: int, who: str = "The student") -> str:
    out = []
    for _ in range(sentences):
        out.append(f"{who} {rng.choice(PHRASES)}.")
    return " ".join(out)


def fill_placement(ctx: Any, placement_id: int, rng: random.Random, *, sessions: int = 12,
                   observations: int = 3, items: int = 6) -> dict[str, int]:
    """Give one placement reports and, when available, a full evidence record."""
    from pe_desktop.domain.reports import Recommendation, ReportKind
    from pe_desktop.services.reports.evidence import evidence_available
    from pe_desktop.services.reports.service import ReportContent, ReportService

    counts = {"report_versions": 0, "supervision_sessions": 0, "observations": 0,
              "evidence_items": 0}
    svc = ReportService(ctx)
    placement = None
    if evidence_available():
        from pe_desktop.domain.evidence_vocab import (
            EvidenceKind,
            FeedbackSource,
            Judgement,
            ObservationStatus,
            ObserverRole,
            SupervisionType,
        )
        from pe_desktop.services.evidence.items import (
            DomainNote,
            EvidenceItemInput,
            EvidenceService,
        )
        from pe_desktop.services.evidence.observations import (
            FeedbackInput,
            JudgementInput,
            ObservationInput,
            ObservationService,
        )
        from pe_desktop.services.placements.service import PlacementService
        from pe_desktop.services.supervision import ActionInput, SessionInput, SupervisionService

        placement = PlacementService(ctx).get(placement_id)
        keys = [d.key for d in svc.domains_for(placement_id)]
        start = placement.start_date
        last = min(ctx.today(), placement.planned_end_date)
        span = max(1, (last - start).days)
        sup = SupervisionService(ctx)
        for i in range(sessions):
            on = start + timedelta(days=min(span, 3 + i * max(1, span // (sessions + 1))))
            sup.create(placement_id, SessionInput(
                held_on=on, kind=SupervisionType.FORMAL_PE if i % 2 == 0
                else SupervisionType.ONSITE_SUPERVISOR,
                duration_minutes=60 + 15 * (i % 3), attendees="Student, practice educator",
                agenda="Cases; learning needs; wellbeing; actions from last time",
                discussion=_text(rng, 6), reflections=_text(rng, 3, "I"),
                wellbeing="Managing well; discussed workload.",
                domains=tuple(rng.sample(keys, 3)),
                actions=(ActionInput(f"Read about {rng.choice(keys).replace('_', ' ')}",
                                     "Student", on + timedelta(days=7)),),
            ))
            counts["supervision_sessions"] += 1
        obs = ObservationService(ctx)
        for i in range(observations):
            on = start + timedelta(days=min(span, 20 + i * max(1, span // (observations + 1))))
            o = obs.create(placement_id, ObservationInput(
                observed_on=on, status=ObservationStatus.COMPLETED,
                observer_role=ObserverRole.PE if i != 1 else ObserverRole.ONSITE_SUPERVISOR,
                observer_name="" if i != 1 else "Bríd Kavanagh",
                setting="Home visit" if i % 2 == 0 else "Review meeting", consent_obtained=True,
                observer_account=_text(rng, 10), feedback=_text(rng, 4),
                student_reflection=_text(rng, 5, "I"),
                judgements=tuple(JudgementInput(k, rng.choice([Judgement.MEETS,
                                                               Judgement.DEVELOPING]),
                                                _text(rng, 1)) for k in rng.sample(keys, 5)),
            ))
            obs.create_feedback(placement_id, FeedbackInput(
                received_on=on, source=FeedbackSource.SERVICE_USER,
                content="She listened and explained what would happen next.",
                observation_id=o.id, domains=(keys[1],)))
            counts["observations"] += 1
        ev = EvidenceService(ctx)
        kinds = [EvidenceKind.REFLECTIVE_LOG, EvidenceKind.CRITICAL_REFLECTION,
                 EvidenceKind.CASE_WORK, EvidenceKind.COLLEAGUE_FEEDBACK]
        for i in range(items):
            ev.create(placement_id, EvidenceItemInput(
                kind=kinds[i % len(kinds)], title=f"Reflective piece {i + 1}",
                item_date=start + timedelta(days=min(span, 10 + 9 * i)),
                description=_text(rng, 4),
                domains=tuple(DomainNote(k, "") for k in rng.sample(keys, 2)),
            ))
            counts["evidence_items"] += 1
    for kind, rec in ((ReportKind.MIDWAY, Recommendation.SATISFACTORY),
                      (ReportKind.FINAL, Recommendation.PASS)):
        view = svc.open(placement_id, kind)
        svc.save(view.version.id, ReportContent(
            narratives={d.key: _text(rng, 7) + "\n\n" + _text(rng, 5) for d in view.domains},
            summary=_text(rng, 8), recommendation=rec,
            action_plan=_text(rng, 3) if kind == ReportKind.MIDWAY else "",
            student_comments="I agree with this report.", oss_comments=_text(rng, 2),
        ))
        counts["report_versions"] += 1
    return counts


def _has_evidence(ctx: Any, placement_id: int) -> bool:
    from pe_desktop.services.reports.evidence import evidence_available

    if not evidence_available():
        return False
    from sqlalchemy import select

    from pe_desktop.storage.models import SupervisionSession

    with ctx.read_session() as s:
        return s.scalars(select(SupervisionSession.id).where(
            SupervisionSession.placement_id == placement_id).limit(1)).first() is not None


def extend(ctx: Any, rng: random.Random, scale: float) -> dict[str, int]:
    """Reports (and evidence) for a sample of placements: about 20 at full scale."""
    from pe_desktop.services.placements.service import PlacementService

    rows = PlacementService(ctx).list(include_archived=True)
    # Recent placements that have run their course, so records spread over months.
    finished = [r for r in rows if r.planned_end_date <= ctx.today()] or rows
    chosen = finished[: max(1, int(20 * scale))]
    total: dict[str, int] = {}
    for i, row in enumerate(chosen):
        # Placements that already hold evidence (benchmarks.gen_evidence) only get
        # reports; otherwise the first gets a long record (weekly supervision).
        if _has_evidence(ctx, row.id):
            size = {"sessions": 0, "observations": 0, "items": 0}
        else:
            size = {"sessions": 18, "observations": 3, "items": 8} if i == 0 else {}
        for k, v in fill_placement(ctx, row.id, rng, **size).items():
            total[k] = total.get(k, 0) + v
    return total
