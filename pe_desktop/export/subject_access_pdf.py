"""The PDF of a subject access request: every record held about one person, as data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pe_desktop.export import pdf_base as pb


def render_subject_access(name: str, generated: str,
                          sections: Sequence[tuple[str, Sequence[dict[str, Any]]]]) -> bytes:
    """``sections``: (table label, rows as column → printable value), in order."""
    story: list[Any] = [*pb.title("Personal data held", f"{name} — produced {generated}"),
                        pb.para("This document lists every record PE Desktop holds about the "
                                "person named above, grouped by kind. Attached files are "
                                "supplied alongside it in the attachments folder.")]
    for label, rows in sections:
        story.append(pb.heading(f"{label} ({len(rows)})", 2))
        for row in rows:
            story.append(pb.key_value_table([(k, "" if v is None else str(v))
                                             for k, v in row.items()]))
            story.append(pb.spacer(3))
    info = pb.DocumentInfo(title="Subject access request", subject=name)
    return pb.render_pdf(info, story).data
