"""Evidence items mapped to framework domains, with attachments.

Attachment files live in the data directory's attachment store
(:mod:`pe_desktop.storage.attachments`); rows hold the hash and the original
name. Files are copied into the store before the row is committed (a crash
leaves at most an unreferenced file, never a row without its file) and removed
after the last row naming them is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.evidence_vocab import EvidenceKind
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import (
    check_domains,
    check_not_future,
    clean,
    discard_drafts,
    framework_for,
    placement_or_404,
)
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.attachments import AttachmentError, FileState
from pe_desktop.storage.models import Attachment, EvidenceDomain, EvidenceItem


@dataclass(frozen=True)
class DomainNote:
    domain_key: str
    note: str = ""


@dataclass(frozen=True)
class EvidenceItemInput:
    kind: EvidenceKind
    title: str
    item_date: date
    description: str = ""
    domains: tuple[DomainNote, ...] = ()


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    item_id: int
    sha256: str
    original_name: str
    size: int
    added_at: datetime
    state: FileState | None = None  # None: not checked

    @property
    def problem(self) -> str | None:
        if self.state == FileState.MISSING:
            return f"{self.original_name} is missing from the attachment store"
        if self.state == FileState.ALTERED:
            return f"{self.original_name} has been altered since it was attached"
        return None


@dataclass(frozen=True)
class EvidenceItemRow:
    id: int
    placement_id: int
    kind: EvidenceKind
    title: str
    item_date: date
    description: str
    domains: tuple[DomainNote, ...]
    attachments: tuple[AttachmentRow, ...]

    @property
    def domain_keys(self) -> tuple[str, ...]:
        return tuple(d.domain_key for d in self.domains)

    def to_input(self) -> EvidenceItemInput:
        return EvidenceItemInput(self.kind, self.title, self.item_date, self.description,
                                 self.domains)


def _att_row(a: Attachment, state: FileState | None = None) -> AttachmentRow:
    return AttachmentRow(a.id, a.item_id, a.sha256, a.original_name, a.size, a.added_at, state)


class EvidenceService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.store = ctx.attachments()

    def _row(self, item: EvidenceItem, verify: bool) -> EvidenceItemRow:
        return EvidenceItemRow(
            item.id, item.placement_id, item.kind, item.title, item.item_date, item.description,
            tuple(DomainNote(d.domain_key, d.note) for d in item.domains),
            tuple(_att_row(a, self.store.verify(a.sha256) if verify else None)
                  for a in item.attachments),
        )

    # -- queries -----------------------------------------------------------
    def list(self, placement_id: int) -> list[EvidenceItemRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            items = s.scalars(
                select(EvidenceItem)
                .options(selectinload(EvidenceItem.domains), selectinload(EvidenceItem.attachments))
                .where(EvidenceItem.placement_id == placement_id)
                .order_by(EvidenceItem.item_date.desc(), EvidenceItem.id.desc())
            )
            return [self._row(i, verify=False) for i in items]

    def get(self, item_id: int, verify: bool = True) -> EvidenceItemRow:
        """One item; ``verify`` re-hashes its attachments to report missing/altered files."""
        with self.ctx.read_session() as s:
            return self._row(self._get(s, item_id), verify)

    @staticmethod
    def _get(s: Session, item_id: int) -> EvidenceItem:
        item = get_or_404(s, EvidenceItem, item_id, "evidence item")
        return item

    # -- validation --------------------------------------------------------
    def _check(self, s: Session, placement_id: int, data: EvidenceItemInput) -> None:
        pl = placement_or_404(s, placement_id)
        p = Problems()
        p.require("title", data.title, "Title")
        p.max_len("title", data.title, 200, "Title")
        if data.item_date is None:
            p["item_date"] = "Date is required"
        else:
            check_not_future(p, "item_date", data.item_date, self.ctx.today(), "The evidence date")
        keys = [d.domain_key for d in data.domains]
        if not keys:
            p["domains"] = "Map the item to at least one domain"
        elif len(set(keys)) != len(keys):
            p["domains"] = "Each domain can be mapped once"
        else:
            check_domains(p, keys, framework_for(self.ctx, pl))
        for d in data.domains:
            p.max_len("domains", d.note, 500, "A domain note")
        p.raise_if_any("Evidence item")

    def validate(self, placement_id: int, data: EvidenceItemInput) -> None:
        with self.ctx.read_session() as s:
            self._check(s, placement_id, data)

    # -- commands ----------------------------------------------------------
    def _apply(self, item: EvidenceItem, data: EvidenceItemInput) -> None:
        item.kind = data.kind
        item.title = clean(data.title)
        item.item_date = data.item_date
        item.description = data.description.rstrip()
        existing = {d.domain_key: d for d in item.domains}
        keep = []
        for d in data.domains:
            row = existing.get(d.domain_key) or EvidenceDomain(domain_key=d.domain_key)
            row.note = clean(d.note)
            keep.append(row)
        item.domains[:] = keep

    def create(self, placement_id: int, data: EvidenceItemInput,
               files: list[Path] | tuple[Path, ...] = ()) -> EvidenceItemRow:
        stored = [(Path(f).name, self.store.add_file(Path(f))) for f in files]
        with self.ctx.session() as s:
            self._check(s, placement_id, data)
            item = EvidenceItem(placement_id=placement_id)
            self._apply(item, data)
            item.attachments.extend(
                Attachment(sha256=sf.sha256, original_name=name[:255], size=sf.size)
                for name, sf in stored
            )
            s.add(item)
            s.flush()
            iid = item.id
        return self.get(iid)

    def update(self, item_id: int, data: EvidenceItemInput) -> EvidenceItemRow:
        with self.ctx.session() as s:
            item = self._get(s, item_id)
            self._check(s, item.placement_id, data)
            self._apply(item, data)
        return self.get(item_id)

    def delete(self, item_id: int) -> None:
        with self.ctx.session() as s:
            item = self._get(s, item_id)
            hashes = {a.sha256 for a in item.attachments}
            s.delete(item)
            discard_drafts(s, f"item:{item_id}")
        self._collect(hashes)

    def add_attachment(self, item_id: int, path: Path) -> AttachmentRow:
        path = Path(path)
        sf = self.store.add_file(path)
        with self.ctx.session() as s:
            item = self._get(s, item_id)
            a = Attachment(sha256=sf.sha256, original_name=path.name[:255], size=sf.size)
            item.attachments.append(a)
            s.flush()
            return _att_row(a, FileState.OK)

    def remove_attachment(self, attachment_id: int) -> None:
        with self.ctx.session() as s:
            a = get_or_404(s, Attachment, attachment_id, "attachment")
            sha = a.sha256
            s.delete(a)
        self._collect({sha})

    def _collect(self, hashes: set[str]) -> None:
        """Remove store files no row refers to any more."""
        if not hashes:
            return
        with self.ctx.read_session() as s:
            used = set(s.scalars(select(Attachment.sha256).where(Attachment.sha256.in_(hashes))))
        for sha in hashes - used:
            self.store.remove(sha)

    def attachment_path(self, attachment_id: int) -> Path:
        """A decrypted, owner-only copy of the verified file for the system viewer.

        The copy lives in the session's viewer folder and is removed when the
        app closes; raises :class:`AttachmentError` if the file is missing or altered.
        """
        with self.ctx.read_session() as s:
            a = get_or_404(s, Attachment, attachment_id, "attachment")
            row = _att_row(a, self.store.verify(a.sha256))
        if row.problem:
            raise AttachmentError(
                row.problem + ". It has not been opened: restore it from a backup or attach "
                "the original again")
        return self.ctx.viewer.write(row.original_name, self.store.read_bytes(row.sha256))

    def verify_all(self, placement_id: int | None = None) -> list[AttachmentRow]:
        """Attachments whose file is missing or altered (empty when all are intact)."""
        with self.ctx.read_session() as s:
            q = select(Attachment)
            if placement_id is not None:
                q = q.join(EvidenceItem).where(EvidenceItem.placement_id == placement_id)
            rows = list(s.scalars(q))
        bad = []
        cache: dict[str, FileState] = {}
        for a in rows:
            state = cache.setdefault(a.sha256, self.store.verify(a.sha256))
            if state != FileState.OK:
                bad.append(_att_row(a, state))
        return bad

    def count(self, placement_id: int) -> int:
        with self.ctx.read_session() as s:
            return int(s.scalar(select(func.count()).select_from(EvidenceItem)
                                .where(EvidenceItem.placement_id == placement_id)) or 0)


__all__ = ["AttachmentError", "EvidenceService", "EvidenceItemInput", "DomainNote"]
