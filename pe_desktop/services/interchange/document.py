"""The JSON interchange format: everything in the database, versioned.

The format is generic over the ORM metadata: every table registered on
``Base.metadata`` (except bookkeeping tables) is exported as a list of rows in
foreign-key order, values encoded by column type. A feature that adds tables
gets export and import for free; it bumps :data:`FORMAT_VERSION` and, if older
files need reshaping, adds an upgrader to :data:`UPGRADERS`.

Import is all-or-nothing: every row is validated (types, required fields,
enumerations, references) before one transaction inserts them; the first
problem is reported with its table, row and field.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import Enum as PyEnum
from pathlib import Path
from typing import Any

from sqlalchemy import Table, delete
from sqlalchemy import select as sa_select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

import pe_desktop.storage.models  # noqa: F401  (registers every table)
from pe_desktop import __version__
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.text_rules import shown
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.checks import CURRENCY_ROW_CHECKS
from pe_desktop.services.field_rules import single_row_tables
from pe_desktop.services.interchange.validation import decode_row, warning_lines, where_of
from pe_desktop.storage import audit_log
from pe_desktop.storage.audit_log import EXPORT, IMPORT
from pe_desktop.storage.base import Base
from pe_desktop.storage.errors import constraint_name

FORMAT_NAME = "pe-desktop-interchange"
FORMAT_VERSION = 4
#: Tables that are not user data (virtual/FTS tables are not in the metadata; the
#: audit trail stays with the installation that recorded it).
SKIP_TABLES = frozenset({"alembic_version", "audit_events"})

#: version → function turning a document of that version into version + 1.
UPGRADERS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _adds_tables_only(doc: dict[str, Any]) -> dict[str, Any]:
    """A version that only added tables: older files simply lack them."""
    return doc


# Version history:
#  1 — profile, universities, programmes, students, placements, status changes,
#      attendance, meetings.
#  2 — supervision, observations, feedback, evidence, attachments (+ the
#      "attachment_files" section with file contents), drafts.
#  3 — reports: versions, per-domain narratives, confirmations.
UPGRADERS[1] = _adds_tables_only
#  4 — the PE's currency record: qualifications, registration, past students,
#      CPD, manager check-ins, mentoring, currency policy.
UPGRADERS[2] = _adds_tables_only
UPGRADERS[3] = _adds_tables_only

#: Extra per-table row checks beyond types: table → fn(row) → {field: message}.
ROW_CHECKS: dict[str, Callable[[dict[str, Any]], dict[str, str]]] = {}

#: Modules adding a top-level section beside "tables" for data that is not in
#: the database (e.g. attachment file contents). Each defines ``SECTION`` (the
#: key), ``export_section(ctx, tables) -> value`` and
#: ``import_section(ctx, value, rows)``, which validates and stores the value
#: before the database transaction and raises to abort the import unchanged
#: (it may return an undo callable, run if the database stage then fails);
#: optionally ``after_replace(ctx)``, run once an import has replaced data, and
#: for the streaming export ``EXPORT_TABLES`` (the tables whose rows
#: ``export_section`` reads) and ``write_section(ctx, tables, writer)``.
SECTION_MODULES: list[str] = [
    "pe_desktop.services.interchange.attachment_files",
    "pe_desktop.services.currency.files",
]


def _sections() -> list[Any]:
    import importlib

    return [importlib.import_module(m) for m in SECTION_MODULES]


class InterchangeError(PEDesktopError):
    pass


def tables_in_order() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in SKIP_TABLES]


# -- encoding --------------------------------------------------------------
def _encode(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, PyEnum):
        return value.value
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


#: ``progress(done, total, message)``; an exception it raises stops the work.
ProgressFn = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, message: str = "") -> None:
    return None


def export_document(ctx: AppContext, progress: ProgressFn | None = None) -> dict[str, Any]:
    tables: dict[str, list[dict[str, Any]]] = {}
    with ctx.read_session() as s:
        report = progress or _no_progress
        order = tables_in_order()
        for i, table in enumerate(order):
            report(i, len(order) + 1, f"Reading {table.name.replace('_', ' ')}")
            pk = list(table.primary_key.columns)
            rows = s.execute(sa_select(table).order_by(*pk)).mappings()
            tables[table.name] = [{k: _encode(v) for k, v in row.items()} for row in rows]
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "exported_at": ctx.now().isoformat(timespec="seconds"),
        "tables": tables,
    }
    report(len(order), len(order) + 1, "Copying attached files")
    for section in _sections():
        doc[section.SECTION] = section.export_section(ctx, tables)
    return doc


def write_private_json(path: Path, doc: dict[str, Any]) -> None:
    """Write atomically (temp file + rename), owner-only."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False, indent=1, sort_keys=False)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def export_json(ctx: AppContext, path: Path,
                progress: ProgressFn | None = None) -> dict[str, int]:
    """Write the document to ``path`` as a stream (:mod:`.writer`); one audit event."""
    from pe_desktop.services.interchange.writer import export_json as stream_export

    counts = stream_export(ctx, path, progress)
    with ctx.session() as s:
        audit_counts(s, EXPORT, counts)
    return counts


def audit_counts(s: Session, action: str, counts: dict[str, int]) -> None:
    """One audit event for a whole import or export (the row counts' hash, no content)."""
    import hashlib

    text = json.dumps(dict(sorted(counts.items())))
    audit_log.append(s, [audit_log.PendingEvent(action, "interchange", "all",
                                                hashlib.sha256(text.encode()).hexdigest())])


def _audit(s: Session, action: str, tables: dict[str, list[Any]]) -> None:
    audit_counts(s, action, {k: len(v) for k, v in tables.items()})


# -- decoding --------------------------------------------------------------
def _upgrade(doc: dict[str, Any]) -> dict[str, Any]:
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise InterchangeError("the file has no valid interchange version")
    if version > FORMAT_VERSION:
        raise InterchangeError(
            f"the file uses interchange version {version}; this PE Desktop reads up to "
            f"{FORMAT_VERSION}. Update PE Desktop to import it"
        )
    while version < FORMAT_VERSION:
        doc = UPGRADERS[version](doc)
        version += 1
        doc["version"] = version
    return doc


def parse_document(doc: Any) -> dict[str, list[dict[str, Any]]]:
    """Validate a decoded document; return decoded rows per table name."""
    if not isinstance(doc, dict) or doc.get("format") != FORMAT_NAME:
        raise InterchangeError("this is not a PE Desktop interchange file")
    doc = _upgrade(doc)
    tables = doc.get("tables")
    if not isinstance(tables, dict):
        raise InterchangeError("the file has no 'tables' section")
    known = {t.name: t for t in tables_in_order()}
    unknown = set(tables) - set(known)
    if unknown:
        raise InterchangeError(f"unknown table(s) in file: {', '.join(sorted(unknown))}")
    out: dict[str, list[dict[str, Any]]] = {}
    keys_seen: dict[str, set[Any]] = {}
    single = single_row_tables()
    for name, table in known.items():
        rows = tables.get(name, [])
        if not isinstance(rows, list):
            raise InterchangeError(f"table '{name}' must be a list of rows")
        if name in single and len(rows) > 1:
            raise InterchangeError(f"table '{name}' may hold one row; the file has {len(rows)}")
        out[name] = _parse_rows(table, rows, keys_seen)
    _check_unique(out)
    return out


def _parse_rows(table: Table, rows: list[Any],
                keys_seen: dict[str, set[Any]]) -> list[dict[str, Any]]:
    name = table.name
    pk_cols = [c.name for c in table.primary_key.columns]
    decoded_rows = []
    seen: set[Any] = set()
    for i, row in enumerate(rows):
        decoded = decode_row(table, row, i)
        where = where_of(table, i, row)
        key = tuple(decoded.get(c) for c in pk_cols)
        if None in key:
            raise ValidationError({pk_cols[0]: "is required"}, record=where)
        if key in seen:
            raise ValidationError({pk_cols[0]: f"duplicate key {shown(key[0])}"}, record=where)
        seen.add(key)
        for fk in table.foreign_keys:
            ref_val = decoded.get(fk.parent.name)
            if ref_val is None:
                continue
            target = fk.column.table.name
            if fk.column.primary_key and (ref_val,) not in keys_seen.get(target, set()):
                raise ValidationError(
                    {fk.parent.name: f"refers to missing {target} {shown(ref_val)}"}, record=where
                )
        check = ROW_CHECKS.get(name)
        if check:
            problems = check(decoded)
            if problems:
                raise ValidationError(problems, record=where)
        decoded_rows.append(decoded)
    keys_seen[name] = seen
    return decoded_rows


def document_warnings(rows_by_table: dict[str, list[dict[str, Any]]]) -> list[str]:
    """Things worth a second look that do not stop an import (``?ukasz``)."""
    out: list[str] = []
    for table in tables_in_order():
        for i, row in enumerate(rows_by_table.get(table.name, [])):
            out += warning_lines(table, i, row, row)
    return out


def _check_unique(rows_by_table: dict[str, list[dict[str, Any]]]) -> None:
    """Unique constraints, checked before insert so the message can name the row."""
    from sqlalchemy import UniqueConstraint

    for table in tables_in_order():
        groups = [
            [c.name for c in con.columns]
            for con in table.constraints
            if isinstance(con, UniqueConstraint)
        ] + [[c.name] for c in table.columns if c.unique]
        for cols in groups:
            seen: dict[tuple, int] = {}
            for i, row in enumerate(rows_by_table.get(table.name, [])):
                key = tuple(row.get(c) for c in cols)
                if None in key:
                    continue
                if key in seen:
                    raise ValidationError(
                        {cols[-1]: f"duplicates row {seen[key] + 1}"},
                        record=f"{table.name} row {i + 1}",
                    )
                seen[key] = i


def database_is_empty(s: Session) -> bool:
    for table in tables_in_order():
        if table.name == "settings":
            continue
        if s.execute(sa_select(table).limit(1)).first() is not None:
            return False
    return True


def prune_unused_files(ctx: AppContext) -> None:
    """After data was replaced, the old records are gone for good: so are files
    only they referred to."""
    for section in _sections():
        after = getattr(section, "after_replace", None)
        if after is not None:
            after(ctx)


def import_document(ctx: AppContext, doc: Any, *, replace: bool = False,
                    progress: ProgressFn | None = None) -> dict[str, int]:
    """Import a decoded document in one transaction; nothing changes on error
    (or when ``progress`` raises because the user cancelled)."""
    report = progress or _no_progress
    report(0, 1, "Checking the file")
    rows = parse_document(doc)
    with ctx.read_session() as s:
        empty = database_is_empty(s)
    if not empty and not replace:
        raise InterchangeError(
            "the database already holds data; use --replace to replace it with the file"
        )
    if not empty:
        from pe_desktop.services.backup.automatic import backup_before_action

        backup_before_action(ctx, "import-replace")
    undo: list[Callable[[], None]] = []
    try:
        for section in _sections():
            added = section.import_section(ctx, doc.get(section.SECTION), rows)
            if callable(added):
                undo.append(added)
        with ctx.session() as s:
            if not database_is_empty(s):
                for table in reversed(tables_in_order()):
                    s.execute(delete(table))
            order = tables_in_order()
            for i, table in enumerate(order):
                report(i, len(order), f"Writing {table.name.replace('_', ' ')}")
                batch = rows.get(table.name, [])
                if batch:
                    s.execute(table.insert(), batch)
            _audit(s, IMPORT, rows)
            report(len(order), len(order), "Saving")
    except BaseException as exc:
        # Files written for this import that no record now refers to go again.
        for fn in undo:
            fn()
        if isinstance(exc, IntegrityError):
            raise InterchangeError(
                "the database refused the file's data (a constraint failed: "
                f"{constraint_name(exc)}); nothing was imported"
            ) from None
        if isinstance(exc, SQLAlchemyError):
            raise InterchangeError(
                "the file's records could not be stored "
                f"({type(getattr(exc, 'orig', None) or exc).__name__}); nothing was imported"
            ) from None
        raise
    if not empty:
        prune_unused_files(ctx)
    counts = ImportCounts({name: len(r) for name, r in rows.items()})
    counts.warnings = document_warnings(rows)
    return counts


class ImportCounts(dict[str, int]):
    """Records imported per table, and warnings worth a look (``?ukasz``)."""

    warnings: list[str] = []


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_json_file(path: Path) -> Any:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InterchangeError(f"cannot read {path}: {exc.strerror or exc}") from exc
    name = Path(path).name
    try:
        return json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise InterchangeError(f"{name} is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise InterchangeError(
            f"{name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise InterchangeError(f"{name} is nested too deeply to be an interchange file") from None
    except ValueError as exc:  # NaN/Infinity, integers of thousands of digits
        raise InterchangeError(f"{name} is not valid interchange JSON ({exc})") from None


def import_json(ctx: AppContext, path: Path, *, replace: bool = False,
                progress: ProgressFn | None = None) -> dict[str, int]:
    """Import ``path``, read as a stream (:mod:`.reader`)."""
    from pe_desktop.services.interchange.reader import import_json_stream

    return import_json_stream(ctx, path, replace=replace, progress=progress)


def _placement_check(row: dict[str, Any]) -> dict[str, str]:
    problems: dict[str, str] = {}
    start, end = row.get("start_date"), row.get("planned_end_date")
    if start and end and end <= start:
        problems["planned_end_date"] = "must be after start_date"
    req = row.get("required_days")
    if req is not None and not 1 <= req <= 400:
        problems["required_days"] = "must be between 1 and 400"
    dpw = row.get("days_per_week")
    if dpw is not None and not 1 <= dpw <= 5:
        problems["days_per_week"] = "must be between 1 and 5"
    return problems


ROW_CHECKS["placements"] = _placement_check
ROW_CHECKS.update(CURRENCY_ROW_CHECKS)
