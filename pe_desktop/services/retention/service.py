"""Applying the retention policy: preview, then delete or anonymise (after a backup)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select, update

from pe_desktop.domain.enums import OPEN_STATUSES, PlacementStatus
from pe_desktop.services.backup.automatic import backup_before_action
from pe_desktop.services.context import AppContext
from pe_desktop.services.retention.policy import RetentionPolicy, load_policy
from pe_desktop.services.retention.records import (
    draft_keys_for,
    placement_tables,
    where_below,
)
from pe_desktop.storage import audit_log
from pe_desktop.storage.base import PII_CONTACT, PII_IDENTIFIER, PII_PERSON, Base
from pe_desktop.storage.models import Placement, PlacementStatusChange, Student, University

ENDED = (PlacementStatus.COMPLETED, PlacementStatus.TERMINATED)
REMOVED = "[removed under the retention policy]"


@dataclass(frozen=True)
class DueStudent:
    student_id: int
    uid: str
    name: str
    university: str
    last_end: date
    years: int
    due_on: date
    placements: int


@dataclass(frozen=True)
class RetentionResult:
    mode: str
    students: int
    placements: int
    backup: str


def _add_years(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def _end(p: Placement, ended_on: dict[int, date]) -> date:
    return ended_on.get(p.id, p.planned_end_date)


def preview(ctx: AppContext, policy: RetentionPolicy | None = None) -> list[DueStudent]:
    """Students whose data the policy says should go now (nothing is changed)."""
    policy = policy or load_policy(ctx)
    today = ctx.today()
    out: list[DueStudent] = []
    with ctx.read_session() as s:
        ended_on = dict(s.execute(
            select(PlacementStatusChange.placement_id, PlacementStatusChange.changed_on)
            .where(PlacementStatusChange.to_status.in_(ENDED))
            .order_by(PlacementStatusChange.id)).all())
        rows = s.execute(select(Student, University.name).join(University)
                         .where(~Student.full_name.startswith("Former student"))).all()
        placements: dict[int, list[Placement]] = {}
        for p in s.scalars(select(Placement)):
            placements.setdefault(p.student_id, []).append(p)
        for st, uni in rows:
            ps = placements.get(st.id, [])
            if not ps or any(p.status in OPEN_STATUSES for p in ps):
                continue
            last = max(_end(p, ended_on) for p in ps)
            years = policy.years_for(uni)
            due = _add_years(last, years)
            if due <= today:
                out.append(DueStudent(st.id, st.uid, st.full_name, uni, last, years, due, len(ps)))
    return sorted(out, key=lambda d: (d.due_on, d.name))


def _pii_columns(table) -> list:
    return [c for c in table.columns if c.info.get("pii")]


def _placeholder(col, row_id: int) -> str:
    kind = col.info["pii"]
    if kind == PII_PERSON:
        return f"Former student {row_id}" if col.table.name == "students" else "[removed]"
    if kind == PII_IDENTIFIER:
        return f"anon-{row_id}"
    if kind == PII_CONTACT:
        return ""
    return REMOVED if col.type.python_type is str else None


def _anonymise(s, student_id: int, pids: list[int]) -> None:
    tables = Base.metadata.tables
    students = tables["students"]
    values = {c.key: _placeholder(c, student_id) for c in _pii_columns(students)}
    s.execute(update(students).where(students.c.id == student_id).values(values))
    placements = tables["placements"]
    for pid in pids:
        s.execute(update(placements).where(placements.c.id == pid).values(
            {c.key: _placeholder(c, pid) for c in _pii_columns(placements)}))
    for table, col, parent, _x in placement_tables():
        cols = [c for c in _pii_columns(table) if c.type.python_type is str]
        if table.name in ("attachments",):
            continue
        if not cols:
            continue
        where = where_below(table, col, parent, pids)
        s.execute(update(table).where(where).values(
            {c.key: ("" if c.info["pii"] == PII_CONTACT else "[removed]")
             if c.type.length else REMOVED for c in cols}))
    # files are content: they go entirely
    att, items = tables["attachments"], tables["evidence_items"]
    s.execute(delete(att).where(att.c.item_id.in_(
        select(items.c.id).where(items.c.placement_id.in_(pids)))))


def apply(ctx: AppContext, student_ids: list[int] | None = None,
          mode: str | None = None) -> RetentionResult:
    """Delete or anonymise the students due (or the given subset of them), after a backup."""
    policy = load_policy(ctx)
    mode = mode or policy.mode
    due = {d.student_id: d for d in preview(ctx, policy)}
    chosen = [i for i in (student_ids or list(due)) if i in due]
    if not chosen:
        return RetentionResult(mode, 0, 0, "")
    backup = backup_before_action(ctx, "retention")
    n_placements = 0
    with ctx.session() as s:
        drafts = Base.metadata.tables["drafts"]
        for sid in chosen:
            pids = list(s.scalars(select(Placement.id).where(Placement.student_id == sid)))
            n_placements += len(pids)
            keys = draft_keys_for(s, pids)
            if keys:
                s.execute(delete(drafts).where(drafts.c.key.in_(keys)))
            if mode == "delete":
                for p in s.scalars(select(Placement).where(Placement.id.in_(pids))):
                    s.delete(p)
                s.flush()
                s.delete(s.get(Student, sid))
            else:
                _anonymise(s, sid, pids)
            audit_log.append(s, [audit_log.PendingEvent(
                audit_log.RETENTION, f"students:{mode}", due[sid].uid)])
    from pe_desktop.services.interchange import attachment_files

    attachment_files.after_replace(ctx)  # files no record refers to any more
    return RetentionResult(mode, len(chosen), n_placements, str(backup))
