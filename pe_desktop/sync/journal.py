"""The outbox's durable state: a small SQLite file (``outbox.sqlite``).

SQLite with ``synchronous=FULL`` makes every state change atomic and durable:
a process killed at any instant leaves either the old or the new state. The
bytes themselves live beside it under content-addressed names.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    sha256 TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    meta TEXT NOT NULL DEFAULT '{}',
    state TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    enqueued_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS deliveries (
    sha256 TEXT NOT NULL REFERENCES items(sha256) ON DELETE CASCADE,
    target TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    sent_at TEXT NOT NULL,
    PRIMARY KEY (sha256, target)
);
"""


class Journal:
    def __init__(self, path: Path) -> None:
        self.path = path
        fresh = not path.exists()
        self.conn = sqlite3.connect(path, timeout=30, isolation_level=None,
                                    check_same_thread=False)
        if fresh and hasattr(path, "chmod"):
            path.chmod(0o600)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def tx(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def add(self, sha: str, name: str, size: int, meta: dict[str, Any], now: str) -> None:
        with self.tx() as c:
            c.execute("INSERT OR IGNORE INTO items (sha256, name, size, meta, enqueued_at, "
                      "updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                      (sha, name, size, json.dumps(meta, sort_keys=True), now, now))

    def rows(self) -> list[sqlite3.Row]:
        return self.conn.execute("SELECT * FROM items ORDER BY enqueued_at, name").fetchall()

    def row(self, sha: str) -> sqlite3.Row | None:
        return self.conn.execute("SELECT * FROM items WHERE sha256 = ?", (sha,)).fetchone()

    def sent_to(self, sha: str) -> list[tuple[str, str]]:
        return [(r["target"], r["sent_at"]) for r in self.conn.execute(
            "SELECT target, sent_at FROM deliveries WHERE sha256 = ? ORDER BY sent_at, target",
            (sha,))]

    def set_state(self, sha: str, state: str, now: str, *, error: str | None = None,
                  attempt: bool = False) -> None:
        with self.tx() as c:
            c.execute("UPDATE items SET state = ?, updated_at = ?, attempts = attempts + ?, "
                      "last_error = COALESCE(?, last_error) WHERE sha256 = ?",
                      (state, now, 1 if attempt else 0, error, sha))

    def delivered(self, sha: str, target: str, detail: str, now: str) -> None:
        with self.tx() as c:
            c.execute("INSERT OR REPLACE INTO deliveries (sha256, target, detail, sent_at) "
                      "VALUES (?, ?, ?, ?)", (sha, target, detail, now))
            c.execute("UPDATE items SET last_error = '', updated_at = ? WHERE sha256 = ?",
                      (now, sha))

    def remove(self, sha: str) -> None:
        with self.tx() as c:
            c.execute("DELETE FROM items WHERE sha256 = ?", (sha,))
