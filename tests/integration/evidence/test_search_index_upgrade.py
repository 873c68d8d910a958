"""Migration contentless_search_1 on the demo data: the index no longer holds a
second copy of the text, and searches find the same records with the same
highlights and snippets as the 0002 index did (whole-database searches in the
same order; searches within a placement now rank by that placement's records)."""

from __future__ import annotations

from clocks import make_clock
from sqlalchemy import text

from pe_desktop.paths import DataPaths
from pe_desktop.services.context import AppContext
from pe_desktop.services.demo import create_demo_data
from pe_desktop.services.search import MARK_END, MARK_START, RANK_WINDOW, SearchService, fts_query
from pe_desktop.storage.database import Database
from pe_desktop.storage.engine import create_engine_for, session_factory
from pe_desktop.storage.fts import decode_rowid
from pe_desktop.storage.migrate import upgrade

BEFORE = "oss_reports_1"  # the revision before contentless_search_1


def _old_search(conn, query: str, placement_id: int | None, limit: int) -> list[tuple]:
    """The search as it ran on 0002's index (frozen copy of the old service's SQL)."""
    q = fts_query(query)
    if placement_id is not None:
        q = f"scope:p{placement_id} AND ({{title body}}: {q})"
    probe = conn.execute(text("SELECT rowid FROM search_index WHERE search_index MATCH :q "
                              "ORDER BY rowid DESC LIMIT :n"), {"q": q, "n": RANK_WINDOW + 1}
                         ).scalars().all()
    if not probe:
        return []
    lowest = probe[-1] if len(probe) > RANK_WINDOW else 0
    rows = conn.execute(text(
        "SELECT rowid, placement_id, highlight(search_index, 3, :a, :b) AS title, "
        "snippet(search_index, 4, :a, :b, '…', 16) AS snip FROM search_index "
        "WHERE search_index MATCH :q AND rowid > :lowest ORDER BY rank LIMIT :limit"),
        {"q": q, "lowest": lowest, "limit": limit, "a": MARK_START, "b": MARK_END}).all()
    return [(*decode_rowid(int(r.rowid)), int(r.placement_id), r.title or "", r.snip or "")
            for r in rows]


def _new_search(ctx, query: str, placement_id: int | None, limit: int) -> list[tuple]:
    return [(h.kind, h.record_id, h.placement_id, h.title, h.snippet)
            for h in SearchService(ctx).search(query, placement_id, limit)]


def test_search_results_unchanged_by_the_contentless_index(tmp_path):
    paths = DataPaths(tmp_path / "data").ensure()
    engine = create_engine_for(paths.database, make_clock())
    upgrade(engine, BEFORE)
    ctx = AppContext(db=Database(paths, engine, session_factory(engine, make_clock())),
                     clock=make_clock())
    try:
        create_demo_data(ctx)
        with engine.connect() as c:
            pids = c.execute(text("SELECT id FROM placements ORDER BY id")).scalars().all()
            # The demo's frequent words, a few prefixes and a two-word query.
            c.execute(text("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, search_index, row)"))
            common = c.execute(text("SELECT term FROM v WHERE length(term) > 3 "
                                    "ORDER BY doc DESC, term LIMIT 12")).scalars().all()
            copied = c.execute(text("SELECT count(*) FROM search_index_content")).scalar()
        queries = [*common, *(w[:3] for w in common[:4]), f"{common[0]} {common[1]}", "Zoë",
                   "supervision", "café"]
        before = {}
        with engine.connect() as c:
            for q in queries:
                before[q, None] = _old_search(c, q, None, 50)
                for pid in pids:
                    before[q, pid] = _old_search(c, q, pid, 500)
        assert sum(len(v) for v in before.values()) > 200  # the comparison has substance
        assert copied > 0  # 0002's index kept a copy of every record's text

        upgrade(engine)
        with engine.connect() as c:
            tables = c.execute(text("SELECT name FROM sqlite_master WHERE name LIKE "
                                    "'search_index%'")).scalars().all()
            assert "search_index_content" not in tables  # no second copy of the text
        for (q, pid), old in before.items():
            new = _new_search(ctx, q, pid, 50 if pid is None else 500)
            if pid is None:
                assert new == old, q
            else:
                assert sorted(new) == sorted(old), (q, pid)
    finally:
        engine.dispose()
