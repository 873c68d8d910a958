"""The dashboard issues the same number of SQL statements whatever the number
of placements (no query per placement in any attention provider)."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

from clocks import make_clock
from sqlalchemy import event

from pe_desktop.services.context import open_context
from pe_desktop.services.dashboard import DashboardService
from pe_desktop.services.demo import create_demo_data
from pe_desktop.storage import plain_rows


def _load_counting(root: Path, template_db: Path, placements: int):
    root.mkdir(mode=0o700)
    shutil.copy2(template_db, root / template_db.name)
    ctx = open_context(root, clock=make_clock())
    try:
        create_demo_data(ctx, placements=placements)
        statements: list[str] = []

        def count(conn, cursor, statement, *args) -> None:
            statements.append(statement)

        # The dashboard reads on a plain connection (storage/plain_rows.py, its own
        # listeners); anything still sent through SQLAlchemy is counted too.
        plain_rows.statement_listeners.append(statements.append)
        event.listen(ctx.db.engine, "before_cursor_execute", count)
        try:
            data = DashboardService(ctx).load()
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", count)
            plain_rows.statement_listeners.remove(statements.append)
        return data, statements
    finally:
        ctx.close()


def test_statement_count_does_not_grow_with_placements(tmp_path, template_db):
    small, q_small = _load_counting(tmp_path / "x1", template_db, 8)
    large, q_large = _load_counting(tmp_path / "x3", template_db, 24)
    # The larger set really is larger where the providers look: more open
    # placements and more attention items from each kind of provider.
    assert len(large.placements) > len(small.placements) >= 2
    kinds_small = Counter(i.category for i in small.items)
    kinds_large = Counter(i.category for i in large.items)
    assert {"meeting", "supervision", "report", "currency"} <= set(kinds_large)
    assert sum(kinds_large.values()) > sum(kinds_small.values())
    assert len(q_small) > 10  # the statements really are counted
    assert len(q_small) == len(q_large), (
        f"{len(q_small)} statements at 1x, {len(q_large)} at 3x:\n"
        + "\n".join(s.split("\n")[0] for s in q_large))
