"""Builders for the data-protection tests: an evidence item with a file, a keyring context."""

from __future__ import annotations

from pathlib import Path

from clocks import make_clock
from evidence_helpers import make_placement

from pe_desktop.domain.evidence_vocab import EvidenceKind
from pe_desktop.services.context import open_context
from pe_desktop.services.evidence.items import DomainNote, EvidenceItemInput, EvidenceService

SECRET_TEXT = "Confidential reflection about Ngozi Adeyemi-Okafor"


def add_item_with_file(ctx, tmp_path: Path, pid: int | None = None,
                       name: str = "Zoë Ní Bhriain") -> tuple[int, str]:
    """An evidence item with one attached file; returns (placement id, file sha256)."""
    pid = pid or make_placement(ctx, name=name)
    src = tmp_path / "reflective-log.txt"
    src.write_text(SECRET_TEXT + "\n", encoding="utf-8")
    row = EvidenceService(ctx).create(
        pid, EvidenceItemInput(EvidenceKind.REFLECTIVE_LOG, "Reflective log", ctx.today(),
                               SECRET_TEXT, domains=(DomainNote("knowledge"),)), files=[src])
    att = EvidenceService(ctx).get(row.id).attachments[0]
    return pid, att.sha256


def keyring_context(data_dir: Path, store, monkeypatch):
    """A context whose key lives in ``store`` (PE_DESKTOP_DATA_KEY unset)."""
    monkeypatch.delenv("PE_DESKTOP_DATA_KEY", raising=False)
    return open_context(data_dir, clock=make_clock(), store=store)


def all_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())
