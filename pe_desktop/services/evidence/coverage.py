"""The coverage matrix: a placement's framework domains against its evidence.

:meth:`CoverageService.matrix` gathers every evidence reference for a
placement in four indexed queries and folds them with the pure rules in
:mod:`pe_desktop.domain.coverage`. Report writers use
:attr:`CoverageMatrix.domains` (evidence per domain, latest judgement) and
:meth:`CoverageMatrix.refs_for` (the items behind a cell).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.coverage import (
    DomainCoverage,
    DomainJudgement,
    EvidenceRef,
    EvidenceSource,
    GapKind,
    ObservationProgress,
    build_coverage,
    translate,
)
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.evidence_vocab import EvidenceKind, ObservationStatus, label
from pe_desktop.domain.frameworks import crosswalk
from pe_desktop.domain.progress import PlacementProgress, build_progress, fraction_done
from pe_desktop.domain.supervision_rules import SupervisionStatus, supervision_status
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import framework_for, placement_or_404, requirements_in
from pe_desktop.services.evidence.observations import progress_in
from pe_desktop.services.placements.running import RUNNING
from pe_desktop.services.placements.service import days_completed_by_placement
from pe_desktop.storage.models import (
    EvidenceDomain,
    EvidenceItem,
    FeedbackDomain,
    Observation,
    ObservationJudgement,
    ServiceFeedback,
    Student,
    SupervisionDomain,
    SupervisionSession,
)

GAP_TEXT = {
    GapKind.NO_EVIDENCE: "no evidence yet",
    GapKind.SINGLE_SOURCE: "one kind of evidence only",
}


@dataclass(frozen=True)
class CoverageMatrix:
    placement_id: int
    student_name: str
    framework_name: str
    domains: list[DomainCoverage]
    observations: ObservationProgress
    supervision: SupervisionStatus
    refs: list[EvidenceRef] = field(default_factory=list)
    judgements: list[DomainJudgement] = field(default_factory=list)
    #: The framework shown, and the placement's own (they differ when viewed against another).
    framework_ref: str = ""
    placement_framework_ref: str = ""
    #: The nine-domain picture: evidence and judgements over time against what is expected.
    progress: PlacementProgress | None = None

    def domain(self, key: str) -> DomainCoverage:
        return next(d for d in self.domains if d.key == key)

    def refs_for(self, domain_key: str | None = None,
                 kind: EvidenceKind | None = None) -> list[EvidenceRef]:
        """Evidence behind a matrix cell, newest first (``None`` = any)."""
        out = [r for r in self.refs
               if (domain_key is None or domain_key in r.domains) and (kind is None or r.kind == kind)]
        return sorted(out, key=lambda r: (r.on, r.record_id), reverse=True)

    def gap_messages(self) -> list[str]:
        msgs = [f"Domain {d.number} {d.title}: {GAP_TEXT[g]}" for d in self.domains for g in d.gaps]
        return self.observations.problems() + msgs

    def to_json(self) -> dict:
        return {
            "placement_id": self.placement_id,
            "student": self.student_name,
            "framework": self.framework_name,
            "framework_ref": self.framework_ref,
            "placement_framework_ref": self.placement_framework_ref,
            "observations": {
                "required": self.observations.required,
                "pe_required": self.observations.pe_required,
                "completed": self.observations.completed,
                "completed_by_pe": self.observations.completed_by_pe,
                "planned": self.observations.planned,
                "met": self.observations.met,
            },
            "supervision": {
                "held": self.supervision.held, "expected": self.supervision.expected,
                "interval_days": self.supervision.interval_days,
                "overdue_days": self.supervision.overdue_days,
            },
            "domains": [
                {
                    "number": d.number, "key": d.key, "title": d.title, "total": d.total,
                    "by_kind": {k.value: n for k, n in d.counts.items()},
                    "latest_judgement": d.latest_judgement.judgement.value
                    if d.latest_judgement else None,
                    "latest_judgement_on": d.latest_judgement.on.isoformat()
                    if d.latest_judgement else None,
                    "gaps": [g.value for g in d.gaps],
                }
                for d in self.domains
            ],
            "gaps": self.gap_messages(),
            "progress": None if self.progress is None else {
                "fraction_done": round(self.progress.fraction, 3),
                "headline": self.progress.headline(),
                "domains": [{"key": d.key, "records": d.count, "expected_now": d.expected_now,
                             "standing": d.standing.value, "reasons": list(d.reasons)}
                            for d in self.progress.domains],
            },
        }


def evidence_refs(s: Session, placement_id: int) -> tuple[list[EvidenceRef], list[DomainJudgement]]:
    """Every record on a placement that names a domain, and all judgements."""
    refs: list[EvidenceRef] = []
    # supervision sessions
    dom: dict[int, set[str]] = defaultdict(set)
    for sid, key in s.execute(
        select(SupervisionDomain.session_id, SupervisionDomain.domain_key)
        .join(SupervisionSession, SupervisionSession.id == SupervisionDomain.session_id)
        .where(SupervisionSession.placement_id == placement_id)
    ):
        dom[sid].add(key)
    for sid, held_on, kind in s.execute(
        select(SupervisionSession.id, SupervisionSession.held_on, SupervisionSession.kind)
        .where(SupervisionSession.placement_id == placement_id)
    ):
        if dom.get(sid):
            refs.append(EvidenceRef(EvidenceSource.SUPERVISION, sid, EvidenceKind.SUPERVISION,
                                    held_on, label(kind),
                                    frozenset(dom[sid])))
    # completed observations: their judged domains
    judgements: list[DomainJudgement] = []
    obs_dom: dict[int, set[str]] = defaultdict(set)
    obs_info: dict[int, tuple] = {}
    for oid, on, role, name, key, judgement, comment in s.execute(
        select(Observation.id, Observation.observed_on, Observation.observer_role,
               Observation.observer_name, ObservationJudgement.domain_key,
               ObservationJudgement.judgement, ObservationJudgement.comment)
        .join(ObservationJudgement, ObservationJudgement.observation_id == Observation.id)
        .where(Observation.placement_id == placement_id,
               Observation.status == ObservationStatus.COMPLETED)
    ):
        obs_dom[oid].add(key)
        obs_info[oid] = (on, role, name)
        judgements.append(DomainJudgement(key, judgement, on, oid, comment))
    for oid, keys in obs_dom.items():
        on, role, name = obs_info[oid]
        who = name or label(role)
        refs.append(EvidenceRef(EvidenceSource.OBSERVATION, oid, EvidenceKind.DIRECT_OBSERVATION,
                                on, f"Direct observation by {who}", frozenset(keys)))
    # service-user / carer feedback
    fb: dict[int, set[str]] = defaultdict(set)
    fb_info: dict[int, tuple] = {}
    for fid, on, source, key in s.execute(
        select(ServiceFeedback.id, ServiceFeedback.received_on, ServiceFeedback.source,
               FeedbackDomain.domain_key)
        .join(FeedbackDomain, FeedbackDomain.feedback_id == ServiceFeedback.id)
        .where(ServiceFeedback.placement_id == placement_id)
    ):
        fb[fid].add(key)
        fb_info[fid] = (on, source)
    for fid, keys in fb.items():
        on, source = fb_info[fid]
        refs.append(EvidenceRef(EvidenceSource.FEEDBACK, fid, EvidenceKind.SERVICE_USER_FEEDBACK,
                                on, f"Feedback from a {label(source).lower()}", frozenset(keys)))
    # evidence items
    items: dict[int, dict] = {}
    for iid, kind, title, on, key, note in s.execute(
        select(EvidenceItem.id, EvidenceItem.kind, EvidenceItem.title, EvidenceItem.item_date,
               EvidenceDomain.domain_key, EvidenceDomain.note)
        .join(EvidenceDomain, EvidenceDomain.item_id == EvidenceItem.id)
        .where(EvidenceItem.placement_id == placement_id)
    ):
        it = items.setdefault(iid, {"kind": kind, "title": title, "on": on, "keys": set(),
                                    "notes": []})
        it["keys"].add(key)
        if note:
            it["notes"].append(note)
    for iid, it in items.items():
        refs.append(EvidenceRef(EvidenceSource.ITEM, iid, it["kind"], it["on"], it["title"],
                                frozenset(it["keys"]), "; ".join(it["notes"])))
    return refs, judgements


class CoverageService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def matrix(self, placement_id: int, framework_ref: str | None = None) -> CoverageMatrix:
        """The matrix against the placement's framework, or against ``framework_ref``
        (the evidence re-keyed through the frameworks' mapping)."""
        with self.ctx.read_session() as s:
            pl = placement_or_404(s, placement_id)
            fw = framework_for(self.ctx, pl)
            student = s.get(Student, pl.student_id)
            refs, judgements = evidence_refs(s, placement_id)
            if framework_ref and framework_ref != fw.ref:
                if framework_ref not in self.ctx.frameworks:
                    raise PEDesktopError(f"Unknown framework '{framework_ref}'; choose one of: "
                                         + ", ".join(f.ref for f in self.ctx.frameworks.all()))
                target = self.ctx.frameworks.get(framework_ref)
                try:
                    mapping = crosswalk(fw, target)
                except KeyError as exc:
                    raise PEDesktopError(str(exc.args[0])) from None
                refs, judgements = translate(refs, judgements, mapping)
                own, fw = fw, target
            else:
                own = fw
            req = requirements_in(s, pl)
            held = list(s.scalars(select(SupervisionSession.held_on)
                                  .where(SupervisionSession.placement_id == placement_id)))
            sup = supervision_status(pl.start_date, pl.planned_end_date, self.ctx.today(),
                                     req.supervision_interval_days, held,
                                     running=pl.status in RUNNING and not pl.archived)
            domains = build_coverage(fw.domains, refs, judgements)
            today = self.ctx.today()
            days = days_completed_by_placement(s, [placement_id]).get(placement_id, 0)
            fraction = fraction_done(pl.start_date, pl.planned_end_date, today, days,
                                     pl.required_days)
            progress = build_progress(domains, refs, judgements, pl.start_date,
                                      pl.planned_end_date, today, fraction)
            return CoverageMatrix(
                placement_id=placement_id,
                student_name=student.full_name if student else "",
                framework_name=fw.name,
                domains=domains,
                progress=progress,
                observations=progress_in(s, pl),
                supervision=sup,
                refs=refs,
                judgements=judgements,
                framework_ref=fw.ref,
                placement_framework_ref=own.ref,
            )
