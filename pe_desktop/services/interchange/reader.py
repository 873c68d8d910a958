"""Importing an interchange file as a stream (``pe-desktop import --json``).

The file is read with :class:`~.stream.JsonReader`: each row is decoded and
checked as it comes (types, required fields, vocabularies, keys, references,
``ROW_CHECKS``: :meth:`RowChecker.check_row`) and inserted in batches, all in
one transaction, so nothing changes unless the whole file imports. Memory
holds one batch, the keys of tables other rows refer to, and one attached
file at a time; never the document.

A file the stream cannot take in one pass — an older version whose upgrade
reshapes the document, header fields after the tables, tables out of
dependency order — is imported the old way (:func:`.document.import_document`
on the parsed document): every file that ever imported still does. When the
database refuses a row (a unique constraint), the file is read a second time
to name that row, with the same message as the in-memory check.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.text_rules import shown
from pe_desktop.services.context import AppContext
from pe_desktop.services.interchange.stream import JsonReader, JsonSyntaxError
from pe_desktop.services.interchange.validation import decode_row, warning_lines, where_of
from pe_desktop.storage import fts
from pe_desktop.storage.base import UTCDateTime
from pe_desktop.storage.errors import _is_sqlite_error
from pe_desktop.storage.plain_sql import utc_text

BATCH = 1000
_SHA = re.compile(r"^[0-9a-f]{64}$")


class NotStreamable(Exception):
    """This file needs the in-memory import (see the module's docstring)."""


class RowChecker:
    """Per-row checks of one table, the same as :func:`.document.parse_document`'s.

    Each row is decoded by :func:`.validation.decode_row` (types, required
    fields, vocabularies and the field rules every other way in applies), then
    its key, references and ``ROW_CHECKS`` are checked. ``keys`` holds the
    primary keys seen so far of the tables that others refer to (for reference
    checks); ``unique`` turns on the unique-constraint checks (off while
    streaming: the database enforces them and primary keys, and the second pass
    after a refusal turns them on for the table concerned).
    """

    def __init__(self, table: Table, keys: dict[str, set[Any]], referenced: set[str],
                 unique: bool = False) -> None:
        from pe_desktop.services.field_rules import rules_for
        from pe_desktop.services.interchange.document import ROW_CHECKS

        self.table = table
        self.keys = keys
        self.pk = [c.name for c in table.primary_key.columns]
        self.fks = [(fk.parent.name, fk.column.table.name) for fk in table.foreign_keys
                    if fk.column.primary_key]
        self.extra_check = ROW_CHECKS.get(table.name)
        self.count = 0
        #: "Worth a second look" messages (``?ukasz``), as :func:`.document_warnings`.
        self.warnings: list[str] = []
        self._warns = any(r.warn_question_marks for r in rules_for(table.name).values())
        # Keys are kept (as plain values for one-column keys) only where needed.
        single = len(self.pk) == 1
        self.key_of: Callable[[dict[str, Any]], Any] = (
            (lambda d, c=self.pk[0]: d.get(c)) if single
            else (lambda d: tuple(d.get(c) for c in self.pk)))
        self.seen: set[Any] | None = (keys.setdefault(table.name, set())
                                      if table.name in referenced or unique else None)
        self.unique_groups = _unique_groups(table) if unique else []
        self.unique_seen: list[dict[tuple, int]] = [{} for _ in self.unique_groups]

    def check_row(self, row: Any, i: int) -> dict[str, Any]:
        """The decoded row ``i`` (0-based), or ValidationError naming it."""
        decoded = decode_row(self.table, row, i)
        key = self.key_of(decoded)
        if key is None or (isinstance(key, tuple) and None in key):
            raise ValidationError({self.pk[0]: "is required"},
                                  record=where_of(self.table, i, row))
        if self.seen is not None:
            if key in self.seen:
                first = key[0] if isinstance(key, tuple) else key
                raise ValidationError({self.pk[0]: f"duplicate key {shown(first)}"},
                                      record=where_of(self.table, i, row))
            self.seen.add(key)
        self.count += 1
        for col, target in self.fks:
            value = decoded.get(col)
            if value is not None and value not in self.keys.get(target, ()):
                raise ValidationError({col: f"refers to missing {target} {shown(value)}"},
                                      record=where_of(self.table, i, row))
        if self.extra_check:
            problems = self.extra_check(decoded)
            if problems:
                raise ValidationError(problems, record=where_of(self.table, i, row))
        for cols, seen in zip(self.unique_groups, self.unique_seen, strict=True):
            ukey = tuple(decoded.get(c) for c in cols)
            if None in ukey:
                continue
            if ukey in seen:
                raise ValidationError({cols[-1]: f"duplicates row {seen[ukey] + 1}"},
                                      record=f"{self.table.name} row {i + 1}")
            seen[ukey] = i
        if self._warns:
            self.warnings += warning_lines(self.table, i, row, decoded)
        return decoded


def _unique_groups(table: Table) -> list[list[str]]:
    from sqlalchemy import UniqueConstraint

    return [[c.name for c in con.columns] for con in table.constraints
            if isinstance(con, UniqueConstraint)] + [[c.name] for c in table.columns if c.unique]


def _open(path: Path) -> Any:
    from pe_desktop.services.interchange.document import InterchangeError

    try:
        return open(path, encoding="utf-8-sig", errors="strict")  # noqa: SIM115
    except OSError as exc:
        raise InterchangeError(f"cannot read {path}: {exc.strerror or exc}") from exc


class _Import:
    """One streaming import (or its second, naming pass: ``check_only``)."""

    def __init__(self, ctx: AppContext, path: Path, *, check_only: str | None = None,
                 progress: Callable[[int, int, str], None] | None = None) -> None:
        from pe_desktop.services.field_rules import single_row_tables
        from pe_desktop.services.interchange.document import (
            _no_progress,
            _sections,
            tables_in_order,
        )

        self.ctx, self.path, self.check_only = ctx, Path(path), check_only
        self.report = progress or _no_progress
        self.single = single_row_tables()
        self.warnings: list[str] = []
        self.order = tables_in_order()
        self.known = {t.name: t for t in self.order}
        self.referenced = {fk.column.table.name for t in self.order for fk in t.foreign_keys}
        self.sections = {s.SECTION: s for s in _sections()}
        self.counts: dict[str, int] = {t.name: 0 for t in self.order}
        self.keys: dict[str, set[Any]] = {}
        self.header: dict[str, Any] = {}
        self.files_added: list[Callable[[], None]] = []
        self.files_seen: dict[str, set[str]] = {}
        self._inserts: dict[str, tuple[str, list[tuple[str, Any]]]] = {}
        self._cursor: Any = None

    def run(self, s: Session | None) -> None:
        from pe_desktop.services.interchange.document import InterchangeError

        with _open(self.path) as fh:
            reader = JsonReader(fh, parse_constant=_no_constant)
            try:
                if reader.peek() != "{":
                    reader.value()  # not JSON at all: says where
                    reader.end()
                    raise InterchangeError("this is not a PE Desktop interchange file")
                for key in reader.members():
                    if key == "tables":
                        self._header_ok()
                        self._tables(reader, s)
                    elif key in self.sections and self.check_only is None:
                        self._section(reader, key)
                    elif key in ("format", "version", "app_version", "exported_at"):
                        self.header[key] = reader.value()
                    else:
                        reader.skip()
                reader.end()
            except JsonSyntaxError as exc:
                raise InterchangeError(
                    f"{self.path.name} is not valid JSON (line {exc.lineno}, column "
                    f"{exc.colno}: {exc.msg})") from None
            except UnicodeDecodeError:
                raise InterchangeError(f"{self.path.name} is not UTF-8 text") from None
        if "tables" not in self.header:
            self._header_ok()
            raise InterchangeError("the file has no 'tables' section")

    def _header_ok(self) -> None:
        from pe_desktop.services.interchange.document import (
            FORMAT_NAME,
            FORMAT_VERSION,
            UPGRADERS,
            InterchangeError,
            _adds_tables_only,
        )

        if "format" not in self.header or "version" not in self.header:
            raise NotStreamable("header after the tables")
        if self.header["format"] != FORMAT_NAME:
            raise InterchangeError("this is not a PE Desktop interchange file")
        version = self.header["version"]
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise InterchangeError("the file has no valid interchange version")
        if version > FORMAT_VERSION:
            raise InterchangeError(
                f"the file uses interchange version {version}; this PE Desktop reads up to "
                f"{FORMAT_VERSION}. Update PE Desktop to import it")
        if any(UPGRADERS[v] is not _adds_tables_only for v in range(version, FORMAT_VERSION)):
            raise NotStreamable("the upgrade reshapes the document")
        self.header["tables"] = True

    def _tables(self, reader: JsonReader, s: Session | None) -> None:
        from pe_desktop.services.interchange.document import InterchangeError

        if reader.peek() != "{":
            raise InterchangeError("the file has no 'tables' section")
        position = -1
        for name in reader.members():
            table = self.known.get(name)
            if table is None:
                raise InterchangeError(f"unknown table(s) in file: {name}")
            index = self.order.index(table)
            if index <= position:
                raise NotStreamable("tables out of dependency order")
            position = index
            if reader.peek() != "[":
                raise InterchangeError(f"table '{name}' must be a list of rows")
            if s is not None:
                self.report(index, len(self.order), f"Writing {name.replace('_', ' ')}")
            checker = RowChecker(table, self.keys, self.referenced,
                                 unique=self.check_only == name)
            batch: list[dict[str, Any]] = []
            for i in reader.elements():
                if i == 1 and name in self.single:
                    raise InterchangeError(f"table '{name}' may hold one row; the file has more")
                batch.append(checker.check_row(reader.value(), i))
                if len(batch) >= BATCH:
                    self._insert(s, table, batch)
            self._insert(s, table, batch)
            self.counts[name] = checker.count
            self.warnings += checker.warnings

    def _insert(self, s: Session | None, table: Table, batch: list[dict[str, Any]]) -> None:
        """Insert a batch: rows holding every column go straight to the DB-API
        cursor (values through their types' bind processors); others (older files
        lacking a column) through SQLAlchemy, which fills the defaults."""
        if batch and s is not None:
            try:
                if all(len(row) == len(table.columns) for row in batch):
                    sql, binds = self._plain_insert(s, table)
                    names = [c for c, _ in binds]
                    get = itemgetter(*names) if len(names) > 1 else (lambda r, c=names[0]: (r[c],))
                    procs = [(i, fn) for i, (_, fn) in enumerate(binds) if fn is not None]
                    if procs:
                        values = []
                        for row in batch:
                            vals = list(get(row))
                            for i, fn in procs:
                                if vals[i] is not None:
                                    vals[i] = fn(vals[i])
                            values.append(vals)
                    else:
                        values = [get(row) for row in batch]
                    self._raw(s).executemany(sql, values)
                else:
                    s.execute(table.insert(), batch)
            except Exception as exc:
                # SQLAlchemy's, sqlite3's or sqlcipher3's (the raw cursor's) IntegrityError
                if type(exc).__name__ == "IntegrityError":
                    raise _Refused(table.name) from exc
                raise
        batch.clear()

    def _plain_insert(self, s: Session, table: Table) -> tuple[str, list[tuple[str, Any]]]:
        cached = self._inserts.get(table.name)
        if cached is None:
            dialect = s.get_bind().dialect
            names = [c.name for c in table.columns]
            # A UTC timestamp column's two processors (aware -> naive UTC -> text) in one.
            binds = [(c.name, utc_text if isinstance(c.type, UTCDateTime)
                      else c.type.dialect_impl(dialect).bind_processor(dialect))
                     for c in table.columns]
            sql = (f'INSERT INTO "{table.name}" ({", ".join(f"{chr(34)}{n}{chr(34)}" for n in names)}) '
                   f"VALUES ({', '.join('?' * len(names))})")
            cached = self._inserts[table.name] = (sql, binds)
        return cached

    def _raw(self, s: Session) -> Any:
        if self._cursor is None:
            self._cursor = s.connection().connection.dbapi_connection.cursor()
        return self._cursor

    def _section(self, reader: JsonReader, key: str) -> None:
        """An attached-files section: each file checked against its hash and stored
        as it is read (content-addressed: harmless if the import then fails; those
        not there before are removed again)."""
        from pe_desktop.services.interchange.document import InterchangeError
        from pe_desktop.storage.attachments import FileState

        section = self.sections[key]
        files = section._FILES  # noqa: SLF001 - the section's FileSection
        store = files.store(self.ctx)
        seen = self.files_seen.setdefault(key, set())
        if reader.peek() == "n":
            reader.value()  # null: no files
            return
        if reader.peek() != "{":
            raise InterchangeError(f"'{key}' must map SHA-256 hashes to base64 file contents")
        for sha in reader.members():
            if not _SHA.match(sha):
                raise InterchangeError(f"'{key}' names a file {shown(sha)} that is not a SHA-256")
            b64 = reader.value()
            try:
                data = base64.b64decode(b64, validate=True)
            except (binascii.Error, TypeError, ValueError):
                raise InterchangeError(f"{files.label} {str(sha)[:12]}… is not valid base64") \
                    from None
            if hashlib.sha256(data).hexdigest() != sha:
                raise InterchangeError(
                    f"{files.label} {str(sha)[:12]}… does not match its SHA-256: the file has "
                    "been altered; nothing was imported")
            new = store.verify(sha) != FileState.OK
            store.add_bytes(data, name=sha[:12])
            if new:
                self.files_added.append(lambda st=store, h=sha: st.remove(h))
            seen.add(sha)

    def check_files(self, s: Session) -> None:
        """Every row naming a file has it, from the file or already in the store."""
        from sqlalchemy import text

        from pe_desktop.services.interchange.document import InterchangeError
        from pe_desktop.storage.attachments import FileState

        for key, section in self.sections.items():
            files = section._FILES  # noqa: SLF001
            store = files.store(self.ctx)
            seen = self.files_seen.get(key, set())
            rows = s.execute(text(f"SELECT sha256, {files.name_column} FROM {files.table} "
                                  "ORDER BY rowid"))
            for i, (sha, name) in enumerate(rows, 1):
                if sha not in seen and store.verify(sha) != FileState.OK:
                    raise InterchangeError(
                        f"{files.table} row {i} ('{name}'): the file's contents are not in "
                        "the import file; nothing was imported")


class _Refused(Exception):
    def __init__(self, table: str) -> None:
        super().__init__(table)
        self.table = table


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def import_json_stream(ctx: AppContext, path: Path, *, replace: bool = False,
                       progress: Callable[[int, int, str], None] | None = None
                       ) -> dict[str, int]:
    """Import ``path`` in one transaction, streaming (see the module docstring).

    Replacing data backs it up first; the import is one audit event. ``progress``
    is told each table as it is written (an exception it raises, e.g. the user
    cancelling, rolls everything back)."""
    from pe_desktop.services.interchange.document import (
        IMPORT,
        ImportCounts,
        InterchangeError,
        audit_counts,
        database_is_empty,
        import_document,
        prune_unused_files,
        read_json_file,
        tables_in_order,
    )

    with ctx.read_session() as s:
        empty = database_is_empty(s)
    if not empty and not replace:
        raise InterchangeError(
            "the database already holds data; use --replace to replace it with the file")
    if not Path(path).is_file():
        read_json_file(path)  # says why it cannot be read, before any backup
    if not empty:
        from pe_desktop.services.backup.automatic import backup_before_action

        backup_before_action(ctx, "import-replace")
    job = _Import(ctx, path, progress=progress)
    try:
        with ctx.session() as s:
            conn = s.connection()
            triggers = fts.suspend(conn)  # indexed in one pass at the end
            if not empty:
                for table in reversed(tables_in_order()):
                    s.execute(delete(table))
            job.run(s)
            job.check_files(s)
            job.report(len(job.order), len(job.order), "Saving")
            fts.resume(conn, triggers)
            audit_counts(s, IMPORT, job.counts)
    except NotStreamable:
        for undo in job.files_added:
            undo()
        return import_document(ctx, read_json_file(path), replace=True, progress=progress)
    except _Refused as refused:
        for undo in job.files_added:
            undo()
        _name_the_refused_row(ctx, path, refused)
    except BaseException as exc:
        for undo in job.files_added:
            undo()
        if isinstance(exc, SQLAlchemyError) or _is_sqlite_error(exc):
            orig = getattr(exc, "orig", None) or exc
            raise InterchangeError(
                f"the file's records could not be stored ({type(orig).__name__}); nothing was "
                "imported") from exc
        raise
    if not empty:
        prune_unused_files(ctx)
    counts = ImportCounts(job.counts)
    counts.warnings = job.warnings
    return counts


def _name_the_refused_row(ctx: AppContext, path: Path, refused: _Refused) -> None:
    """Read the file again checking the refused table's unique constraints, to
    say which row; raise."""
    from pe_desktop.services.interchange.document import InterchangeError

    _Import(ctx, path, check_only=refused.table).run(None)  # raises ValidationError
    cause = refused.__cause__
    raise InterchangeError(
        f"the database refused a row of '{refused.table}' ({str(getattr(cause, 'orig', cause))}"
        "); nothing was imported") from None
