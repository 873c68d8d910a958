"""Full-text search across supervision notes, observations, feedback and
evidence items (SQLite FTS5; see :mod:`pe_desktop.storage.fts`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from pe_desktop.domain.enums import label
from pe_desktop.services.context import AppContext
from pe_desktop.storage.fts import (
    BODY_COLUMN,
    FTS_TABLE,
    TITLE_COLUMN,
    ScratchIndex,
    decode_rowid,
    documents,
)
from pe_desktop.storage.models import Placement, Student

#: Markers around matched words in titles and snippets (the GUI turns them into
#: bold, the CLI into brackets). Control characters never occur in user text.
MARK_START = "\x02"
MARK_END = "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
KIND_LABELS = {"supervision": "Supervision", "observation": "Observation",
               "feedback": "Service-user / carer feedback", "item": "Evidence item"}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # supervision | observation | feedback | item
    record_id: int
    placement_id: int
    placement_label: str
    title: str  # with MARK_START/MARK_END around matches
    snippet: str  # ditto

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def plain(self, field: str) -> str:
        return getattr(self, field).replace(MARK_START, "").replace(MARK_END, "")


def fts_query(user_text: str) -> str | None:
    """A safe FTS5 query from what the user typed: every word must match, the
    last one as a prefix (search-as-you-type). ``None`` if there are no words."""
    words = _WORD.findall(user_text)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


#: Ranking (bm25) costs time per matching record, so it is bounded: when a
#: query matches more than this many records, the best matches are chosen
#: among the most recent RANK_WINDOW of them (found by a cheap rowid-ordered
#: probe), which keeps every search well under 100 ms on the large dataset.
RANK_WINDOW = 1000

_HIGHLIGHT = (f"SELECT rowid, highlight(scratch, {TITLE_COLUMN}, :a, :b), "
              f"snippet(scratch, {BODY_COLUMN}, :a, :b, '…', 16) "
              "FROM scratch WHERE scratch MATCH :q")


class SearchService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def search(self, query: str, placement_id: int | None = None, limit: int = 50) -> list[SearchHit]:
        q = fts_query(query)
        if q is None:
            return []
        marks = {"a": MARK_START, "b": MARK_END}
        with self.ctx.read_session() as s:
            conn = s.connection()
            if placement_id is not None:
                # One placement's records, read through the placement_id indexes and
                # searched in a private index: the same cost at any size of database.
                # Ranked by bm25 over the placement's own records.
                with ScratchIndex(documents(conn, placement_id=placement_id)) as idx:
                    found = idx.query(_HIGHLIGHT + " ORDER BY rank LIMIT :limit",
                                      {"q": f"{{title body}}: {q}", "limit": limit, **marks})
                order = [int(r[0]) for r in found]
                shown = {int(r[0]): (r[1], r[2]) for r in found}
                docs = {}
            else:
                order = self._ranked(s, q, limit)
                docs = {d.rowid: d for d in documents(conn, rowids=order)}
                with ScratchIndex(list(docs.values())) as idx:
                    shown = {int(r[0]): (r[1], r[2]) for r in idx.query(_HIGHLIGHT,
                                                                          {"q": q, **marks})}
            pids = {placement_id} if placement_id is not None else \
                {d.placement_id for d in docs.values()}
            labels = {
                pid: f"{name} — {label(kind)}"
                for pid, name, kind in s.execute(
                    select(Placement.id, Student.full_name, Placement.kind)
                    .join(Student, Student.id == Placement.student_id)
                    .where(Placement.id.in_(pids))
                )
            } if pids and order else {}
        hits = []
        for rowid in order:
            kind, rid = decode_rowid(rowid)
            pid = placement_id if placement_id is not None else docs[rowid].placement_id
            title, snip = shown.get(rowid, ("", ""))
            hits.append(SearchHit(kind, rid, pid, labels.get(pid, f"Placement {pid}"),
                                  title or "", snip or ""))
        return hits

    @staticmethod
    def _ranked(s: Session, q: str, limit: int) -> list[int]:
        """Rowids of the best ``limit`` matches in the whole index (bm25)."""
        probe = s.execute(
            text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q "
                 "ORDER BY rowid DESC LIMIT :n"),
            {"q": q, "n": RANK_WINDOW + 1},
        ).scalars().all()
        if not probe:
            return []
        lowest = probe[-1] if len(probe) > RANK_WINDOW else 0
        return [int(r) for r in s.execute(
            text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q "
                 "AND rowid > :lowest ORDER BY rank LIMIT :limit"),
            {"q": q, "lowest": lowest, "limit": limit},
        ).scalars()]
