"""Dashboard items for the PE's own currency (registered in ATTENTION_PROVIDERS)."""

from __future__ import annotations

from datetime import date

from pe_desktop.domain.currency import State
from pe_desktop.services.attention import AttentionItem, Severity
from pe_desktop.services.currency.record import record_started, status_in
from pe_desktop.storage.plain_rows import Reads


def currency_items(s: Reads, today: date) -> list[AttentionItem]:

    if not record_started(s):
        return []  # nothing entered yet: the Currency page invites the PE to start
    status = status_in(s, today)
    items = []
    for r in status.problems:
        items.append(AttentionItem(
            severity=Severity.OVERDUE if r.state == State.LAPSED else Severity.DUE,
            when=r.lapses_on,
            title=f"Currency {r.state.label.lower()} — {r.title}",
            detail=r.text,
            placement_id=r.placement_id,
            category="currency",
        ))
    for w in status.warnings:
        items.append(AttentionItem(
            severity=Severity.DUE, when=None, title="Stage 1 PE — final placement",
            detail=w.text, placement_id=w.placement_id, category="currency",
        ))
    return items
