"""Helpers shared by the supervision, observation, feedback and evidence services."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.coverage import DEFAULT_PE_OBSERVATIONS, default_required_observations
from pe_desktop.domain.frameworks import Framework
from pe_desktop.domain.supervision_rules import DEFAULT_INTERVAL_DAYS
from pe_desktop.services.context import AppContext
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import EvidenceSettings, Placement


def placement_or_404(s: Session, placement_id: int) -> Placement:
    p = get_or_404(s, Placement, placement_id, "placement")
    return p


def framework_for(ctx: AppContext, p: Placement) -> Framework:
    """The placement's framework (the default one if its file has gone)."""
    return ctx.frameworks.get(p.framework_ref) if p.framework_ref in ctx.frameworks \
        else ctx.frameworks.default


def check_domains(problems: Problems, keys: Iterable[str], fw: Framework, field: str = "domains") -> None:
    known = {d.key for d in fw.domains}
    unknown = sorted(set(keys) - known)
    if unknown:
        problems[field] = f"{fw.name} has no domain '{unknown[0]}'"


def check_not_future(problems: Problems, field: str, value: date | None, today: date, what: str) -> None:
    if value is not None and value > today:
        problems[field] = f"{what} cannot be in the future"


def discard_drafts(s: Session, key: str) -> None:
    """Forget any autosaved draft of a record being deleted (same transaction)."""
    from sqlalchemy import delete

    from pe_desktop.storage.models import Draft

    s.execute(delete(Draft).where(Draft.key == key))


def clean(text: str | None) -> str:
    return (text or "").strip()


@dataclass(frozen=True)
class EvidenceRequirements:
    """How often supervision is expected and how many observations are required."""

    placement_id: int
    supervision_interval_days: int
    observations_required: int
    pe_observations_required: int
    observations_required_is_default: bool


def requirements_in(s: Session, p: Placement) -> EvidenceRequirements:
    return _requirements(p, s.get(EvidenceSettings, p.id))


def requirements_for(s: Session, placements: Iterable[Placement]) -> dict[int, EvidenceRequirements]:
    """Requirements of many placements in one query (the dashboard's providers)."""
    placements = list(placements)
    ids = [p.id for p in placements]
    rows = {r.placement_id: r for r in s.scalars(
        select(EvidenceSettings).where(EvidenceSettings.placement_id.in_(ids)))} if ids else {}
    return {p.id: _requirements(p, rows.get(p.id)) for p in placements}


def _requirements(p: Placement, row: EvidenceSettings | None) -> EvidenceRequirements:
    default_obs = default_required_observations(p.kind.value)
    if row is None:
        return EvidenceRequirements(p.id, DEFAULT_INTERVAL_DAYS, default_obs,
                                    DEFAULT_PE_OBSERVATIONS, True)
    return EvidenceRequirements(
        p.id, row.supervision_interval_days,
        row.observations_required if row.observations_required is not None else default_obs,
        row.pe_observations_required, row.observations_required is None,
    )
