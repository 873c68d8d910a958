"""The offline outbox: files queued for delivery, pushed to targets when online.

Each queued file is copied into ``ROOT/files/<sha256>`` (0600, temp file +
fsync + rename) and recorded in ``ROOT/outbox.sqlite`` (see :mod:`.journal`).
Its delivery name is content-addressed: ``round-7.age`` enqueued with bytes of
SHA-256 ``ab12…`` travels as ``round-7-ab12….age``, so enqueuing the same
bytes twice is one item and a repeated delivery is recognised as done.

``push`` takes a lock (one push per outbox at a time), marks an item
``sending`` before each transfer and records each delivery the moment it is
verified; a process killed anywhere leaves at worst an item marked
``sending`` and a temporary file on the target, and the next push sends it
again (the target recognises a complete copy and does nothing).

``meta["targets"]`` (optional, a list of target names) restricts where an
item may go; without it an item goes to every target it is pushed to.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pe_desktop.sync.files import copy_durably, fsync_dir
from pe_desktop.sync.journal import Journal
from pe_desktop.sync.targets.base import TARGET_WIDE, Target, TargetError, TransferCancelled

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
STATES = (QUEUED, SENDING, SENT, FAILED)

#: progress(bytes_done, bytes_total, message) over a whole push.
PushProgress = Callable[[int, int, str], None]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class OutboxBusy(TargetError):
    """Another push from this outbox is running."""


@dataclass(frozen=True)
class OutboxItem:
    name: str  # delivery name, content-addressed
    sha256: str
    size: int
    state: str
    attempts: int
    last_error: str
    sent_to: tuple[str, ...]
    meta: dict[str, Any]
    enqueued_at: str
    path: Path
    sent_at: tuple[str, ...] = ()  # when, per entry of sent_to

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "sha256": self.sha256, "size": self.size,
                "state": self.state, "attempts": self.attempts, "last_error": self.last_error,
                "sent_to": [{"target": t, "at": a} for t, a in zip(self.sent_to, self.sent_at,
                                                                   strict=True)],
                "meta": self.meta, "enqueued_at": self.enqueued_at}


@dataclass(frozen=True)
class Delivery:
    """One item to one target in one push."""

    name: str
    sha256: str
    target: str
    outcome: str  # sent | already there | failed | cancelled
    error: str = ""


@dataclass
class PushReport:
    deliveries: list[Delivery] = field(default_factory=list)
    already_sent: int = 0  # item/target pairs delivered by an earlier push
    cancelled: bool = False

    @property
    def failures(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.outcome == "failed"]

    @property
    def sent(self) -> list[Delivery]:
        return [d for d in self.deliveries if d.outcome in ("sent", "already there")]

    @property
    def ok(self) -> bool:
        return not self.failures and not self.cancelled

    def summary(self) -> str:
        text = f"{len(self.sent)} delivered, {len(self.failures)} failed"
        if self.already_sent:
            text += f", {self.already_sent} already delivered before"
        return text + (" (cancelled)" if self.cancelled else "")


def delivery_name(name: str, sha: str) -> str:
    """``dir/stem.ext`` -> ``dir/stem-<sha256>.ext`` with unsafe characters replaced."""
    folder, _, base = name.strip("/").rpartition("/")
    stem, dot, ext = base.partition(".")
    stem = _UNSAFE.sub("-", stem).strip("-") or "file"
    ext = _UNSAFE.sub("-", ext)
    parts = [_UNSAFE.sub("-", p) for p in folder.split("/") if p not in ("", ".", "..")]
    return "/".join([*parts, f"{stem}-{sha}{dot}{ext}"])


def _default_now() -> datetime:
    from pe_desktop.clock import default_clock

    return default_clock().now()


class Outbox:
    def __init__(self, root_dir: Path, now: Callable[[], datetime] | None = None) -> None:
        self.root = Path(root_dir)
        self.files = self.root / "files"
        for folder in (self.root, self.files):
            folder.mkdir(parents=True, exist_ok=True)
            if os.name == "posix":
                os.chmod(folder, 0o700)
        self._now = now or _default_now
        self.journal = Journal(self.root / "outbox.sqlite")
        self._recover()

    def close(self) -> None:
        self.journal.close()

    def __enter__(self) -> Outbox:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _stamp(self) -> str:
        return self._now().isoformat(timespec="seconds")

    def _recover(self) -> None:
        """Drop temp copies and files no journal row owns (an enqueue cut short)."""
        known = {r["sha256"] for r in self.journal.rows()}
        for entry in self.files.iterdir():
            if entry.name.startswith(".tmp-") or entry.name not in known:
                entry.unlink(missing_ok=True)

    # -- queueing ------------------------------------------------------------------
    def enqueue(self, name: str, data_path: Path, meta: dict[str, Any] | None = None) -> OutboxItem:
        """Copy ``data_path`` into the outbox; the same bytes again give the same item."""
        meta = dict(meta or {})
        json.dumps(meta)  # refuse what the journal could not store, before copying
        tmp = self.files / f".tmp-{secrets.token_hex(8)}"
        try:
            sha, size = copy_durably(Path(data_path), tmp)
            existing = self.journal.row(sha)
            if existing is None:
                os.replace(tmp, self.files / sha)
                fsync_dir(self.files)
                self.journal.add(sha, delivery_name(name, sha), size, meta, self._stamp())
        finally:
            tmp.unlink(missing_ok=True)
        item = self.item(sha)
        assert item is not None
        return item

    def _item(self, row: Any) -> OutboxItem:
        sent = self.journal.sent_to(row["sha256"])
        return OutboxItem(
            name=row["name"], sha256=row["sha256"], size=row["size"], state=row["state"],
            attempts=row["attempts"], last_error=row["last_error"],
            sent_to=tuple(t for t, _ in sent), sent_at=tuple(a for _, a in sent),
            meta=json.loads(row["meta"]), enqueued_at=row["enqueued_at"],
            path=self.files / row["sha256"])

    def items(self) -> list[OutboxItem]:
        return [self._item(r) for r in self.journal.rows()]

    def item(self, sha: str) -> OutboxItem | None:
        row = self.journal.row(sha)
        return self._item(row) if row else None

    def remove(self, sha: str) -> None:
        """Forget an item and its bytes (the user withdrew it)."""
        self.journal.remove(sha)
        (self.files / sha).unlink(missing_ok=True)

    # -- pushing -------------------------------------------------------------------
    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        path = self.root / "push.lock"
        fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        try:
            try:
                import fcntl
            except ImportError:  # Windows: msvcrt locking
                import msvcrt

                try:
                    msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
                except OSError as exc:
                    raise OutboxBusy("Another push from this outbox is running.") from exc
            else:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError as exc:
                    raise OutboxBusy("Another push from this outbox is running.") from exc
            yield
        finally:
            os.close(fd)  # releases the lock

    def _plan(self, targets: list[Target], report: PushReport) -> list[tuple[OutboxItem, Target]]:
        plan = []
        for item in self.items():
            allowed = item.meta.get("targets")
            todo = 0
            for target in targets:
                if allowed is not None and target.name not in allowed:
                    continue
                if target.name in item.sent_to:
                    report.already_sent += 1
                else:
                    plan.append((item, target))
                    todo += 1
            if not todo and item.sent_to and item.state in (QUEUED, SENDING):
                # killed after its last delivery was recorded, before the state was
                self.journal.set_state(item.sha256, SENT, self._stamp(), error="")
        return plan

    def push(self, targets: list[Target], progress: PushProgress | None = None,
             cancel: Callable[[], bool] | None = None) -> PushReport:
        """Send every item not yet delivered to each target; see the module docstring."""
        report = PushReport()
        with self._lock():
            plan = self._plan(targets, report)
            total = sum(item.size for item, _ in plan)
            base = 0
            down: dict[str, str] = {}  # target name -> why it is unusable now
            pending: dict[str, set[str]] = {}
            for item, _target in plan:
                pending.setdefault(item.sha256, set()).add(_target.name)
            for item, target in plan:
                if cancel is not None and cancel():
                    report.cancelled = True
                    break
                outcome, error = self._deliver(item, target, down, progress, cancel, base, total)
                report.deliveries.append(Delivery(item.name, item.sha256, target.name, outcome,
                                                  error))
                base += item.size
                if outcome == "cancelled":
                    report.cancelled = True
                    break
                left = pending[item.sha256]
                left.discard(target.name)
                if not left:
                    self._settle(item.sha256, report)
            for sha, left in pending.items():
                touched = any(d.sha256 == sha for d in report.deliveries)
                if left and touched:  # cut short by a cancel: back in the queue
                    failed = any(d.sha256 == sha and d.outcome == "failed"
                                 for d in report.deliveries)
                    self.journal.set_state(sha, FAILED if failed else QUEUED, self._stamp())
        return report

    def _settle(self, sha: str, report: PushReport) -> None:
        failed = [d for d in report.deliveries if d.sha256 == sha and d.outcome == "failed"]
        if failed:
            self.journal.set_state(sha, FAILED, self._stamp(), error=failed[-1].error)
        else:
            self.journal.set_state(sha, SENT, self._stamp(), error="")

    def _deliver(self, item: OutboxItem, target: Target, down: dict[str, str],
                 progress: PushProgress | None, cancel: Callable[[], bool] | None,
                 base: int, total: int) -> tuple[str, str]:
        if target.name in down:
            error = f"not tried: {down[target.name]}"
            self.journal.set_state(item.sha256, FAILED, self._stamp(), error=error)
            return "failed", error
        if not item.path.is_file():
            error = f"{item.name}: its file is missing from the outbox"
            self.journal.set_state(item.sha256, FAILED, self._stamp(), error=error)
            return "failed", error
        self.journal.set_state(item.sha256, SENDING, self._stamp(), attempt=True)
        message = f"{item.name} → {target.name}"

        def step(done: int, _size: int) -> None:
            if progress:
                progress(base + done, total, message)

        step(0, item.size)
        try:
            outcome = target.put(item.name, item.path, progress=step, cancel=cancel)
        except TransferCancelled:
            self.journal.set_state(item.sha256, QUEUED, self._stamp())
            return "cancelled", ""
        except TargetError as exc:
            if exc.kind in TARGET_WIDE:
                down[target.name] = str(exc)
            self.journal.set_state(item.sha256, FAILED, self._stamp(), error=str(exc))
            return "failed", str(exc)
        except BaseException:
            # e.g. a GUI progress handle raising its own "cancelled": not a failure.
            self.journal.set_state(item.sha256, QUEUED, self._stamp())
            raise
        self.journal.delivered(item.sha256, target.name, f"{target.describe()}",
                               self._stamp())
        return outcome, ""
