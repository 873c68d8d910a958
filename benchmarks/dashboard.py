"""The dashboard's SQL statements and load time on a dataset.

    python -m benchmarks.dashboard --data-dir /tmp/pe-bench [--repeat 10]

Counts the statements one ``DashboardService.load`` sends to SQLite (target:
the same number at every scale, ``benchmarks.all`` compares them) and times
the load (median, off the GUI thread in the app) against a floor measured in
the same run: one query reading the open placements' rows.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks.figures import Figure, print_figures
from benchmarks.timing import measure


def run(data_dir: Path, repeat: int = 10) -> list[Figure]:
    from sqlalchemy import event, select

    from pe_desktop.services.context import open_context
    from pe_desktop.services.dashboard import DashboardService
    from pe_desktop.storage.models import Placement

    ctx = open_context(data_dir)
    try:
        service = DashboardService(ctx)
        statements: list[str] = []

        def count(_conn, _cursor, statement, *_args) -> None:
            statements.append(statement)

        from pe_desktop.storage import plain_rows

        plain_rows.statement_listeners.append(statements.append)  # the plain reads
        event.listen(ctx.db.engine, "before_cursor_execute", count)
        data = service.load()
        event.remove(ctx.db.engine, "before_cursor_execute", count)
        plain_rows.statement_listeners.remove(statements.append)

        def floor() -> None:
            with ctx.read_session() as s:
                s.execute(select(Placement).where(Placement.archived.is_(False))).all()

        base, _ = measure(floor, repeat)
        med, p95 = measure(service.load, repeat)
    finally:
        ctx.close()
    print(f"dashboard on {data_dir}: {len(data.placements)} open placements, "
          f"{len(data.items)} items, {len(statements)} SQL statements; load median "
          f"{med:.0f} ms (p95 {p95:.0f}), floor {base:.1f} ms")
    return [
        Figure("dashboard", "dashboard SQL statements per load", len(statements), "stmts",
               "same at every scale", None),
        Figure("dashboard", "dashboard load (background)", med, "ms", "(information)", None,
               base, "placements query"),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, default=Path("/tmp/pe-bench"))
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    print_figures(f"dashboard, {args.data_dir}", run(args.data_dir, args.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())
