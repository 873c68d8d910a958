"""The new PDFs, read back with poppler: the QAMP review (signed, checked by pdfsig), the
time log, the partnership return, and concerns in the midway report and the portfolio."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from pe_desktop.cli.main import main
from pe_desktop.services.concerns.demo import add_demo_concern, struggling_placement
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.pdf_export import export_pdf


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def struggling(demo_ctx):
    row = struggling_placement(demo_ctx)
    assert add_demo_concern(demo_ctx) == {"concerns": 1}
    return demo_ctx, row


def test_signed_review_pdf(struggling, tmp_path):
    ctx, row = struggling
    out = tmp_path / "review.pdf"
    result = export_pdf(ctx, "review", PdfRequest(row.id, {"stage": "midway"}), out, sign=True,
                        store=SecretStore.in_memory())
    assert result.signed
    text = _text(out)
    assert "Midway review (QAMP)" in text and "■ Red" in text and "■ Amber" in text
    assert "Practice education consultant (Practice education lead)" in text
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True)
    assert "Signature is Valid" in sig.stdout


def test_midway_and_portfolio_show_the_concern(struggling, tmp_path):
    ctx, row = struggling
    midway = tmp_path / "midway.pdf"
    export_pdf(ctx, "midway", PdfRequest(row.id), midway)
    text = _text(midway)
    assert "Progress raising concerns — flagged as borderline" in text
    assert "Causes for concern" in text and "Agree a visit diary shared with the duty desk" in text
    assert "1. Bring all case recording up to date" in text  # the report's own action plan
    portfolio = tmp_path / "portfolio.pdf"
    export_pdf(ctx, "portfolio", PdfRequest(row.id), portfolio)
    text = _text(portfolio)
    assert "QAMP reviews" in text and "Causes for concern" in text


def test_time_log_and_return_from_the_cli(struggling, data_dir, tmp_path, capsys):
    ctx, row = struggling
    base = ["--data-dir", str(data_dir)]
    assert main([*base, "timelog", "--placement", str(row.id), "--add", "2026-11-20",
                 "meeting", "75"]) == 0
    assert main([*base, "timelog", "--placement", str(row.id), "--out",
                 str(tmp_path / "t.pdf")]) == 0
    text = _text(tmp_path / "t.pdf")
    assert "Practice educator's time" in text and "Meetings 1 h 15" in text
    assert row.student_name not in text
    for suffix in ("csv", "json", "pdf"):
        assert main([*base, "return", "--year", "2026", "--out",
                     str(tmp_path / f"r.{suffix}")]) == 0
    doc = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert doc["period"] == {"from": "2026-09-01", "to": "2027-08-31"}
    assert {p["Statutory"] for p in doc["placements"]} <= {"Yes", "No"}
    text = _text(tmp_path / "r.pdf") + (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
    names = {p.student_name for p in PlacementService(ctx).list(include_archived=True)}
    assert not [n for n in names if n in text]
    assert main([*base, "return", "--year", "2026", "--out", str(tmp_path / "r.xlsx")]) == 1
    assert "csv, .json or .pdf" in capsys.readouterr().err


def test_return_layout_is_a_data_file(demo_ctx, tmp_path):
    from pe_desktop.domain.errors import ValidationError
    from pe_desktop.services.partnership.service import PartnershipReturnService

    layout = tmp_path / "layout.json"
    layout.write_text(json.dumps({
        "schema": 1, "name": "North TP", "year_start_month": 4,
        "arrangement_categories": {"onsite": "Internal", "offsite": "External",
                                   "independent": "External"},
        "pe_columns": [{"key": "peps_stage", "header": "PEPS"}],
        "placement_columns": [{"key": "statutory", "header": "Stat"},
                              {"key": "pe_arrangement", "header": "PE type"}],
    }))
    ret = PartnershipReturnService(demo_ctx).build(2026, layout)
    head, rows = ret.csv_rows()
    assert head == ["Return year", "PEPS", "Stat", "PE type"]
    assert ret.period[0].isoformat() == "2026-04-01"
    assert {r[3] for r in rows} <= {"Internal", "External"}
    layout.write_text(json.dumps({"schema": 1, "pe_columns": [{"key": "student_name",
                                                               "header": "x"}],
                                  "placement_columns": [{"key": "kind", "header": "k"}]}))
    with pytest.raises(ValidationError, match="unknown key 'student_name'"):
        PartnershipReturnService(demo_ctx).build(2026, layout)
