"""``pe-desktop subject-access``: everything held about one student (JSON + PDF + files)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import NotFoundError, PEDesktopError
from pe_desktop.export.files import write_private_file
from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.retention.records import rows_for_student
from pe_desktop.storage import audit_log
from pe_desktop.storage.models import Student


@dataclass(frozen=True)
class SubjectAccessResult:
    folder: Path
    records: int
    files: int


def _plain(value: Any) -> Any:
    from pe_desktop.storage.audit_log import _canon

    return _canon(value)


def subject_access(ctx: AppContext, student_id: int, out: Path,
                   progress: Callable[[int, int, str], None] | None = None
                   ) -> SubjectAccessResult:
    """Write ``data.json``, ``data.pdf`` and ``attachments/`` for one student into ``out``.

    ``out`` must be empty or new; every file is written owner-only.
    """
    out = Path(out).expanduser()
    if out.exists() and any(out.iterdir()):
        raise PEDesktopError(f"{out} is not empty; choose a new or empty folder")
    with ctx.read_session() as s:
        st = s.get(Student, student_id)
        if st is None:
            raise NotFoundError(f"no student with id {student_id}")
        name, uid = st.full_name, st.uid
        grouped: dict[str, list[dict[str, Any]]] = {}
        for table, row in rows_for_student(s, student_id):
            grouped.setdefault(table.name, []).append({k: _plain(v) for k, v in row.items()})
        files = {(r["sha256"], r["original_name"]) for r in grouped.get("attachments", [])}
    if progress:
        progress(0, 3, "Writing the data file")
    ensure_private_dir(out)
    doc = {"format": "pe-desktop-subject-access", "version": 1, "student_uid": uid,
           "generated_at": ctx.now().isoformat(timespec="seconds"), "tables": grouped}
    write_private_file(out / "data.json",
                       json.dumps(doc, ensure_ascii=False, indent=2).encode("utf-8"))
    if progress:
        progress(1, 3, "Writing the PDF")
    from pe_desktop.export.archival import dated
    from pe_desktop.export.subject_access_pdf import render_subject_access

    label = {k: k.replace("_", " ").capitalize() for k in grouped}
    with dated(ctx.now()):
        pdf = render_subject_access(name, ctx.today().strftime("%d %B %Y"),
                                    [(label[k], v) for k, v in grouped.items()])
    write_private_file(out / "data.pdf", pdf)
    if progress:
        progress(2, 3, "Copying attached files")
    store = ctx.attachments()
    if files:
        ensure_private_dir(out / "attachments")
    for sha, original in sorted(files):
        safe = Path(original).name or sha[:12]
        write_private_file(out / "attachments" / f"{sha[:8]}-{safe}", store.read_bytes(sha))
    with ctx.session() as s:
        audit_log.append(s, [audit_log.PendingEvent(audit_log.EXPORT, "subject-access", uid)])
    if progress:
        progress(3, 3, "Done")
    return SubjectAccessResult(out, sum(len(v) for v in grouped.values()), len(files))
