"""Autosaved editor drafts: what was typed but not yet saved.

An editor writes its fields here every couple of seconds of idle typing and
deletes the draft when the record is saved or the edit is abandoned on
purpose. Reopening the editor offers the draft back, so a crash or a killed
process loses at most the last few seconds.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select

from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import Draft


@dataclass(frozen=True)
class DraftRow:
    key: str
    title: str
    fields: dict[str, Any]
    saved_at: datetime


class DraftService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def save(self, key: str, title: str, fields: dict[str, Any]) -> None:
        payload = json.dumps(fields, ensure_ascii=False, default=str)
        with self.ctx.session() as s:
            d = s.get(Draft, key)
            if d is None:
                d = Draft(key=key)
                s.add(d)
            d.title = title[:200]
            d.payload = payload
            d.saved_at = self.ctx.now()

    def load(self, key: str) -> DraftRow | None:
        with self.ctx.read_session() as s:
            d = s.get(Draft, key)
            if d is None:
                return None
            try:
                fields = json.loads(d.payload)
            except json.JSONDecodeError:
                return None
            return DraftRow(d.key, d.title, fields if isinstance(fields, dict) else {}, d.saved_at)

    def discard(self, key: str) -> None:
        with self.ctx.session() as s:
            s.execute(delete(Draft).where(Draft.key == key))

    def list(self) -> list[DraftRow]:
        with self.ctx.read_session() as s:
            rows = s.scalars(select(Draft).order_by(Draft.saved_at.desc()))
            return [DraftRow(d.key, d.title, {}, d.saved_at) for d in rows]
