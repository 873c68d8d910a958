"""JSON interchange: lossless round trip, all-or-nothing import."""

from __future__ import annotations

import copy
import hashlib
import json

import pytest
from clocks import make_clock

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import open_context
from pe_desktop.services.interchange.document import (
    FORMAT_VERSION,
    InterchangeError,
    export_document,
    export_json,
    import_document,
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


def _strip(doc):
    doc = copy.deepcopy(doc)
    doc.pop("exported_at")
    return doc


def _db_digest(ctx):
    return hashlib.sha256(json.dumps(_strip(export_document(ctx)), sort_keys=True).encode()).hexdigest()


def test_round_trip_is_lossless(demo_ctx, empty_ctx, tmp_path):
    path = tmp_path / "all.json"
    counts = export_json(demo_ctx, path)
    assert counts["placements"] == 12 and counts["attendance_days"] > 100
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text(encoding="utf-8")
    assert "Máire Ó Dónaill" in text  # UTF-8, not \u escapes
    import_json(empty_ctx, path)
    assert _strip(export_document(empty_ctx)) == _strip(export_document(demo_ctx))


def test_import_refuses_to_mix_into_existing_data_unless_replacing(demo_ctx, tmp_path):
    path = tmp_path / "all.json"
    export_json(demo_ctx, path)
    before = _db_digest(demo_ctx)
    with pytest.raises(InterchangeError, match="--replace"):
        import_json(demo_ctx, path)
    assert _db_digest(demo_ctx) == before
    import_json(demo_ctx, path, replace=True)
    assert _db_digest(demo_ctx) == before


def _mutations():
    def bad_enum(d):
        d["tables"]["placements"][0]["status"] = "on_holiday"
    def bad_date(d):
        d["tables"]["placements"][1]["start_date"] = "31/02/2026"
    def missing_required(d):
        del d["tables"]["students"][0]["full_name"]
    def null_required(d):
        d["tables"]["students"][0]["university_id"] = None
    def dangling_fk(d):
        d["tables"]["attendance_days"][5]["placement_id"] = 99999
    def duplicate_pk(d):
        d["tables"]["students"].append(dict(d["tables"]["students"][0]))
    def end_before_start(d):
        p = d["tables"]["placements"][2]
        p["planned_end_date"] = p["start_date"]
    def wrong_type(d):
        d["tables"]["placements"][0]["required_days"] = "seventy"
    def unknown_field(d):
        d["tables"]["students"][0]["shoe_size"] = 9
    def unknown_table(d):
        d["tables"]["secrets"] = []
    def newer_version(d):
        d["version"] = FORMAT_VERSION + 1
    def not_ours(d):
        d["format"] = "something-else"
    def duplicate_unique(d):
        s = d["tables"]["students"]
        s[1]["student_number"] = s[0]["student_number"]
        s[1]["university_id"] = s[0]["university_id"]
    def too_long(d):
        d["tables"]["students"][0]["student_number"] = "X" * 51
    return [bad_enum, bad_date, missing_required, null_required, dangling_fk, duplicate_pk,
            end_before_start, wrong_type, unknown_field, unknown_table, newer_version, not_ours,
            duplicate_unique, too_long]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_each_class_of_bad_input_leaves_the_database_unchanged(demo_ctx, mutate):
    doc = export_document(demo_ctx)
    mutate(doc)
    before = _db_digest(demo_ctx)
    with pytest.raises(PEDesktopError) as err:
        import_document(demo_ctx, doc, replace=True)
    assert _db_digest(demo_ctx) == before
    msg = str(err.value)
    assert "\n" not in msg and msg
    if isinstance(err.value, ValidationError):
        assert err.value.record  # names the record
        assert err.value.problems  # and the field


def test_error_names_table_record_and_field(demo_ctx):
    doc = export_document(demo_ctx)
    pid = doc["tables"]["placements"][0]["id"]
    doc["tables"]["placements"][0]["status"] = "on_holiday"
    with pytest.raises(ValidationError) as err:
        import_document(demo_ctx, doc, replace=True)
    assert err.value.record == f"placements id={pid}"
    assert "status" in err.value.problems


def test_malformed_files_are_reported_in_one_line(ctx, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "pe-desktop-interchange", "version": 1, "tables": {', encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"not valid JSON \(line 1"):
        import_json(ctx, bad)
    latin = tmp_path / "latin.json"
    latin.write_bytes('{"name": "Zoë"}'.encode("latin-1"))
    with pytest.raises(InterchangeError, match="not UTF-8"):
        import_json(ctx, latin)
    with pytest.raises(InterchangeError, match="cannot read"):
        import_json(ctx, tmp_path / "missing.json")


def test_a_file_with_a_bom_is_accepted(demo_ctx, empty_ctx, tmp_path):
    path = tmp_path / "bom.json"
    export_json(demo_ctx, path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    import_json(empty_ctx, path)
    assert _strip(export_document(empty_ctx)) == _strip(export_document(demo_ctx))


def test_files_of_every_older_version_still_import(demo_ctx, empty_ctx):
    """A version-1 file (foundation tables only) imports into today's schema."""
    from pe_desktop.services.interchange.document import tables_in_order

    doc = export_document(demo_ctx)
    v1_tables = {"profile", "settings", "universities", "programmes", "students", "placements",
                 "placement_status_changes", "attendance_days", "meetings"}
    old = {"format": doc["format"], "version": 1, "app_version": "0.1.0",
           "exported_at": doc["exported_at"],
           "tables": {k: v for k, v in doc["tables"].items() if k in v1_tables}}
    assert FORMAT_VERSION > 1 and len(tables_in_order()) > len(v1_tables)
    import_document(empty_ctx, old)
    again = export_document(empty_ctx)
    for name in v1_tables:
        assert again["tables"][name] == doc["tables"][name]


def test_replacing_data_removes_files_only_the_old_records_used(demo_ctx, tmp_path):
    """After ``import --replace`` no attachment of the replaced data lingers on disk,
    and files the imported records use are kept."""
    from pe_desktop.services.evidence.items import EvidenceService
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.storage.attachments import AttachmentStore

    pid = PlacementService(demo_ctx).list()[0].id
    item = EvidenceService(demo_ctx).list(pid)[0]
    kept = tmp_path / "kept.txt"
    kept.write_text("a reflective log Zoë wrote", encoding="utf-8")
    EvidenceService(demo_ctx).add_attachment(item.id, kept)
    export_json(demo_ctx, tmp_path / "with-kept.json")
    dropped = tmp_path / "dropped.txt"
    dropped.write_text("notes naming a family", encoding="utf-8")
    gone = EvidenceService(demo_ctx).add_attachment(item.id, dropped)
    store = demo_ctx.attachments()
    assert isinstance(store, AttachmentStore) and gone.sha256 in store.hashes()

    import_json(demo_ctx, tmp_path / "with-kept.json", replace=True)
    remaining = store.hashes()
    assert gone.sha256 not in remaining
    assert len(remaining) == 1 and store.read_bytes(remaining.pop()) == kept.read_bytes()
