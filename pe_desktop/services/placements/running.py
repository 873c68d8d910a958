"""The placements running now (active or extended, not archived), as plain rows
read with SQL text: every dashboard provider starts from them, before the ORM
models are imported."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pe_desktop.domain.enums import OPEN_STATUSES, PlacementKind, PlacementStatus
from pe_desktop.storage.plain_rows import DATE, Reads, enum_type, reader, typed_sql, values

#: Statuses in which the student is on placement (supervision, observations and
#: reports are expected).
RUNNING = frozenset({PlacementStatus.ACTIVE, PlacementStatus.EXTENDED})


@dataclass(frozen=True)
class RunningPlacement:
    """What the dashboard's providers read about a running placement."""

    id: int
    student_id: int
    kind: PlacementKind
    status: PlacementStatus
    start_date: date
    planned_end_date: date
    required_days: int
    days_per_week: int
    organisation: str
    student_name: str


# No ORDER BY, as ever: the providers list items in the table's order.
_RUNNING = typed_sql(
    "SELECT placements.id, placements.student_id, placements.kind, placements.status,"
    " placements.start_date, placements.planned_end_date, placements.required_days,"
    " placements.days_per_week, placements.organisation,"
    " (SELECT students.full_name FROM students WHERE students.id = placements.student_id)"
    " AS student_name"
    " FROM placements WHERE placements.archived IS 0 AND placements.status IN :statuses",
    [("id", None), ("student_id", None), ("kind", enum_type(PlacementKind)),
     ("status", enum_type(PlacementStatus)), ("start_date", DATE), ("planned_end_date", DATE),
     ("required_days", None), ("days_per_week", None), ("organisation", None),
     ("student_name", None)],
    lists=("statuses",))


def running_placements(s: Reads) -> list[RunningPlacement]:
    """Open, running placements with their students' names (one query), read once
    per session: the dashboard's providers each ask."""
    if "running_placements" not in s.info:
        s.info["running_placements"] = [
            RunningPlacement(*r) for r in
            reader(s).execute(_RUNNING, {"statuses": values(OPEN_STATUSES & RUNNING)})]
    return list(s.info["running_placements"])
