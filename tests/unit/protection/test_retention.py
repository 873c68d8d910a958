"""Retention: preview, then anonymise or delete after a backup; subject access requests."""

from __future__ import annotations

import json
from datetime import timedelta

from evidence_helpers import make_placement
from protection_helpers import SECRET_TEXT, add_item_with_file
from sqlalchemy import func, select

from pe_desktop.domain.enums import PlacementStatus
from pe_desktop.services import audit
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.retention import policy as pol
from pe_desktop.services.retention.service import apply, preview
from pe_desktop.services.retention.subject_access import subject_access
from pe_desktop.storage.models import Attachment, Placement, Student


def _old_placement(ctx, tmp_path, name: str, years_ago: int) -> int:
    start = ctx.today() - timedelta(days=365 * years_ago + 100)
    pid = make_placement(ctx, name=name, start=start)
    PlacementService(ctx).change_status(pid, PlacementStatus.COMPLETED, start + timedelta(days=90))
    return pid


def test_preview_then_anonymise_after_a_backup(ctx, tmp_path):
    old = _old_placement(ctx, tmp_path, "Old Student", 8)
    add_item_with_file(ctx, tmp_path, pid=old)
    _old_placement(ctx, tmp_path, "Recent Student", 2)
    make_placement(ctx, name="Current Student")
    due = preview(ctx)
    assert [d.name for d in due] == ["Old Student"] and due[0].years == 6
    result = apply(ctx)
    assert result.students == 1 and result.mode == "anonymise" and result.backup
    with ctx.read_session() as s:
        names = set(s.scalars(select(Student.full_name)))
        assert "Old Student" not in names and "Recent Student" in names
        orgs = s.scalar(select(Placement.organisation).where(Placement.id == old))
        assert orgs.startswith("[removed")
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    assert ctx.attachments().hashes() == set()  # the file went with its record
    assert preview(ctx) == []
    events = audit.list_events(ctx)
    assert events[-1].action == "retention" and events[-1].record_type == "students:anonymise"


def test_per_university_years_and_delete_mode(ctx, tmp_path):
    _old_placement(ctx, tmp_path, "Seven Years", 7)
    pol.save_policy(ctx, pol.RetentionPolicy(default_years=6,
                                             by_university={"University of Northfield": 10},
                                             mode="delete"))
    assert preview(ctx) == []
    pol.save_policy(ctx, pol.RetentionPolicy(default_years=6, mode="delete"))
    result = apply(ctx)
    assert result.students == 1 and result.mode == "delete"
    with ctx.read_session() as s:
        assert s.scalar(select(func.count()).select_from(Student)) == 0


def test_subject_access_writes_json_pdf_and_files(ctx, tmp_path):
    pid, sha = add_item_with_file(ctx, tmp_path, name="Asked For Data")
    from pe_desktop.domain.reports import ReportKind
    from pe_desktop.services.reports.service import ReportContent, ReportService

    view = ReportService(ctx).open(pid, ReportKind.MIDWAY)
    ReportService(ctx).save(view.version.id, ReportContent(
        narratives={view.domains[0].key: "Narrative naming the student"}))
    with ctx.read_session() as s:
        sid = s.scalar(select(Placement.student_id).where(Placement.id == pid))
    out = tmp_path / "sar"
    result = subject_access(ctx, sid, out)
    doc = json.loads((out / "data.json").read_text(encoding="utf-8"))
    assert doc["tables"]["students"][0]["full_name"] == "Asked For Data"
    assert doc["tables"]["evidence_items"][0]["description"] == SECRET_TEXT
    narratives = json.dumps(doc["tables"]["report_narratives"], ensure_ascii=False)
    assert "Narrative naming the student" in narratives  # three levels below the placement
    assert (out / "data.pdf").read_bytes().startswith(b"%PDF")
    [copied] = (out / "attachments").iterdir()
    assert copied.read_text(encoding="utf-8").startswith(SECRET_TEXT)
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in out.rglob("*") if p.is_file())
    assert result.files == 1 and result.records >= 4
    del sha
