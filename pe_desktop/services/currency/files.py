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

from pe_desktop.services.context import AppContext
from pe_desktop.services.interchange.file_sections import FileSection
from pe_desktop.storage.attachments import AttachmentStore

SECTION = "currency_attachment_files"
TABLE = "currency_attachments"


def currency_store(ctx: AppContext) -> AttachmentStore:
    return ctx.attachments("currency")


_FILES = FileSection(
    section=SECTION,
    table=TABLE,
    name_column="filename",
    store=currency_store,
    label="currency file",
    export_problem=(
        "the file '{name}' on your currency record is {state}; remove it from the record "
        "(or put it back) before exporting"
    ),
)
export_section = _FILES.export_section
write_section = _FILES.write_section
EXPORT_TABLES = (_FILES.table,)
import_section = _FILES.import_section
after_replace = _FILES.prune
