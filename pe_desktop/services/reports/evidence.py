"""The evidence a report draws on, read through the evidence feature's services.

Reports work without the evidence feature (the editor then hides its evidence
panel and the checklist says observations are not recorded); when the feature
is installed, :func:`gather` returns each domain's evidence, the supervision
dates held and the direct-observation progress.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from datetime import date

from pe_desktop.services.context import AppContext


@dataclass(frozen=True)
class EvidenceLink:
    """One record that evidences some domains, as a report refers to it."""

    source: str  # supervision / observation / feedback / item
    record_id: int
    kind: str  # human label, e.g. "Direct observation"
    on: date
    title: str
    domains: frozenset[str]

    @property
    def description(self) -> str:
        """Kind and title, without saying "Direct observation" twice."""
        if self.title.lower().startswith(self.kind.lower().split()[0]):
            return self.title
        return f"{self.kind}: {self.title}"

    def reference(self) -> str:
        """The text inserted into a narrative: short, unambiguous, dated."""
        return f"[{self.description}, {self.on:%d %b %Y}]"


@dataclass(frozen=True)
class EvidenceSummary:
    links: list[EvidenceLink] = field(default_factory=list)
    supervision_dates: list[date] = field(default_factory=list)
    observations_required: int | None = None
    observations_completed: int | None = None

    def for_domain(self, key: str) -> list[EvidenceLink]:
        return sorted((lk for lk in self.links if key in lk.domains),
                      key=lambda lk: (lk.on, lk.record_id), reverse=True)


def evidence_available() -> bool:
    """True when the evidence feature (supervision, observations, coverage) is installed."""
    return importlib.util.find_spec("pe_desktop.services.evidence.coverage") is not None


def gather(ctx: AppContext, placement_id: int, *, links: bool = True
           ) -> EvidenceSummary | None:
    """The placement's evidence, or None when the evidence feature is absent.

    ``links=False`` skips the per-domain evidence (the coverage matrix, the
    costly part) for readers that need only the supervision dates and the
    observation progress, such as a QA sample item.
    """
    if not evidence_available():
        return None
    from sqlalchemy import select

    from pe_desktop.domain.evidence_vocab import label
    from pe_desktop.services.evidence.coverage import CoverageService
    from pe_desktop.services.evidence.observations import progress_in
    from pe_desktop.storage.models import Placement, SupervisionSession

    with ctx.read_session() as s:
        held = sorted(s.scalars(
            select(SupervisionSession.held_on)
            .where(SupervisionSession.placement_id == placement_id)
        ))
        if not links:
            placement = s.get(Placement, placement_id)
            if placement is None:
                return EvidenceSummary([], list(held))
            obs = progress_in(s, placement)
            return EvidenceSummary([], list(held), obs.required, obs.completed)
    matrix = CoverageService(ctx).matrix(placement_id)
    found = [
        EvidenceLink(str(r.source), r.record_id, label(r.kind), r.on, r.title, r.domains)
        for r in matrix.refs
    ]
    obs = matrix.observations
    return EvidenceSummary(found, list(held), obs.required, obs.completed)
