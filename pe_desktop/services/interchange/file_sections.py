"""Interchange sections carrying the bytes of content-addressed files.

A feature whose table rows refer to files in an :class:`AttachmentStore` by
SHA-256 declares one :class:`FileSection`; its module then exposes
``SECTION``, ``export_section`` and ``import_section`` for
``interchange.SECTION_MODULES``.

Exported as ``{sha256: base64}`` so a round trip is lossless. On import every
file is checked against its hash (an altered file aborts the import with a
clear message) and written into the store before the database transaction;
files are content-addressed, so writing one that the import then rolls back
harms nothing, and the files an import added are removed again if its database stage
fails. A row whose file is neither in the document nor already in the
store aborts the import.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import text

from pe_desktop.domain.text_rules import shown
from pe_desktop.services.context import AppContext
from pe_desktop.storage.attachments import AttachmentStore, FileState

_SHA = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class FileSection:
    section: str  # top-level key in the interchange document
    table: str  # the table whose rows name the files
    name_column: str  # the column holding the file's original name
    store: Callable[[AppContext], AttachmentStore]
    label: str  # "attachment file", "currency file" (for messages)
    #: Message when a file to export is missing or altered ({name}, {state}).
    export_problem: str

    def export_section(
        self, ctx: AppContext, tables: dict[str, list[dict[str, Any]]]
    ) -> dict[str, str]:
        from pe_desktop.services.interchange.document import InterchangeError

        store = self.store(ctx)
        out: dict[str, str] = {}
        for row in tables.get(self.table, []):
            sha = row["sha256"]
            if sha in out:
                continue
            state = store.verify(sha)
            if state != FileState.OK:
                raise InterchangeError(
                    self.export_problem.format(name=row[self.name_column], state=state.value)
                )
            out[sha] = base64.b64encode(store.read_bytes(sha)).decode("ascii")
        return out

    def write_section(self, ctx: AppContext, tables: dict[str, list[dict[str, Any]]],
                      writer: Any) -> None:
        """:meth:`export_section` written one file at a time (``writer``: a
        :class:`~.stream.JsonWriter`), so only one file is in memory."""
        from pe_desktop.services.interchange.document import InterchangeError

        store = self.store(ctx)
        done: set[str] = set()
        writer.open_object()
        for row in tables.get(self.table, []):
            sha = row["sha256"]
            if sha in done:
                continue
            state = store.verify(sha)
            if state != FileState.OK:
                raise InterchangeError(
                    self.export_problem.format(name=row[self.name_column], state=state.value)
                )
            done.add(sha)
            writer.key(sha)
            writer.write_value(base64.b64encode(store.read_bytes(sha)).decode("ascii"))
        writer.close_object()

    def import_section(
        self, ctx: AppContext, value: Any, rows: dict[str, list[dict[str, Any]]]
    ) -> Callable[[], None]:
        """Check and store the files; returns an undo that removes the files
        this import added (run when the database stage then fails)."""
        from pe_desktop.services.interchange.document import InterchangeError

        files = value or {}
        if not isinstance(files, dict):
            raise InterchangeError(
                f"'{self.section}' must map SHA-256 hashes to base64 file contents"
            )
        store = self.store(ctx)
        decoded: dict[str, bytes] = {}
        for sha, b64 in files.items():
            if not isinstance(sha, str) or not _SHA.match(sha):
                raise InterchangeError(
                    f"'{self.section}' names a file {shown(sha)} that is not a SHA-256"
                )
            try:
                data = base64.b64decode(b64, validate=True)
            except (binascii.Error, TypeError, ValueError):
                raise InterchangeError(
                    f"{self.label} {str(sha)[:12]}… is not valid base64"
                ) from None
            if hashlib.sha256(data).hexdigest() != sha:
                raise InterchangeError(
                    f"{self.label} {str(sha)[:12]}… does not match its SHA-256: the file has "
                    "been altered; nothing was imported"
                )
            decoded[sha] = data
        for i, row in enumerate(rows.get(self.table, []), 1):
            sha = row.get("sha256", "")
            if sha not in decoded and store.verify(sha) != FileState.OK:
                raise InterchangeError(
                    f"{self.table} row {i} ('{row.get(self.name_column, '')}'): the file's "
                    "contents are not in the import file; nothing was imported"
                )
        added: list[str] = []

        def undo() -> None:
            for sha in added:
                store.remove(sha)

        try:
            for sha, data in decoded.items():
                if store.verify(sha) == FileState.OK:
                    continue
                store.add_bytes(data, name=sha[:12])
                added.append(sha)
        except BaseException:
            undo()
            raise
        return undo

    def prune(self, ctx: AppContext) -> int:
        """Remove files no row refers to (after data was replaced by an import),
        so personal data does not outlive its records. Returns how many."""
        with ctx.read_session() as s:
            used = set(s.scalars(text(f"SELECT sha256 FROM {self.table}")))
        store = self.store(ctx)
        orphans = store.hashes() - used
        for sha in orphans:
            store.remove(sha)
        return len(orphans)
