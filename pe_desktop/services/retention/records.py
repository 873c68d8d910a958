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
    """Every table below ``placements``, parents before children.

    Each entry is (table, its FK column, parent table or None for a direct
    child of ``placements``, unused). Found transitively, so report
    narratives (narratives → versions → reports → placements) are included.
    """
    found: dict[str, tuple[Table, Any, Table | None, Any]] = {}
    changed = True
    while changed:
        changed = False
        for t in Base.metadata.sorted_tables:
            if t.name in found or t.name in NOT_PERSONAL or t.name == "placements":
                continue
            col = _fk_to(t, "placements")
            if col is not None:
                found[t.name] = (t, col, None, None)
                changed = True
                continue
            for parent_name, (parent, _c, _p, _x) in list(found.items()):
                col = _fk_to(t, parent_name)
                if col is not None:
                    found[t.name] = (t, col, parent, None)
                    changed = True
                    break
    return list(found.values())


def ids_below(table: Table, pids: list[int]) -> Any:
    """A subquery of the ids of ``table``'s rows under the placements ``pids``."""
    entry = {t.name: (t, c, p) for t, c, p, _x in placement_tables()}[table.name]
    _t, col, parent = entry
    where = col.in_(pids) if parent is None else col.in_(ids_below(parent, pids))
    return select(table.primary_key.columns.values()[0]).where(where)


def where_below(table: Table, col: Any, parent: Table | None, pids: list[int]) -> Any:
    return col.in_(pids) if parent is None else col.in_(ids_below(parent, pids))


def rows_for_student(s: Session, student_id: int) -> Iterator[tuple[Table, dict[str, Any]]]:
    """Every row held about one student: theirs, their placements' and everything below."""
    tables = Base.metadata.tables
    students, placements = tables["students"], tables["placements"]
    for row in s.execute(select(students).where(students.c.id == student_id)).mappings():
        yield students, dict(row)
    pids = list(s.scalars(select(placements.c.id).where(placements.c.student_id == student_id)))
    for row in s.execute(select(placements).where(placements.c.id.in_(pids))).mappings():
        yield placements, dict(row)
    for table, col, parent, _x in placement_tables():
        q = select(table).where(where_below(table, col, parent, pids))
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
