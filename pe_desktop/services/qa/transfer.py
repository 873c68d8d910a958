"""The QA side of the outbox: what is queued, pushing, and the record of what left.

Transport lives in :mod:`pe_desktop.sync` (which knows no domain); this module
adds the audit trail: every delivery a push confirms becomes a ``qa_shares``
row (when, which target, the file's name and SHA-256).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import QaShare

OUTBOX_DIR = "outbox"


def outbox(ctx: AppContext):  # -> pe_desktop.sync.outbox.Outbox
    from pe_desktop.sync.outbox import Outbox

    return Outbox(ctx.paths.root / OUTBOX_DIR, now=ctx.now)


def enqueue(ctx: AppContext, name: str, data_path: Path, meta: dict[str, Any]):
    with outbox(ctx) as box:
        return box.enqueue(name, data_path, meta)


def queued_items(ctx: AppContext) -> list:
    with outbox(ctx) as box:
        return box.items()


def push(ctx: AppContext, targets: list, progress: Callable[[int, int, str], None] | None = None,
         cancel: Callable[[], bool] | None = None):  # -> PushReport
    """Push the outbox to ``targets`` and record each confirmed delivery."""
    with outbox(ctx) as box:
        report = box.push(targets, progress=progress, cancel=cancel)
        items = {i.sha256: i for i in box.items()}
    record_deliveries(ctx, report, items)
    return report


def record_deliveries(ctx: AppContext, report: Any, items: dict[str, Any]) -> int:
    added = 0
    with ctx.session() as s:
        for d in report.deliveries:
            if d.outcome not in ("sent", "already there"):
                continue
            item = items.get(d.sha256)
            meta = item.meta if item else {}
            seen = s.scalars(select(QaShare.id).where(QaShare.sha256 == d.sha256,
                                                      QaShare.target == d.target)).first()
            if seen is not None:
                continue
            s.add(QaShare(round_id=str(meta.get("round_id", "")),
                          what=str(meta.get("kind", "file")), name=d.name, target=d.target,
                          sha256=d.sha256, size=item.size if item else 0))
            added += 1
    return added


@dataclass(frozen=True)
class ShareRow:
    round_id: str
    what: str
    name: str
    target: str
    sha256: str
    size: int
    shared_at: datetime


def shares(ctx: AppContext) -> list[ShareRow]:
    with ctx.read_session() as s:
        return [ShareRow(r.round_id, r.what, r.name, r.target, r.sha256, r.size, r.shared_at)
                for r in s.scalars(select(QaShare).order_by(QaShare.shared_at, QaShare.id))]
