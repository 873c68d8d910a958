"""How much supervision and how many observations a placement requires, and its
observation progress: many placements at once, read with SQL text (no ORM models:
the dashboard computes them before the models are imported)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from pe_desktop.domain.coverage import (
    DEFAULT_PE_OBSERVATIONS,
    ObservationProgress,
    default_required_observations,
)
from pe_desktop.domain.enums import PlacementKind
from pe_desktop.domain.evidence_vocab import ObservationStatus, ObserverRole
from pe_desktop.domain.supervision_rules import DEFAULT_INTERVAL_DAYS
from pe_desktop.storage.plain_rows import Reads, enum_type, reader, typed_sql


class PlacementLike(Protocol):
    """A placement row or model: its id and kind are all the requirements need."""

    @property
    def id(self) -> int: ...

    @property
    def kind(self) -> PlacementKind: ...


@dataclass(frozen=True)
class EvidenceRequirements:
    """How often supervision is expected and how many observations are required."""

    placement_id: int
    supervision_interval_days: int
    observations_required: int
    pe_observations_required: int
    observations_required_is_default: bool


def requirements_from(p: PlacementLike, row: Any | None) -> EvidenceRequirements:
    """The placement's requirements from its settings row (a model or a plain row
    with the same attributes; None: the defaults for its kind)."""
    default_obs = default_required_observations(p.kind.value)
    if row is None:
        return EvidenceRequirements(p.id, DEFAULT_INTERVAL_DAYS, default_obs,
                                    DEFAULT_PE_OBSERVATIONS, True)
    return EvidenceRequirements(
        p.id, row.supervision_interval_days,
        row.observations_required if row.observations_required is not None else default_obs,
        row.pe_observations_required, row.observations_required is None,
    )


_SETTINGS = typed_sql(
    "SELECT placement_evidence_settings.placement_id,"
    " placement_evidence_settings.supervision_interval_days,"
    " placement_evidence_settings.observations_required,"
    " placement_evidence_settings.pe_observations_required"
    " FROM placement_evidence_settings"
    " WHERE placement_evidence_settings.placement_id IN :ids",
    [("placement_id", None), ("supervision_interval_days", None),
     ("observations_required", None), ("pe_observations_required", None)],
    lists=("ids",))


def requirements_for(s: Reads, placements: Iterable[PlacementLike]
                     ) -> dict[int, EvidenceRequirements]:
    """Requirements of many placements in one query (the dashboard's providers)."""
    placements = list(placements)
    ids = [p.id for p in placements]
    rows = {r.placement_id: r for r in reader(s).execute(_SETTINGS, {"ids": ids})} if ids else {}
    return {p.id: requirements_from(p, rows.get(p.id)) for p in placements}


_OBSERVATIONS = typed_sql(
    "SELECT observations.placement_id, observations.status, observations.observer_role,"
    " count(*) AS count_1 FROM observations WHERE observations.placement_id IN :ids"
    " GROUP BY observations.placement_id, observations.status, observations.observer_role",
    [("placement_id", None), ("status", enum_type(ObservationStatus)),
     ("observer_role", enum_type(ObserverRole)), ("count_1", None)],
    lists=("ids",))


def progress_for(s: Reads, placements: list[PlacementLike]) -> dict[int, ObservationProgress]:
    """Observation progress of many placements: two queries whatever their number."""
    reqs = requirements_for(s, placements)
    ids = list(reqs)
    counts: dict[int, list[int]] = {pid: [0, 0, 0] for pid in ids}  # completed, by PE, planned
    rows = reader(s).execute(_OBSERVATIONS, {"ids": ids}).all() if ids else []
    for pid, st, role, n in rows:
        c = counts[pid]
        if st == ObservationStatus.COMPLETED:
            c[0] += n
            if role == ObserverRole.PE:
                c[1] += n
        elif st == ObservationStatus.PLANNED:
            c[2] += n
    return {pid: ObservationProgress(req.observations_required, req.pe_observations_required,
                                     *counts[pid])
            for pid, req in reqs.items()}
