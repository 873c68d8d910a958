"""Interchange section ``attachment_files``: the bytes of every attachment.

Exported as ``{sha256: base64}`` so an export/import round trip is lossless.
On import every file is checked against its hash (a tampered file aborts the
import with a clear message) and written into the attachment store before the
database transaction; files are content-addressed, so writing one that the
import then rolls back harms nothing. An attachment row whose file is neither
in the document nor already in the store aborts the import. Files older than
this section (interchange version 1) carry no attachments.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any

from pe_desktop.services.context import AppContext
from pe_desktop.storage.attachments import AttachmentStore, FileState

SECTION = "attachment_files"


def export_section(ctx: AppContext, tables: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    from pe_desktop.services.interchange import InterchangeError

    store = AttachmentStore(ctx.paths.attachments)
    out: dict[str, str] = {}
    for row in tables.get("attachments", []):
        sha = row["sha256"]
        if sha in out:
            continue
        state = store.verify(sha)
        if state != FileState.OK:
            raise InterchangeError(
                f"attachment '{row['original_name']}' is {state.value} in the attachment store; "
                "restore it (or remove the attachment) before exporting"
            )
        out[sha] = base64.b64encode(store.path_for(sha).read_bytes()).decode("ascii")
    return out


def import_section(ctx: AppContext, value: Any, rows: dict[str, list[dict[str, Any]]]) -> None:
    from pe_desktop.services.interchange import InterchangeError

    files = value or {}
    if not isinstance(files, dict):
        raise InterchangeError(f"'{SECTION}' must map SHA-256 hashes to base64 file contents")
    store = AttachmentStore(ctx.paths.attachments)
    decoded: dict[str, bytes] = {}
    for sha, b64 in files.items():
        try:
            data = base64.b64decode(b64, validate=True)
        except (binascii.Error, TypeError, ValueError):
            raise InterchangeError(f"attachment file {str(sha)[:12]}… is not valid base64") from None
        if hashlib.sha256(data).hexdigest() != sha:
            raise InterchangeError(
                f"attachment file {str(sha)[:12]}… does not match its SHA-256: the file has been "
                "altered; nothing was imported")
        decoded[sha] = data
    for i, row in enumerate(rows.get("attachments", []), 1):
        sha = row.get("sha256", "")
        if sha not in decoded and store.verify(sha) != FileState.OK:
            raise InterchangeError(
                f"attachments row {i} ('{row.get('original_name', '')}'): the file's contents are "
                "not in the import file; nothing was imported")
    for sha, data in decoded.items():
        store.add_bytes(data, name=sha[:12])
