"""The QA side of the outbox: queueing, pushing, and the record of what left.

Transport lives in :mod:`pe_desktop.sync` and
:class:`~pe_desktop.services.qa.targets.TargetService`; this module adds the
audit trail. The outbox journal records every confirmed delivery (target and
time); :func:`sync_shares` copies each into a ``qa_shares`` row (when, which
target, the file's name, size and SHA-256) and a ``share`` event in the audit
trail (ids and the file's hash only), so a push from the CLI, the GUI or a
later run is recorded alike.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pe_desktop.services.context import AppContext
from pe_desktop.storage import audit_log
from pe_desktop.storage.models import QaShare


def _outbox(ctx: AppContext):  # -> pe_desktop.sync.outbox.Outbox
    from pe_desktop.services.qa.targets import TargetService

    return TargetService(ctx).outbox()


def enqueue(ctx: AppContext, name: str, data_path: Path, meta: dict[str, Any]):
    with _outbox(ctx) as box:
        return box.enqueue(name, data_path, meta)


def deliver(ctx: AppContext, name: str, data: bytes, out: Path | None,
            meta: dict[str, Any]) -> Path | None:
    """A package written to the folder ``out`` (owner-only; its path returned), or,
    without one, queued in the outbox for the targets (None). Callers do this
    inside the transaction that records the package, so a failure records nothing."""
    if out is not None:
        from pe_desktop.export.files import write_private_file

        return write_private_file(Path(out) / name, data)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="pe-outbox-") as tmp:
        staged = Path(tmp) / name
        staged.write_bytes(data)
        enqueue(ctx, name, staged, meta)
    return None


def queued_items(ctx: AppContext) -> list:
    with _outbox(ctx) as box:
        return box.items()


def push(ctx: AppContext, store: Any, names: list[str] | None = None,
         progress: Callable[[int, int, str], None] | None = None,
         cancel: Callable[[], bool] | None = None):  # -> PushReport
    """Push the outbox to the named targets (default all) and record the deliveries."""
    from pe_desktop.services.qa.targets import TargetService

    try:
        return TargetService(ctx, store).push(names, progress=progress, cancel=cancel)
    finally:
        sync_shares(ctx)


def _parse(stamp: str, fallback: datetime) -> datetime:
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return fallback
    return when if when.tzinfo else fallback


def sync_shares(ctx: AppContext) -> int:
    """Add a ``qa_shares`` row for each delivery the outbox confirmed; returns how many."""
    items = queued_items(ctx)
    added = 0
    with ctx.session() as s:
        seen = set(s.execute(select(QaShare.sha256, QaShare.target)).all())
        for item in items:
            for target, at in zip(item.sent_to, item.sent_at or ("",) * len(item.sent_to),
                                  strict=False):
                if (item.sha256, target) in seen:
                    continue
                what = str(item.meta.get("kind", "file"))
                s.add(QaShare(round_id=str(item.meta.get("round_id", "")),
                              what=what, name=item.name,
                              target=target, sha256=item.sha256, size=item.size,
                              shared_at=_parse(at, ctx.now())))
                s.flush()
                audit_log.append(s, [audit_log.PendingEvent(
                    audit_log.SHARE, f"qa-{what}"[:64],
                    f"qa-round:{item.meta.get('round_id', '')}"[:80], item.sha256)])
                seen.add((item.sha256, target))
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
    sync_shares(ctx)
    with ctx.read_session() as s:
        return [ShareRow(r.round_id, r.what, r.name, r.target, r.sha256, r.size, r.shared_at)
                for r in s.scalars(select(QaShare).order_by(QaShare.shared_at, QaShare.id))]
