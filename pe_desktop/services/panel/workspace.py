"""Shared helpers for the panel's workspace: the round's request, its folders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from pe_desktop.domain.qa.request import SampleRequest, parse_request
from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.package import sha256
from pe_desktop.services.packages.signed_document import read_document
from pe_desktop.services.panel.rounds import RoundService


@dataclass(frozen=True)
class RoundRequest:
    round_id: str
    request: SampleRequest
    payload_sha256: str


def round_request(ctx: AppContext, round_id: str) -> RoundRequest:
    """The round's request as the panel signed it (its payload hash answers bundles)."""
    row = RoundService(ctx).get(round_id)
    doc = read_document(row.envelope)
    return RoundRequest(round_id, parse_request(doc.payload), sha256(doc.payload_bytes))


def panel_dir(ctx: AppContext, *parts: str) -> Path:
    """``<data dir>/panel/...`` (0700), created on demand."""
    path = ctx.paths.root / "panel"
    ensure_private_dir(path)
    for p in parts:
        path = path / p
        ensure_private_dir(path)
    return path


def quarantine_dir(ctx: AppContext, round_id: str) -> Path:
    return panel_dir(ctx, "quarantine", round_id)


def quarantined(ctx: AppContext, round_id: str) -> list[dict]:
    """What was quarantined in a round: one record per file (reason, where it came from)."""
    folder = ctx.paths.root / "panel" / "quarantine" / round_id
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob("*.json")):
        try:
            out.append(json.loads(p.read_text(encoding="utf-8")))
        except (OSError, ValueError):
            continue
    return out
