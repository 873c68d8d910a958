"""Placement rows as the services hand them out, and the days each placement
has completed: plain data and SQL text, no ORM models (the dashboard reads
them before the models are imported)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from pe_desktop.domain.attendance import COUNTED_KINDS
from pe_desktop.domain.enums import (
    PEArrangement,
    PlacementKind,
    PlacementStatus,
    ServiceArea,
)
from pe_desktop.storage.plain_rows import BOOL, DATE, Reads, enum_type, reader, typed_sql, values


@dataclass(frozen=True)
class PlacementInput:
    student_id: int
    kind: PlacementKind
    organisation: str
    start_date: date
    required_days: int | None = None  # None: the default for the kind
    planned_end_date: date | None = None  # None: computed from required days
    days_per_week: int = 5
    team: str = ""
    service_area: ServiceArea = ServiceArea.OTHER
    statutory: bool = False
    pe_arrangement: PEArrangement = PEArrangement.ONSITE
    oss_name: str = ""
    oss_contact: str = ""
    tutor_name: str = ""
    tutor_contact: str = ""
    framework_ref: str | None = None
    framework_level: str | None = None
    notes: str = ""
    #: Days the setting is closed (not placement days); None keeps those recorded.
    closure_days: tuple[date, ...] | None = None


@dataclass(frozen=True)
class PlacementRow:
    id: int
    student_id: int
    student_name: str
    university: str
    kind: PlacementKind
    organisation: str
    team: str
    service_area: ServiceArea
    statutory: bool
    pe_arrangement: PEArrangement
    start_date: date
    planned_end_date: date
    required_days: int
    days_per_week: int
    days_completed: int
    status: PlacementStatus
    framework_ref: str
    framework_level: str
    oss_name: str
    oss_contact: str
    tutor_name: str
    tutor_contact: str
    notes: str
    archived: bool

    @property
    def progress(self) -> float:
        return min(1.0, self.days_completed / self.required_days) if self.required_days else 0.0

    def to_input(self) -> PlacementInput:
        return PlacementInput(
            student_id=self.student_id,
            kind=self.kind,
            organisation=self.organisation,
            start_date=self.start_date,
            required_days=self.required_days,
            planned_end_date=self.planned_end_date,
            days_per_week=self.days_per_week,
            team=self.team,
            service_area=self.service_area,
            statutory=self.statutory,
            pe_arrangement=self.pe_arrangement,
            oss_name=self.oss_name,
            oss_contact=self.oss_contact,
            tutor_name=self.tutor_name,
            tutor_contact=self.tutor_contact,
            framework_ref=self.framework_ref,
            framework_level=self.framework_level,
            notes=self.notes,
        )


#: PlacementRow fields read straight from the placements table (id first), with
#: the type that decodes each column (None: stored as read).
PLACEMENT_COLUMNS = (
    ("id", None), ("student_id", None), ("kind", enum_type(PlacementKind)),
    ("organisation", None), ("team", None), ("service_area", enum_type(ServiceArea)),
    ("statutory", BOOL), ("pe_arrangement", enum_type(PEArrangement)),
    ("start_date", DATE), ("planned_end_date", DATE), ("required_days", None),
    ("days_per_week", None), ("status", enum_type(PlacementStatus)),
    ("framework_ref", None), ("framework_level", None), ("oss_name", None),
    ("oss_contact", None), ("tutor_name", None), ("tutor_contact", None), ("notes", None),
    ("archived", BOOL),
)
PLACEMENT_FIELDS = tuple(name for name, _ in PLACEMENT_COLUMNS)


def placement_row_from(fields: Mapping[str, Any], student_name: str, university: str,
                       days: int) -> PlacementRow:
    """A row from the placement's :data:`PLACEMENT_FIELDS` (extra keys are ignored)."""
    return PlacementRow(**{f: fields[f] for f in PLACEMENT_FIELDS}, student_name=student_name,
                        university=university, days_completed=days)


_DAYS = "SELECT attendance_days.placement_id, count(*) AS count_1 FROM attendance_days " \
        "WHERE attendance_days.kind IN :kinds"
_DAYS_ALL = typed_sql(_DAYS + " GROUP BY attendance_days.placement_id", lists=("kinds",))
_DAYS_OF = typed_sql(_DAYS + " AND attendance_days.placement_id IN :ids"
                     " GROUP BY attendance_days.placement_id", lists=("kinds", "ids"))


def days_completed_by_placement(s: Reads, ids: list[int] | None = None) -> dict[int, int]:
    """Days attended or spent studying, by placement (all placements if ``ids`` is None)."""
    kinds = values(COUNTED_KINDS)
    if ids is None:
        return dict(reader(s).execute(_DAYS_ALL, {"kinds": kinds}).all())
    if not ids:
        return {}
    return dict(reader(s).execute(_DAYS_OF, {"kinds": kinds, "ids": list(ids)}).all())
