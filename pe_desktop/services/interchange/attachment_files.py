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

from pe_desktop.services.interchange.file_sections import FileSection

SECTION = "attachment_files"

_FILES = FileSection(
    section=SECTION,
    table="attachments",
    name_column="original_name",
    store=lambda ctx: ctx.attachments(),
    label="attachment file",
    export_problem=(
        "attachment '{name}' is {state} in the attachment store; restore it (or remove the "
        "attachment) before exporting"
    ),
)
export_section = _FILES.export_section
write_section = _FILES.write_section
EXPORT_TABLES = (_FILES.table,)
import_section = _FILES.import_section
after_replace = _FILES.prune
