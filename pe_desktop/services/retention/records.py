"""Finding every row that belongs to one student, by walking foreign keys.

Generic over ``Base.metadata`` like the interchange: a table that refers to
``placements`` (directly, or through one parent that does) belongs to the
placement's student, so a feature adding tables is covered without a list to
keep in step.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

import pe_desktop.storage.models  # noqa: F401  (registers every table)
from pe_desktop.storage.base import Base

NOT_PERSONAL = frozenset({"alembic_version", "audit_events", "drafts"})


def _fk_to(table: Table, target: str) -> Any:
    for fk in table.foreign_keys:
        if fk.column.table.name == target:
            return fk.parent
    return None


def placement_tables() -> list[tuple[Table, Any, Table | None, Any]]:
    """(table, its FK column, parent table or None, parent's placement_id column).

    Direct children of ``placements`` have no parent; grandchildren name the
    child they hang from.
    """
    direct = {}
    for t in Base.metadata.sorted_tables:
        if t.name in NOT_PERSONAL or t.name == "placements":
            continue
        col = _fk_to(t, "placements")
        if col is not None:
            direct[t.name] = (t, col)
    out: list[tuple[Table, Any, Table | None, Any]] = [(t, c, None, None)
                                                       for t, c in direct.values()]
    for t in Base.metadata.sorted_tables:
        if t.name in direct or t.name in NOT_PERSONAL or t.name == "placements":
            continue
        for parent_name, (parent, pcol) in direct.items():
            col = _fk_to(t, parent_name)
            if col is not None:
                out.append((t, col, parent, pcol))
                break
    return out


def rows_for_student(s: Session, student_id: int) -> Iterator[tuple[Table, dict[str, Any]]]:
    """Every row held about one student: theirs, their placements' and everything below."""
    tables = Base.metadata.tables
    students, placements = tables["students"], tables["placements"]
    for row in s.execute(select(students).where(students.c.id == student_id)).mappings():
        yield students, dict(row)
    pids = list(s.scalars(select(placements.c.id).where(placements.c.student_id == student_id)))
    for row in s.execute(select(placements).where(placements.c.id.in_(pids))).mappings():
        yield placements, dict(row)
    for table, col, parent, pcol in placement_tables():
        if parent is None:
            q = select(table).where(col.in_(pids))
        else:
            q = select(table).where(col.in_(select(parent.c.id).where(pcol.in_(pids))))
        for row in s.execute(q.order_by(*table.primary_key.columns)).mappings():
            yield table, dict(row)


def draft_keys_for(s: Session, placement_ids: list[int]) -> list[str]:
    """Autosaved drafts that belong to these placements (keys name them as ``p<ID>``)."""
    drafts = Base.metadata.tables["drafts"]
    wanted = {str(p) for p in placement_ids}
    out = []
    for key in s.scalars(select(drafts.c.key)):
        ids = set(re.findall(r"\bp(\d+)\b", key))
        if ids & wanted:
            out.append(key)
    return out
