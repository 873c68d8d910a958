"""Helpers shared by the supervision, observation, feedback and evidence services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from pe_desktop.domain.frameworks import Framework
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.requirements import (  # noqa: F401 - re-exported
    EvidenceRequirements,
    requirements_for,
    requirements_from,
)
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


def requirements_in(s: Session, p: Placement) -> EvidenceRequirements:
    return requirements_from(p, s.get(EvidenceSettings, p.id))
