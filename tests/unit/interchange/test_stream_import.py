"""Streaming import: any file that imported before still does, a refused row is
named, and a failed import changes nothing (rows or files)."""

from __future__ import annotations

import copy
import json

import pytest
from clocks import make_clock

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import open_context
from pe_desktop.services.interchange.document import (
    export_document,
    export_json,
    import_json,
)


@pytest.fixture
def empty_ctx(tmp_path, template_db):
    import shutil

    d = tmp_path / "other"
    d.mkdir()
    shutil.copy2(template_db, d / template_db.name)
    c = open_context(d, clock=make_clock())
    yield c
    c.close()


def _tables(ctx):
    return export_document(ctx)["tables"]


def _write(path, doc, **kwargs):
    path.write_text(json.dumps(doc, ensure_ascii=False, **kwargs), encoding="utf-8")
    return path


@pytest.fixture
def spy(monkeypatch):
    """Records whether an import took the in-memory way."""
    from pe_desktop.services.interchange import document

    calls = []
    original = document.import_document

    def recording(*args, **kwargs):
        calls.append("in-memory")
        return original(*args, **kwargs)

    monkeypatch.setattr(document, "import_document", recording)
    return calls


def test_older_layouts_and_versions_still_import(demo_ctx, empty_ctx, tmp_path, spy):
    doc = export_document(demo_ctx)
    old = copy.deepcopy(doc)
    old["version"] = 3  # before the currency tables: they were simply absent
    for name in ("qualifications", "registration_periods", "past_students", "cpd_entries",
                 "manager_checkins", "mentoring_records", "currency_attachments"):
        old["tables"].pop(name, None)
    old.pop("currency_attachment_files", None)
    import_json(empty_ctx, _write(tmp_path / "v3.json", old, indent=1), replace=True)
    assert spy == []  # streamed
    assert _tables(empty_ctx)["placements"] == doc["tables"]["placements"]
    # Header after the tables, tables in reverse order: read the old way, same result.
    shuffled = {"tables": dict(reversed(list(doc["tables"].items()))),
                **{k: v for k, v in doc.items() if k != "tables"}}
    import_json(empty_ctx, _write(tmp_path / "shuffled.json", shuffled), replace=True)
    assert spy == ["in-memory"]
    assert _tables(empty_ctx) == doc["tables"]


def test_a_duplicate_is_named_and_nothing_changes(demo_ctx, empty_ctx, tmp_path):
    doc = export_document(demo_ctx)
    students = doc["tables"]["students"]
    students[3]["student_number"] = students[1]["student_number"]
    students[3]["university_id"] = students[1]["university_id"]
    export_json(demo_ctx, tmp_path / "good.json")
    import_json(empty_ctx, tmp_path / "good.json")
    before = _tables(empty_ctx)
    with pytest.raises(ValidationError) as exc:
        import_json(empty_ctx, _write(tmp_path / "dup.json", doc), replace=True)
    assert "students row 4" in str(exc.value) and "duplicates row 2" in str(exc.value)
    assert _tables(empty_ctx) == before


def test_bad_file_contents_remove_files_written_for_the_import(demo_ctx, empty_ctx, tmp_path):
    doc = export_document(demo_ctx)
    content = b"a certificate"
    import base64
    import hashlib

    sha = hashlib.sha256(content).hexdigest()
    doc["attachment_files"] = {sha: base64.b64encode(content).decode()}
    doc["tables"]["placements"][-1]["required_days"] = 0  # refused by the row checks
    with pytest.raises(PEDesktopError, match="required_days"):
        import_json(empty_ctx, _write(tmp_path / "bad.json", doc))
    assert _tables(empty_ctx)["placements"] == []
    # A file section before the tables is stored first, then removed when a row fails.
    first = {"format": doc["format"], "version": doc["version"],
             "attachment_files": doc["attachment_files"], "tables": doc["tables"]}
    with pytest.raises(PEDesktopError, match="required_days"):
        import_json(empty_ctx, _write(tmp_path / "bad2.json", first))
    from pe_desktop.storage.attachments import AttachmentStore

    assert sha not in AttachmentStore(empty_ctx.paths.attachments).hashes()


@pytest.mark.parametrize("text", ["", "[]", '{"format": "pe-desktop-interchange"', "nonsense"])
def test_broken_files_give_one_clear_error(empty_ctx, tmp_path, text):
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(PEDesktopError, match="not valid JSON|not a PE Desktop interchange"):
        import_json(empty_ctx, path)
