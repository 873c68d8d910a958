"""The PE reviews each selected report before anything leaves.

Redaction choices are per round: text the PE selected to redact (applied to
every occurrence in every report of the round) and automatic redactions the
PE undid ("keep"). An approval stores the anonymised item exactly as shown,
with its SHA-256; a later change of choices that alters an approved item
withdraws that approval, and bundles contain approved items only.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from pe_desktop.domain.anonymise import Anonymiser, KnownEntities
from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.known import known_entities
from pe_desktop.services.qa.requests import RequestRow, RequestService
from pe_desktop.services.qa.sample import SampleRow, Selection, selection
from pe_desktop.services.qa.structure import (
    QaItem,
    build_item,
    load_view,
    placement_facts,
)
from pe_desktop.storage.models import QaApproval, QaRedactionChoice

REDACT, KEEP = "redact", "keep"
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32
MAX_CHOICE = 300


def new_return_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


@dataclass(frozen=True)
class Choices:
    redact: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()


@dataclass(frozen=True)
class Approval:
    report_uid: str
    return_code: str
    sha256: str
    approved_at: datetime | None
    current: bool  # approved, and still what the report gives today


@dataclass(frozen=True)
class Preview:
    row: SampleRow
    item: QaItem
    approval: Approval | None

    @property
    def approved(self) -> bool:
        return self.approval is not None and self.approval.current


class ReviewService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self._known: KnownEntities | None = None
        self._anonymisers: dict[tuple[int, Choices], Anonymiser] = {}

    # -- what is selected -----------------------------------------------------
    def selection(self, round_id: str) -> Selection:
        return selection(self.ctx, RequestService(self.ctx).get(round_id))

    def _selected(self, sel: Selection, report_uid: str) -> SampleRow:
        row = next((r for r in sel.selected if r.report_uid == report_uid), None)
        if row is None:
            raise NotFoundError("That report is not selected in this round")
        return row

    # -- choices ----------------------------------------------------------------
    def choices(self, request_id: int) -> Choices:
        with self.ctx.read_session() as s:
            rows = s.execute(select(QaRedactionChoice.action, QaRedactionChoice.text)
                             .where(QaRedactionChoice.request_id == request_id)
                             .order_by(QaRedactionChoice.id)).all()
        return Choices(tuple(t for a, t in rows if a == REDACT),
                       tuple(t for a, t in rows if a == KEEP))

    def anonymiser(self, request_id: int) -> Anonymiser:
        """One anonymiser per set of choices (building one compiles every known name)."""
        if self._known is None:
            self._known = known_entities(self.ctx)
        c = self.choices(request_id)
        key = (request_id, c)
        if key not in self._anonymisers:
            self._anonymisers[key] = Anonymiser(self._known, extra_redact=c.redact, keep=c.keep)
        return self._anonymisers[key]

    def _set_choice(self, round_id: str, text: str, action: str, present: bool) -> list[str]:
        text = text.strip()
        if not text or len(text) > MAX_CHOICE:
            raise ValidationError({"text": f"Select between 1 and {MAX_CHOICE} characters"},
                                  record="Redaction")
        req = RequestService(self.ctx).get(round_id)
        with self.ctx.session() as s:
            existing = s.scalars(select(QaRedactionChoice).where(
                QaRedactionChoice.request_id == req.id, QaRedactionChoice.action == action,
                QaRedactionChoice.text == text)).first()
            if present and existing is None:
                s.add(QaRedactionChoice(request_id=req.id, action=action, text=text))
            elif not present and existing is not None:
                s.delete(existing)
            if present:  # redact and keep of the same text cancel out
                other = REDACT if action == KEEP else KEEP
                for row in s.scalars(select(QaRedactionChoice).where(
                        QaRedactionChoice.request_id == req.id,
                        QaRedactionChoice.action == other, QaRedactionChoice.text == text)):
                    s.delete(row)
        return self._withdraw_changed(req)

    def add_redaction(self, round_id: str, text: str) -> list[str]:
        """Redact ``text`` everywhere in the round; returns withdrawn approvals' report uids."""
        return self._set_choice(round_id, text, REDACT, True)

    def remove_redaction(self, round_id: str, text: str) -> list[str]:
        """Undo a redaction the PE added by hand."""
        return self._set_choice(round_id, text, REDACT, False)

    def keep_text(self, round_id: str, text: str) -> list[str]:
        """Undo an automatic redaction: ``text`` is sent as written everywhere in the round."""
        return self._set_choice(round_id, text, KEEP, True)

    def unkeep_text(self, round_id: str, text: str) -> list[str]:
        return self._set_choice(round_id, text, KEEP, False)

    # -- items --------------------------------------------------------------------
    def return_code(self, req: RequestRow, row: SampleRow) -> str:
        with self.ctx.session() as s:
            a = s.scalars(select(QaApproval).where(QaApproval.request_id == req.id,
                                                   QaApproval.report_uid == row.report_uid)
                          ).first()
            if a is None:
                a = QaApproval(request_id=req.id, report_uid=row.report_uid,
                               version_uid=row.version_uid, return_code=new_return_code())
                s.add(a)
            return a.return_code

    def item(self, req: RequestRow, row: SampleRow, anonymiser: Anonymiser | None = None
             ) -> QaItem:
        view = load_view(self.ctx, row.placement_id, row.kind, row.version_number)
        return build_item(view, placement_facts(self.ctx, row.placement_id),
                          anonymiser or self.anonymiser(req.id),
                          return_code=self.return_code(req, row), outcome=row.outcome)

    def approval(self, req: RequestRow, row: SampleRow, item: QaItem | None = None
                 ) -> Approval | None:
        with self.ctx.read_session() as s:
            a = s.scalars(select(QaApproval).where(QaApproval.request_id == req.id,
                                                   QaApproval.report_uid == row.report_uid)
                          ).first()
            if a is None or not a.approved_json:
                return None
            intact = hashlib.sha256(a.approved_json.encode()).hexdigest() == a.approved_sha256
            current = intact and a.version_uid == row.version_uid and (
                item is None or item.sha256 == a.approved_sha256)
            return Approval(a.report_uid, a.return_code, a.approved_sha256, a.approved_at,
                            current)

    def preview(self, round_id: str, report_uid: str) -> Preview:
        sel = self.selection(round_id)
        row = self._selected(sel, report_uid)
        item = self.item(sel.request, row)
        return Preview(row, item, self.approval(sel.request, row, item))

    def approve(self, round_id: str, report_uid: str, expected_sha256: str | None = None,
                sel: Selection | None = None) -> tuple[Approval, QaItem]:
        """Approve what the anonymiser gives now; ``expected_sha256`` is what the PE saw."""
        sel = sel or self.selection(round_id)
        row = self._selected(sel, report_uid)
        item = self.item(sel.request, row)
        if expected_sha256 is not None and item.sha256 != expected_sha256:
            raise PEDesktopError("The anonymised report changed since it was shown; "
                                 "review it again before approving.")
        with self.ctx.session() as s:
            a = s.scalars(select(QaApproval).where(QaApproval.request_id == sel.request.id,
                                                   QaApproval.report_uid == report_uid)).one()
            a.version_uid = row.version_uid
            a.approved_json = item.json_bytes.decode()
            a.approved_sha256 = item.sha256
            a.approved_at = self.ctx.now()
        approval = self.approval(sel.request, row, item)
        assert approval is not None
        return approval, item

    def approve_all(self, round_id: str) -> list[tuple[Approval, QaItem]]:
        sel = self.selection(round_id)
        return [self.approve(round_id, r.report_uid, sel=sel) for r in sel.selected]

    def _withdraw_changed(self, req: RequestRow) -> list[str]:
        """Withdraw approvals whose item the current choices would change."""
        sel = selection(self.ctx, req)
        anonymiser = self.anonymiser(req.id)
        withdrawn = []
        for row in sel.selected:
            a = self.approval(req, row)
            if a is None:
                continue
            if self.item(req, row, anonymiser).sha256 != a.sha256:
                withdrawn.append(row.report_uid)
        if withdrawn:
            with self.ctx.session() as s:
                for a in s.scalars(select(QaApproval).where(
                        QaApproval.request_id == req.id,
                        QaApproval.report_uid.in_(withdrawn))):
                    a.approved_json = ""
                    a.approved_sha256 = ""
                    a.approved_at = None
        return withdrawn
