"""The PE's view of imported OSS records: list, re-verify, annotate."""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from pe_desktop.domain.errors import NotFoundError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.cms import verify_detached
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.storage.models import OssImport, OssInvitation, OssPin


@dataclass(frozen=True)
class ImportedRecord:
    id: int
    placement_id: int
    kind: str
    record_id: int
    oss_name: str
    fingerprint: str
    imported_at: datetime
    annotation: str


def _row(r: OssImport) -> ImportedRecord:
    return ImportedRecord(r.id, r.placement_id, r.kind,
                          r.observation_id or r.supervision_id or r.report_version_id or 0,
                          r.oss_name, r.fingerprint, r.imported_at, r.annotation)


def imported(ctx: AppContext, placement_id: int | None = None) -> list[ImportedRecord]:
    with ctx.read_session() as s:
        q = select(OssImport).order_by(OssImport.id)
        if placement_id is not None:
            q = q.where(OssImport.placement_id == placement_id)
        return [_row(r) for r in s.scalars(q)]


def for_record(ctx: AppContext, kind: str, record_id: int) -> ImportedRecord | None:
    from pe_desktop.services.oss.locks import oss_import_for

    with ctx.read_session() as s:
        r = oss_import_for(s, kind, record_id)
        return _row(r) if r else None


def annotate(ctx: AppContext, import_id: int, text: str) -> ImportedRecord:
    """The PE's annotation beside (never inside) the OSS's signed record."""
    if len(text) > 5000:
        raise ValidationError({"annotation": "Keep the annotation under 5,000 characters"},
                              record="Annotation")
    with ctx.session() as s:
        r = s.get(OssImport, import_id)
        if r is None:
            raise NotFoundError(f"No imported on-site supervisor record {import_id}.")
        r.annotation = text.rstrip()
        return _row(r)


def reverify(ctx: AppContext, import_id: int) -> str:
    """Check the stored signature again; the signer's fingerprint (raises if broken)."""
    with ctx.read_session() as s:
        r = s.get(OssImport, import_id)
        if r is None:
            raise NotFoundError(f"No imported on-site supervisor record {import_id}.")
        info = verify_detached(r.manifest.encode(), base64.b64decode(r.signature),
                               expect_fingerprint=r.fingerprint)
    return info.fingerprint


@dataclass(frozen=True)
class InvitationRow:
    uid: str
    placement_id: int
    expires_on: object
    pinned_name: str
    pinned_fingerprint: str


def invitations(ctx: AppContext, placement_id: int) -> list[InvitationRow]:
    with ctx.read_session() as s:
        pin = s.scalar(select(OssPin).where(OssPin.placement_id == placement_id))
        return [InvitationRow(i.uid, i.placement_id, i.expires_on,
                              pin.oss_name if pin else "", pin.fingerprint if pin else "")
                for i in s.scalars(select(OssInvitation)
                                   .where(OssInvitation.placement_id == placement_id))]


__all__ = ["ImportedRecord", "PackageRejected", "annotate", "for_record", "imported",
           "invitations", "reverify"]
