"""Certificates and CPD files: where they are stored and how they travel.

They use the evidence feature's :class:`AttachmentStore` (content-addressed,
owner-only, atomic writes) under its own folder ``attachments/currency`` so
that removing an evidence file can never remove a certificate with the same
bytes, and the reverse.

Interchange section ``currency_attachment_files`` (listed in
``SECTION_MODULES``): ``{sha256: base64}`` for every ``currency_attachments``
row, checked against its hash on import before anything is written.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from pe_desktop.services.context import AppContext
from pe_desktop.storage.attachments import AttachmentStore, FileState

SECTION = "currency_attachment_files"
TABLE = "currency_attachments"


def currency_store(ctx: AppContext) -> AttachmentStore:
    return AttachmentStore(ctx.paths.attachments / "currency")


def export_section(ctx: AppContext, tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    from pe_desktop.services.interchange import InterchangeError

    store = currency_store(ctx)
    out: dict[str, str] = {}
    for row in tables.get(TABLE, []):
        sha = row["sha256"]
        if sha in out:
            continue
        state = store.verify(sha)
        if state != FileState.OK:
            raise InterchangeError(
                f"the file '{row['filename']}' on your currency record is {state.value}; "
                "remove it from the record (or put it back) before exporting")
        out[sha] = base64.b64encode(store.path_for(sha).read_bytes()).decode("ascii")
    return out


def import_section(ctx: AppContext, value: Any, rows: dict[str, list[dict[str, Any]]]) -> None:
    from pe_desktop.services.interchange import InterchangeError

    files = value or {}
    if not isinstance(files, dict):
        raise InterchangeError(f"'{SECTION}' must map SHA-256 hashes to base64 file contents")
    store = currency_store(ctx)
    decoded: dict[str, bytes] = {}
    for sha, b64 in files.items():
        try:
            data = base64.b64decode(b64, validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise InterchangeError(f"currency file {str(sha)[:12]}… is not valid base64") from None
        if hashlib.sha256(data).hexdigest() != sha:
            raise InterchangeError(
                f"currency file {str(sha)[:12]}… does not match its SHA-256: the file has been "
                "altered; nothing was imported")
        decoded[sha] = data
    for i, row in enumerate(rows.get(TABLE, []), 1):
        sha = row.get("sha256", "")
        if sha not in decoded and store.verify(sha) != FileState.OK:
            raise InterchangeError(
                f"{TABLE} row {i} ('{row.get('filename', '')}'): the file's contents are not in "
                "the import file; nothing was imported")
    for sha, data in decoded.items():
        store.add_bytes(data, name=sha[:12])
