"""``pe-desktop coverage`` and ``pe-desktop search`` against a real data directory."""

import json
from datetime import timedelta

from evidence_helpers import make_placement

from pe_desktop.cli.main import main
from pe_desktop.domain.evidence_vocab import EvidenceKind
from pe_desktop.services.evidence.items import DomainNote, EvidenceItemInput, EvidenceService
from pe_desktop.services.supervision import SessionInput, SupervisionService


def _fill(ctx):
    pid = make_placement(ctx)
    d = ctx.today() - timedelta(days=3)
    SupervisionService(ctx).create(pid, SessionInput(held_on=d, discussion="Talked about kinship care",
                                                     domains=("knowledge",)))
    EvidenceService(ctx).create(pid, EvidenceItemInput(EvidenceKind.CASE_WORK, "Kinship assessment",
                                                       d, domains=(DomainNote("knowledge"),)))
    return pid


def test_coverage_text_and_json(ctx, data_dir, capsys):
    pid = _fill(ctx)
    assert main(["--data-dir", str(data_dir), "coverage", "--placement", str(pid)]) == 0
    out = capsys.readouterr().out
    assert "5. Knowledge" in out and "Direct observations: 0 of 2 completed" in out
    assert "! Domain 9 Professional Leadership: no evidence yet" in out
    assert "Progress: " in out and "Domain 5 Knowledge: 2 records of" in out
    assert main(["--data-dir", str(data_dir), "coverage", "--placement", str(pid), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    know = next(d for d in doc["domains"] if d["key"] == "knowledge")
    assert know["by_kind"] == {"supervision": 1, "case_work": 1} and know["gaps"] == []
    assert doc["observations"]["required"] == 2
    prog = next(d for d in doc["progress"]["domains"] if d["key"] == "knowledge")
    assert prog["records"] == 2 and prog["standing"] in {"on_track", "behind"}


def test_coverage_unknown_placement_is_a_one_line_error(ctx, data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "coverage", "--placement", "4242"]) == 1
    assert capsys.readouterr().err.strip() == "pe-desktop: error: No placement with id 4242"


def test_search_marks_matches_and_emits_json(ctx, data_dir, capsys):
    pid = _fill(ctx)
    assert main(["--data-dir", str(data_dir), "search", "kinship"]) == 0
    out = capsys.readouterr().out
    assert "[Kinship] assessment" in out and "Talked about [kinship] care" in out
    assert out.strip().endswith("2 results")
    assert main(["--data-dir", str(data_dir), "search", "kinship", "--json",
                 "--placement", str(pid)]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert {h["kind"] for h in hits} == {"supervision", "item"}
    assert all("\x02" not in h["snippet"] for h in hits)
    assert main(["--data-dir", str(data_dir), "search", "nothing-like-this"]) == 0
    assert "Nothing found" in capsys.readouterr().out
