"""Evidence coverage and gap rules (pure; no database, no Qt).

A placement's evidence is a set of :class:`EvidenceRef` — each supervision
session, observation, piece of service-user/carer feedback and evidence item
that names one or more framework domains. :func:`build_coverage` folds them
into one :class:`DomainCoverage` per domain, with the gaps a PE must close
before writing a report:

- ``no_evidence``: nothing at all names the domain;
- ``single_source``: everything naming the domain is of one *kind* (for
  example only supervision records) — the PCF asks for sufficiency of evidence,
  which a PE triangulates from different sources;
- ``observations`` (placement level, see :class:`ObservationProgress`): fewer
  completed direct observations than required, or none by the PE.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from pe_desktop.domain.evidence_vocab import EvidenceKind, Judgement
from pe_desktop.domain.frameworks import Domain


class EvidenceSource(StrEnum):
    """Which kind of record an :class:`EvidenceRef` points at."""

    SUPERVISION = "supervision"
    OBSERVATION = "observation"
    FEEDBACK = "feedback"
    ITEM = "item"


class GapKind(StrEnum):
    NO_EVIDENCE = "no_evidence"
    SINGLE_SOURCE = "single_source"


@dataclass(frozen=True)
class EvidenceRef:
    """One record that evidences ``domains`` (framework domain keys)."""

    source: EvidenceSource
    record_id: int
    kind: EvidenceKind
    on: date
    title: str
    domains: frozenset[str]
    note: str = ""


@dataclass(frozen=True)
class DomainJudgement:
    """A judgement given on one domain in one completed observation."""

    domain_key: str
    judgement: Judgement
    on: date
    observation_id: int
    comment: str = ""


@dataclass(frozen=True)
class DomainCoverage:
    """Evidence for one framework domain on one placement."""

    number: int
    key: str
    title: str
    counts: dict[EvidenceKind, int] = field(default_factory=dict)
    latest_judgement: DomainJudgement | None = None
    gaps: tuple[GapKind, ...] = ()

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def kinds(self) -> tuple[EvidenceKind, ...]:
        """Kinds with at least one item, in vocabulary order."""
        return tuple(k for k in EvidenceKind if self.counts.get(k))


def build_coverage(
    domains: Sequence[Domain],
    refs: Iterable[EvidenceRef],
    judgements: Iterable[DomainJudgement] = (),
) -> list[DomainCoverage]:
    """Fold evidence and judgements into per-domain coverage, in framework order.

    References to domain keys the framework does not know are ignored (a
    placement moved to another framework keeps its old rows harmlessly).
    The latest judgement is the one from the most recent observation; ties on
    the same day go to the later-recorded observation (higher id).
    """
    counts: dict[str, Counter[EvidenceKind]] = {d.key: Counter() for d in domains}
    for ref in refs:
        for key in ref.domains:
            if key in counts:
                counts[key][ref.kind] += 1
    latest: dict[str, DomainJudgement] = {}
    for j in judgements:
        cur = latest.get(j.domain_key)
        if cur is None or (j.on, j.observation_id) > (cur.on, cur.observation_id):
            latest[j.domain_key] = j
    out = []
    for d in domains:
        c = counts[d.key]
        gaps: list[GapKind] = []
        kinds = [k for k, n in c.items() if n]
        if not kinds:
            gaps.append(GapKind.NO_EVIDENCE)
        elif len(kinds) == 1:
            gaps.append(GapKind.SINGLE_SOURCE)
        out.append(
            DomainCoverage(
                number=d.number, key=d.key, title=d.title,
                counts={k: c[k] for k in EvidenceKind if c[k]},
                latest_judgement=latest.get(d.key), gaps=tuple(gaps),
            )
        )
    return out


# -- observations ------------------------------------------------------------
#: Default number of direct observations by placement kind (universities vary:
#: the number is editable per placement).
DEFAULT_OBSERVATIONS: dict[str, int] = {"first": 2, "final": 3, "other": 2}
#: Of which at least this many by the PE.
DEFAULT_PE_OBSERVATIONS = 1


def default_required_observations(placement_kind: str) -> int:
    return DEFAULT_OBSERVATIONS.get(placement_kind, 2)


@dataclass(frozen=True)
class ObservationProgress:
    """Direct observations required against those completed (and planned)."""

    required: int
    pe_required: int
    completed: int
    completed_by_pe: int
    planned: int = 0

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.completed)

    @property
    def pe_shortfall(self) -> int:
        return max(0, self.pe_required - self.completed_by_pe)

    @property
    def met(self) -> bool:
        return self.shortfall == 0 and self.pe_shortfall == 0

    def problems(self) -> list[str]:
        """Plain-English gaps, empty when the requirement is met."""
        out = []
        if self.shortfall:
            out.append(
                f"{self.completed} of {self.required} required direct observations completed"
                + (f" ({self.planned} planned)" if self.planned else "")
            )
        if self.pe_shortfall:
            need = "one" if self.pe_required == 1 else str(self.pe_required)
            out.append(f"at least {need} observation must be by the Practice Educator")
        return out


def observation_shortfall_severity(progress: ObservationProgress, fraction_done: float) -> str | None:
    """How pressing an observation shortfall is, by how far through the placement it is.

    ``None`` while the requirement is met or before the midway point; ``"due"``
    from midway; ``"overdue"`` in the last fifth of the placement (or later).
    """
    if progress.met or fraction_done < 0.5:
        return None
    return "overdue" if fraction_done >= 0.8 else "due"


def translate(refs: list[EvidenceRef], judgements: list[DomainJudgement],
              mapping: dict[str, frozenset[str]]) -> tuple[list[EvidenceRef], list[DomainJudgement]]:
    """Evidence and judgements re-keyed to another framework's domains.

    A record counts once per target domain however many of its source domains
    lead there; records that map nowhere drop out.
    """
    from dataclasses import replace

    new_refs = []
    for r in refs:
        keys = frozenset().union(*(mapping.get(k, frozenset()) for k in r.domains))
        if keys:
            new_refs.append(replace(r, domains=keys))
    new_judgements = [replace(j, domain_key=t) for j in judgements
                      for t in sorted(mapping.get(j.domain_key, ()))]
    return new_refs, new_judgements
