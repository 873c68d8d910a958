"""FTS5 search kept in step, interchange round trip with attachments, and the
migrated schema matching the models."""

import base64
import json
from datetime import timedelta

import pytest
from clocks import make_clock
from evidence_helpers import make_placement
from sqlalchemy import func, select, text

from pe_desktop.domain.evidence_vocab import EvidenceKind, ObservationStatus, ObserverRole
from pe_desktop.services.context import open_context
from pe_desktop.services.evidence.items import DomainNote, EvidenceItemInput, EvidenceService
from pe_desktop.services.evidence.observations import ObservationInput, ObservationService
from pe_desktop.services.interchange.document import (
    InterchangeError,
    export_document,
    export_json,
    import_document,
    import_json,
)
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.search import MARK_END, MARK_START, SearchService, fts_query
from pe_desktop.services.supervision import ActionInput, SessionInput, SupervisionService
from pe_desktop.storage import fts
from pe_desktop.storage.attachments import FileState
from pe_desktop.storage.models import Attachment, EvidenceItem, Placement, SupervisionSession


def _index_rows(ctx):
    """Every (term, rowid, column, offset) the index holds (it stores no text)."""
    with ctx.db.engine.connect() as c:
        c.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_terms "
                       "USING fts5vocab(main, search_index, instance)"))
        return sorted(c.execute(text("SELECT term, doc, col, offset FROM search_terms")).all())


def test_search_follows_inserts_updates_and_deletes(ctx):
    pid = make_placement(ctx)
    svc = SupervisionService(ctx)
    s = SearchService(ctx)
    row = svc.create(pid, SessionInput(held_on=ctx.today() - timedelta(days=3),
                                       discussion="Talked about safeguarding thresholds."))
    [hit] = s.search("safeguard")  # prefix match on the last word
    assert (hit.kind, hit.record_id, hit.placement_id) == ("supervision", row.id, pid)
    assert f"{MARK_START}safeguarding{MARK_END}" in hit.snippet
    assert hit.placement_label.startswith("Zoë Ní Bhriain")
    svc.update(row.id, SessionInput(held_on=row.held_on, discussion="Mental capacity assessment"))
    assert s.search("safeguarding") == []
    assert [h.record_id for h in s.search("capacity")] == [row.id]
    svc.delete(row.id)
    assert s.search("capacity") == []


def test_search_covers_every_source_ignores_accents_and_filters_by_placement(ctx):
    pid = make_placement(ctx)
    other = make_placement(ctx, name="Łukasz Nowak")
    d = ctx.today() - timedelta(days=2)
    SupervisionService(ctx).create(pid, SessionInput(held_on=d, agenda="Café meeting"))
    ObservationService(ctx).create(pid, ObservationInput(
        observed_on=d, status=ObservationStatus.COMPLETED, observer_role=ObserverRole.PE,
        consent_obtained=True, observer_account="A calm cafe conversation"))
    from pe_desktop.services.evidence.observations import FeedbackInput
    ObservationService(ctx).create_feedback(other, FeedbackInput(received_on=d,
                                                                 content="Met at the café"))
    EvidenceService(ctx).create(pid, EvidenceItemInput(EvidenceKind.CASE_WORK, "Cafe outreach",
                                                       d, domains=(DomainNote("knowledge"),)))
    hits = SearchService(ctx).search("cafe")
    assert sorted(h.kind for h in hits) == ["feedback", "item", "observation", "supervision"]
    assert {h.kind for h in SearchService(ctx).search("CAFÉ", placement_id=other)} == {"feedback"}
    item_hit = next(h for h in hits if h.kind == "item")
    assert item_hit.title == f"{MARK_START}Cafe{MARK_END} outreach"


def test_hostile_queries_are_quoted_not_parsed():
    assert fts_query('  ') is None
    assert fts_query('"unbalanced AND (') == '"unbalanced" "AND"*'
    assert fts_query("NEAR(x y) OR -z") == '"NEAR" "x" "y" "OR" "z"*'


def test_hostile_query_runs(ctx):
    make_placement(ctx)
    assert SearchService(ctx).search('"x" OR (y* NOT') == []


def test_index_equals_a_rebuild_after_cascading_delete(ctx):
    pid = make_placement(ctx)
    keep = make_placement(ctx, name="Łukasz Nowak")
    d = ctx.today() - timedelta(days=2)
    for p in (pid, keep):
        SupervisionService(ctx).create(p, SessionInput(held_on=d, discussion="Reflective cycle"))
        EvidenceService(ctx).create(p, EvidenceItemInput(EvidenceKind.OTHER, "Hub notes", d,
                                                         domains=(DomainNote("knowledge"),)))
    with ctx.session() as s:  # deleting a placement cascades to its records
        s.delete(s.get(Placement, pid))
    by_triggers = _index_rows(ctx)
    assert {r.term for r in by_triggers if r.col == "scope"} == {f"p{keep}"}
    assert {r.term for r in by_triggers} >= {"reflective", "hub", "notes"}
    with ctx.db.engine.begin() as c:
        assert fts.rebuild(c) == 2
    assert _index_rows(ctx) == by_triggers


# -- interchange ------------------------------------------------------------------------
@pytest.fixture
def full_ctx(ctx, tmp_path):
    pid = make_placement(ctx)
    d = ctx.today() - timedelta(days=5)
    SupervisionService(ctx).create(pid, SessionInput(
        held_on=d, discussion="Discussed anti-oppressive practice", domains=("diversity_equality",),
        actions=(ActionInput("Write a reflection", "Zoë", d + timedelta(days=7)),)))
    ObservationService(ctx).create(pid, ObservationInput(observed_on=d + timedelta(days=30)))
    src = tmp_path / "feedback scan.png"
    src.write_bytes(bytes(range(256)) * 4)
    EvidenceService(ctx).create(pid, EvidenceItemInput(
        EvidenceKind.COLLEAGUE_FEEDBACK, "Team manager's note", d,
        domains=(DomainNote("contexts_organisations", "works well with partners"),)), files=[src])
    SupervisionService(ctx).set_requirements(pid, observations_required=3)
    return ctx


def test_export_import_round_trip_is_lossless_including_files(full_ctx, tmp_path):
    out = tmp_path / "export.json"
    export_json(full_ctx, out)
    doc = json.loads(out.read_text())
    assert len(doc["attachment_files"]) == 1
    target = open_context(tmp_path / "other", clock=make_clock())
    try:
        counts = import_json(target, out)
        assert counts["supervision_sessions"] == 1 and counts["attachments"] == 1
        again = export_document(target)
        for name, rows in doc["tables"].items():
            assert again["tables"][name] == rows, name
        assert again["attachment_files"] == doc["attachment_files"]
        # the index was filled by the triggers during the bulk insert
        assert [h.kind for h in SearchService(target).search("oppressive")] == ["supervision"]
        with target.read_session() as s:
            att = s.scalars(select(Attachment)).one()
        assert EvidenceService(target).get(att.item_id).attachments[0].state == FileState.OK
    finally:
        target.close()


def test_import_refuses_a_tampered_attachment_and_changes_nothing(full_ctx, tmp_path):
    doc = export_document(full_ctx)
    sha = next(iter(doc["attachment_files"]))
    doc["attachment_files"][sha] = base64.b64encode(b"something else").decode()
    target = open_context(tmp_path / "other", clock=make_clock())
    try:
        with pytest.raises(InterchangeError, match="does not match its SHA-256"):
            import_document(target, doc)
        del doc["attachment_files"][sha]
        with pytest.raises(InterchangeError, match="contents are not in the import file"):
            import_document(target, doc)
        with target.read_session() as s:
            assert s.scalar(select(func.count()).select_from(EvidenceItem)) == 0
            assert s.scalar(select(func.count()).select_from(SupervisionSession)) == 0
    finally:
        target.close()


def test_older_documents_without_the_files_section_still_import(full_ctx, tmp_path):
    doc = export_document(full_ctx)
    doc.pop("attachment_files")
    for t in ("attachments",):
        doc["tables"][t] = []
    target = open_context(tmp_path / "other", clock=make_clock())
    try:
        assert import_document(target, doc)["evidence_items"] == 1
    finally:
        target.close()


def test_export_refuses_when_an_attachment_file_is_altered(full_ctx, tmp_path):
    with full_ctx.read_session() as s:
        att = s.scalars(select(Attachment)).one()
    EvidenceService(full_ctx).store.path_for(att.sha256).write_bytes(b"changed")
    with pytest.raises(InterchangeError, match="altered"):
        export_json(full_ctx, tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


# -- schema ---------------------------------------------------------------------------------
def test_fts_table_is_outside_the_interchange(ctx):
    from pe_desktop.services.interchange.document import tables_in_order

    names = {t.name for t in tables_in_order()}
    assert not any(fts.is_fts_table(n) for n in names)
    assert {"supervision_sessions", "attachments", "drafts", "evidence_domains"} <= names


def test_ranking_is_bounded_to_the_most_recent_matches(ctx, monkeypatch):
    from pe_desktop.services import search

    pid = make_placement(ctx)
    svc = SupervisionService(ctx)
    d = ctx.today() - timedelta(days=1)
    ids = [svc.create(pid, SessionInput(held_on=d, discussion=f"reflection number {i}")).id
           for i in range(6)]
    assert sorted(h.record_id for h in SearchService(ctx).search("reflection")) == ids
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    hits = SearchService(ctx).search("reflection")
    assert sorted(h.record_id for h in hits) == ids[-3:]
    # scoped searches use the indexed placement token, hostile text included
    assert SearchService(ctx).search('reflection" OR scope:p1', placement_id=pid + 1) == []


def test_streamed_export_is_the_document_export_document_builds(full_ctx, tmp_path):
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(full_ctx, force=True)  # every table (reports, currency) has rows
    make_placement(full_ctx, name="Zoë Ní Bhriain")
    src = tmp_path / "note.txt"
    src.write_text("Zoë's feedback")
    pid = PlacementService(full_ctx).list()[0].id
    EvidenceService(full_ctx).create(pid, EvidenceItemInput(
        EvidenceKind.OTHER, "Note", full_ctx.today(), domains=(DomainNote("knowledge"),)),
        files=[src])
    out = tmp_path / "streamed.json"
    counts = export_json(full_ctx, out)
    streamed = json.loads(out.read_text(encoding="utf-8"))
    built = json.loads(json.dumps(export_document(full_ctx)))
    assert list(streamed) == list(built)  # the same keys in the same order
    assert streamed == built
    assert counts == {name: len(rows) for name, rows in built["tables"].items()}
    assert streamed["attachment_files"] and counts["evidence_items"] > 10


def test_rows_written_by_sqlite_as_json_match_the_python_encoding(full_ctx, tmp_path):
    """The export has SQLite build most rows' JSON; booleans, NULLs, date-times
    with and without fractions and one stored in another layout (fixed up in
    Python) come out as export_document gives them."""
    from sqlalchemy import text

    from pe_desktop.services.demo import create_demo_data

    create_demo_data(full_ctx, force=True)
    with full_ctx.session() as s:
        sid = s.execute(text("SELECT id FROM students ORDER BY id LIMIT 1")).scalar()
        s.execute(text("UPDATE students SET created_at = '2026-11-23 10:00:00' WHERE id = :i"),
                  {"i": sid})
        s.execute(text("UPDATE students SET created_at = '2026-11-23 10:00:00.250000' "
                       "WHERE id = (SELECT max(id) FROM students)"))
    out = tmp_path / "streamed.json"
    export_json(full_ctx, out)
    streamed = json.loads(out.read_text(encoding="utf-8"))["tables"]
    built = json.loads(json.dumps(export_document(full_ctx)))["tables"]
    assert streamed == built
    stamps = [r["created_at"] for r in streamed["students"]]
    assert "2026-11-23T10:00:00+00:00" in stamps and "2026-11-23T10:00:00.250000+00:00" in stamps
    assert any(isinstance(r.get("archived"), bool) for r in streamed["placements"])
