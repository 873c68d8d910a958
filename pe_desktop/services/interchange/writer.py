"""Writing the interchange file as a stream (``pe-desktop export --json``).

The document is the one :func:`~.document.export_document` builds — the same
keys in the same order, the same values — but written table by table and row
by row from a plain DB-API cursor, so memory does not grow with the database.
Values come out of SQLite already in the format's encoding for most columns
(text, numbers, ISO dates, vocabularies stored by value); booleans and UTC
date-times are converted here, and any other column type goes through its
SQLAlchemy result processor and the document's encoder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Boolean, Date, DateTime, Enum, Float, Integer, String, Table, Text

from pe_desktop import __version__
from pe_desktop.services.context import AppContext
from pe_desktop.services.interchange.stream import JsonWriter

BATCH = 2000


def _converter(table: Table, col: Any, dialect: Any) -> Callable[[Any], Any] | None:
    """How a raw SQLite value of ``col`` becomes its interchange value (None: as is)."""
    from pe_desktop.services.interchange.document import _encode

    t = col.type
    impl = getattr(t, "impl", None)
    if isinstance(t, DateTime) or isinstance(impl, DateTime):
        def when(v: Any) -> Any:
            # SQLAlchemy stores "YYYY-MM-DD HH:MM:SS.ffffff" (UTC): rewritten as text
            # to what datetime.isoformat() gives for the aware value.
            if v is None:
                return None
            if len(v) == 26 and v[10] == " " and v[19] == ".":
                frac = "" if v.endswith(".000000") else v[19:]
                return f"{v[:10]}T{v[11:19]}{frac}+00:00"
            return datetime.fromisoformat(v).replace(tzinfo=UTC).isoformat()
        return when
    if isinstance(t, Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(t, Enum | Date | Integer | Float | String | Text):
        return None  # stored as the format writes it (vocabularies by value, dates ISO)
    proc = t.result_processor(dialect, None)

    def generic(v: Any) -> Any:
        return _encode(proc(v) if proc is not None else v)
    return generic


def _batches(conn: Any, table: Table, dialect: Any):  # -> Iterator[list[dict[str, Any]]]
    """The table's rows in primary-key order, encoded, from a plain cursor."""
    names = [c.name for c in table.columns]
    convert = [(c.name, fn) for c in table.columns
               if (fn := _converter(table, c, dialect)) is not None]
    pk = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    cols = ", ".join(f'"{n}"' for n in names)
    cur = conn.cursor()
    try:
        cur.execute(f'SELECT {cols} FROM "{table.name}" ORDER BY {pk}')
        while batch := cur.fetchmany(BATCH):
            rows = [dict(zip(names, raw, strict=True)) for raw in batch]
            for name, fn in convert:
                for row in rows:
                    row[name] = fn(row[name])
            yield rows
    finally:
        cur.close()


#: Marks a date-time the SQL below could not rewrite (fixed up in Python).
_ODD = "\\u0000ODD"


def _json_select(table: Table) -> str | None:
    """A query giving each row as its JSON text, built by SQLite (``json_object``)
    with the values :func:`_converter` would give; None when a column needs
    Python (floats, whose text SQLite shortens; other types; very wide tables)."""
    exprs = []
    for c in table.columns:
        t, col = c.type, f'"{c.name}"'
        if isinstance(t, DateTime) or isinstance(getattr(t, "impl", None), DateTime):
            expr = (f"CASE WHEN {col} IS NULL THEN NULL WHEN length({col}) = 26 AND "
                    f"substr({col}, 11, 1) = ' ' AND substr({col}, 20, 1) = '.' THEN "
                    f"substr({col}, 1, 10) || 'T' || substr({col}, 12, 8) || CASE WHEN "
                    f"substr({col}, 20) = '.000000' THEN '' ELSE substr({col}, 20) END "
                    f"|| '+00:00' ELSE char(0) || 'ODD' || {col} END")
        elif isinstance(t, Boolean):
            expr = (f"CASE WHEN {col} IS NULL THEN NULL WHEN {col} THEN json('true') "
                    "ELSE json('false') END")
        elif isinstance(t, Enum | Date | Integer | String | Text) and not isinstance(t, Float):
            expr = col
        else:
            return None
        exprs.append(f"'{c.name}', {expr}")
    if len(exprs) > 60:  # SQLite's limit on a function's arguments (127)
        return None
    pk = ", ".join(f'"{c.name}"' for c in table.primary_key.columns)
    return f'SELECT json_object({", ".join(exprs)}) FROM "{table.name}" ORDER BY {pk}'


def _json_batches(conn: Any, table: Table, sql: str, dialect: Any):  # -> Iterator[list[str]]
    """The table's rows as JSON texts (see :func:`_json_select`), in batches."""
    odd = [(c.name, _converter(table, c, dialect)) for c in table.columns
           if isinstance(c.type, DateTime) or isinstance(getattr(c.type, "impl", None),
                                                         DateTime)]
    cur = conn.cursor()
    try:
        cur.execute(sql)
        while batch := cur.fetchmany(BATCH):
            texts = [r[0] for r in batch]
            for i, text in enumerate(texts):
                if _ODD in text:  # a date-time stored some other way: as the slow path does
                    import json

                    row = json.loads(text)
                    for name, fn in odd:
                        v = row.get(name)
                        if isinstance(v, str) and v.startswith("\x00ODD"):
                            row[name] = fn(v[4:])
                    texts[i] = json.dumps(row, ensure_ascii=False)
            yield texts
    finally:
        cur.close()


def write_document(ctx: AppContext, fh: IO[str],
                   progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Write the whole interchange document to ``fh``; rows per table.

    ``progress(done, total, message)`` is told each table as it starts (an
    exception it raises stops the export)."""
    from pe_desktop.services.interchange.document import (
        FORMAT_NAME,
        FORMAT_VERSION,
        _no_progress,
        _sections,
        tables_in_order,
    )

    report = progress or _no_progress

    sections = _sections()
    # Sections read the rows of a few small tables (attachments): keep those.
    wanted = {t for s in sections for t in getattr(s, "EXPORT_TABLES", ())}
    kept: dict[str, list[dict[str, Any]]] = {t: [] for t in wanted}
    counts: dict[str, int] = {}
    w = JsonWriter(fh)
    w.open_object()
    for key, value in (("format", FORMAT_NAME), ("version", FORMAT_VERSION),
                       ("app_version", __version__),
                       ("exported_at", ctx.now().isoformat(timespec="seconds"))):
        w.key(key)
        w.write_value(value)
    w.key("tables")
    w.open_object()
    with ctx.read_session() as s:
        conn = s.connection()
        dialect = conn.dialect
        raw = conn.connection.dbapi_connection
        order = tables_in_order()
        for i, table in enumerate(order):
            report(i, len(order) + 1, f"Reading {table.name.replace('_', ' ')}")
            w.key(table.name)
            w.open_array()
            n = 0
            keep = kept.get(table.name)
            sql = _json_select(table) if keep is None else None
            if sql is not None:
                for texts in _json_batches(raw, table, sql, dialect):
                    w.raw_items(texts)
                    n += len(texts)
            else:
                for rows in _batches(raw, table, dialect):
                    w.items(rows)
                    n += len(rows)
                    if keep is not None:
                        keep.extend(rows)
            w.close_array()
            counts[table.name] = n
    w.close_object()
    report(len(order), len(order) + 1, "Copying attached files")
    for section in sections:
        w.key(section.SECTION)
        writer = getattr(section, "write_section", None)
        if writer is not None:
            writer(ctx, kept, w)
        else:
            w.write_value(section.export_section(ctx, kept))
    w.close_object()
    fh.write("\n")
    return counts


def export_json(ctx: AppContext, path: Path,
                progress: Callable[[int, int, str], None] | None = None) -> dict[str, int]:
    """Stream the document to ``path``: atomically (temp file + rename), owner-only;
    nothing is left behind if the export fails."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", buffering=1 << 20) as fh:
            counts = write_document(ctx, fh, progress)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return counts
