"""``pe-desktop check``: is everything that should be there there, and intact?

In order: the database pages (SQLCipher's HMACs and SQLite's own
``integrity_check``) and its schema (every table, column, index and trigger this
version has), foreign keys, the full-text index against its source
records, every attachment's hash, and the audit chain. The first problem found
is the answer; ``on_step`` reports progress.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select, text

from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.storage import audit_log
from pe_desktop.storage.fts import FTS_TABLE, compare_with_sources
from pe_desktop.storage.models import Attachment, AuditEvent, CurrencyAttachment

STEPS = ("database", "foreign keys", "search index", "attachments", "audit trail")


@dataclass(frozen=True)
class CheckResult:
    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)  # step → items checked

    @property
    def ok(self) -> bool:
        return not self.problems


def _database(ctx: AppContext) -> tuple[int, list[str]]:
    with ctx.db.engine.connect() as conn:
        pages = conn.execute(text("PRAGMA page_count")).scalar() or 0
        cipher = [r[0] for r in conn.execute(text("PRAGMA cipher_integrity_check"))]
        if cipher:
            return pages, [f"database page damaged: {cipher[0]}"]
        rows = [r[0] for r in conn.execute(text("PRAGMA integrity_check"))]
        if rows != ["ok"]:
            return pages, [f"database integrity: {rows[0]}"]
        from pe_desktop.paths import migrations_dir
        from pe_desktop.storage.schema_snapshot import schema_problem

        missing = schema_problem(conn.connection.driver_connection, migrations_dir())
    return pages, ([] if missing is None else [f"database schema damaged: {missing}"])


def _foreign_keys(ctx: AppContext) -> tuple[int, list[str]]:
    with ctx.db.engine.connect() as conn:
        rows = conn.execute(text("PRAGMA foreign_key_check")).fetchall()
    return len(rows), [f"{r[0]} row {r[1]} refers to a missing {r[2]} record" for r in rows[:1]]


def _fts(ctx: AppContext) -> tuple[int, list[str]]:
    total = 0
    with ctx.db.engine.connect() as conn:
        try:
            conn.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('integrity-check')"))
        except Exception as exc:  # noqa: BLE001 - the FTS module's own message
            return 0, [f"search index damaged: {exc}"]
        total, missing, stale, extra = compare_with_sources(conn)
        if missing or stale:
            return total, [f"search index out of step: {count(missing + stale, 'record')} "
                           "missing or stale (run a repair)"]
        if extra:
            return total, [f"search index holds {extra} entries for deleted records"]
    return total, []


def _attachments(ctx: AppContext, on_item: Callable[[int, int], None] | None
                 ) -> tuple[int, list[str]]:
    with ctx.read_session() as s:
        rows = [("", a.sha256, a.original_name) for a in s.scalars(select(Attachment))]
        rows += [("currency", a.sha256, a.filename) for a in s.scalars(select(CurrencyAttachment))]
    stores = {sub: ctx.attachments(sub) for sub in {r[0] for r in rows}}
    seen: set[tuple[str, str]] = set()
    for i, (sub, sha, name) in enumerate(rows, 1):
        if on_item is not None:
            on_item(i, len(rows))
        if (sub, sha) in seen:
            continue
        seen.add((sub, sha))
        state = stores[sub].verify(sha)
        if state.value != "ok":
            return i, [f"attachment '{name}' is {state.value} (SHA-256 {sha[:12]}…)"]
    return len(rows), []


def _audit(ctx: AppContext) -> tuple[int, list[str]]:
    with ctx.read_session() as s:
        rows = s.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars().all()
    problem = audit_log.verify_rows(rows)
    return len(rows), ([f"audit trail: {problem.message}"] if problem else [])


def run_check(ctx: AppContext, on_step: Callable[[int, int, str], None] | None = None
              ) -> CheckResult:
    """Run every check in order and stop at the first problem."""
    checked: dict[str, int] = {}

    def step(i: int, name: str) -> None:
        if on_step is not None:
            on_step(i, len(STEPS), f"Checking {name}")

    runners = [
        lambda: _database(ctx),
        lambda: _foreign_keys(ctx),
        lambda: _fts(ctx),
        lambda: _attachments(ctx, None),
        lambda: _audit(ctx),
    ]
    for i, (name, run) in enumerate(zip(STEPS, runners, strict=True)):
        step(i, name)
        n, problems = run()
        checked[name] = n
        if problems:
            return CheckResult(problems, checked)
    step(len(STEPS), "done")
    return CheckResult([], checked)
