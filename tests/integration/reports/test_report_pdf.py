"""Midway and EPR PDFs: content, versions, CLI, signatures."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pe_desktop.cli.main import main
from pe_desktop.domain.reports import Recommendation, ReportKind
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.reports.service import ReportContent, ReportService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.pdf_export import export_pdf


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())  # line wrapping is layout, not content


@pytest.fixture
def written(demo_ctx):
    pid = PlacementService(demo_ctx).list()[0].id
    svc = ReportService(demo_ctx)
    view = svc.open(pid, ReportKind.FINAL)
    svc.save(view.version.id, ReportContent(
        narratives={d.key: f"Narrative for {d.title} by Siobhán Ní Bhriain." for d in view.domains},
        summary="Zoë met every domain.", recommendation=Recommendation.PASS, borderline=True,
        student_comments="Thank you, Łukasz.",
    ))
    return demo_ctx, pid, svc, view


def test_epr_pdf_holds_every_section(written, tmp_path):
    ctx, pid, svc, view = written
    out = tmp_path / "epr.pdf"
    result = export_pdf(ctx, "final", PdfRequest(pid), out)
    text = _text(out)
    for d in view.domains:
        assert f"{d.number}. {d.title}" in text
        assert f"Narrative for {d.title} by Siobhán Ní Bhriain." in text
    assert "Pass — flagged as borderline" in text
    assert "Thank you, Łukasz." in text
    assert "DRAFT — not signed off" in text
    assert view.details.student in text
    assert f"Page 1 of {result.pages}" in text
    assert not result.signed


def test_signed_version_and_reopened_draft_render_differently(written, tmp_path):
    ctx, pid, svc, view = written
    signed = svc.sign(view.version.id, override=True, override_reason="paper observations")
    svc.reopen(signed.id, "Tutor asked for changes")
    old, new = tmp_path / "v1.pdf", tmp_path / "v2.pdf"
    export_pdf(ctx, "final", PdfRequest(pid, {"version": 1}), old)
    export_pdf(ctx, "final", PdfRequest(pid), new)
    t1, t2 = _text(old), _text(new)
    assert "signed by Máire Ó Dónaill" in t1 and "superseded by version 2" in t1
    assert "Signed with items outstanding. Reason: paper observations" in t1
    assert "Version 2 · DRAFT" in t2 and "Reopened: Tutor asked for changes" in t2


def test_cli_pdf_signed_midway_verifies(demo_ctx, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    monkeypatch.setenv("PE_DESKTOP_SECRETS_PASSPHRASE", "test passphrase 123")
    pid = PlacementService(demo_ctx).list()[0].id
    base = ["--data-dir", str(demo_ctx.paths.root)]
    out = tmp_path / "midway.pdf"
    assert main([*base, "pdf", "--placement", str(pid), "--kind", "midway", "--out",
                 str(out)]) == 1
    assert "no midway report" in capsys.readouterr().err
    assert not out.exists()
    ReportService(demo_ctx).open(pid, ReportKind.MIDWAY)
    assert main([*base, "pdf", "--placement", str(pid), "--kind", "midway", "--out", str(out),
                 "--sign"]) == 0
    assert "Signed by Máire Ó Dónaill (SW123456)" in capsys.readouterr().out
    assert main(["verify", str(out)]) == 0
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig
    assert main([*base, "pdf", "--kind", "midway", "--out", str(out)]) == 1
    assert "needs a placement" in capsys.readouterr().err


def test_signing_without_store_entry_is_a_clear_error_and_writes_nothing(written, tmp_path):
    ctx, pid, _svc, _view = written
    store = SecretStore.in_memory()
    export_pdf(ctx, "final", PdfRequest(pid), tmp_path / "a.pdf", sign=True, store=store)
    from pe_desktop.domain.errors import PEDesktopError

    with pytest.raises(PEDesktopError, match="passphrase is missing"):
        export_pdf(ctx, "final", PdfRequest(pid), tmp_path / "b.pdf", sign=True,
                   store=SecretStore.in_memory())
    assert not (tmp_path / "b.pdf").exists()
