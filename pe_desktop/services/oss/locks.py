"""Records an OSS signed are the OSS's words: the PE annotates, never edits them.

Imported only by the observation and supervision services (and OSS modules);
depends on storage alone, so it can be imported from anywhere in services/.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.errors import ValidationError
from pe_desktop.storage.models import OssImport


def _column(kind: str):
    return OssImport.observation_id if kind == "observation" else OssImport.supervision_id


def oss_import_for(s: Session, kind: str, record_id: int) -> OssImport | None:
    return s.scalar(select(OssImport).where(_column(kind) == record_id))


def refuse_if_oss(s: Session, kind: str, record_id: int) -> None:
    row = oss_import_for(s, kind, record_id)
    if row is not None:
        raise ValidationError(
            {"oss": f"This {kind} was recorded and signed by the on-site supervisor "
                    f"{row.oss_name}; it cannot be changed here. Add an annotation instead."},
            record=kind.capitalize())


@dataclass(frozen=True)
class OssAuthor:
    """Who signed an imported record, for editors and lists."""

    import_id: int
    oss_name: str
    fingerprint: str
    imported_at: datetime
    annotation: str


def author_of(s: Session, kind: str, record_id: int) -> OssAuthor | None:
    row = oss_import_for(s, kind, record_id)
    if row is None:
        return None
    return OssAuthor(row.id, row.oss_name, row.fingerprint, row.imported_at, row.annotation)


def oss_authored_ids(s: Session, kind: str, placement_id: int) -> set[int]:
    col = _column(kind)
    return set(s.scalars(select(col).where(OssImport.placement_id == placement_id,
                                           col.is_not(None))))
