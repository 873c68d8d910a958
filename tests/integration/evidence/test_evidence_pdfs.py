"""Supervision, observation, evidence-index and portfolio PDFs from real records."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("pe_desktop.services.evidence.coverage")  # the evidence feature

from benchmarks.gen_reports import fill_placement  # noqa: E402
from pe_desktop.cli.main import main  # noqa: E402
from pe_desktop.domain.errors import NotFoundError  # noqa: E402
from pe_desktop.services.documents.kinds import PdfRequest  # noqa: E402
from pe_desktop.services.placements.service import PlacementService  # noqa: E402
from pe_desktop.services.signing.pdf_export import export_pdf  # noqa: E402


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def evidenced(demo_ctx):
    pid = PlacementService(demo_ctx).list()[0].id
    fill_placement(demo_ctx, pid, random.Random(3), sessions=5, observations=2, items=3)
    return demo_ctx, pid


def test_supervision_log_and_single_session(evidenced, tmp_path):
    from pe_desktop.services.supervision import SupervisionService

    ctx, pid = evidenced
    log = tmp_path / "log.pdf"
    export_pdf(ctx, "supervision", PdfRequest(pid), log)
    text = _text(log)
    sessions = SupervisionService(ctx).list_sessions(pid)
    assert "Supervision log" in text and len(sessions) == 5
    for s in sessions:
        assert f"{s.held_on:%d %B %Y}" in text
    one = tmp_path / "one.pdf"
    export_pdf(ctx, "supervision", PdfRequest(pid, {"session_id": sessions[0].id}), one)
    t1 = _text(one)
    assert "Supervision record" in t1 and sessions[0].discussion[:40] in t1
    assert f"{sessions[1].held_on:%A %d %B %Y}" not in t1 or \
        sessions[1].held_on == sessions[0].held_on
    with pytest.raises(NotFoundError):
        export_pdf(ctx, "supervision", PdfRequest(pid, {"session_id": 999999}),
                   tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_observation_pdf(evidenced, tmp_path):
    from pe_desktop.domain.evidence_vocab import ObserverRole
    from pe_desktop.services.evidence.observations import ObservationService

    ctx, pid = evidenced
    first = next(o for o in ObservationService(ctx).list(pid)
                 if o.observer_role == ObserverRole.PE and o.completed)
    out = tmp_path / "obs.pdf"
    export_pdf(ctx, "observation", PdfRequest(pid, {"observation_id": first.id}), out)
    text = _text(out)
    assert "Direct observation of practice" in text
    assert "Máire Ó Dónaill (practice educator)" in text
    assert first.observer_account[:50] in text
    assert "Judgements against the framework" in text
    assert "She listened and explained what would happen next." in text


def test_evidence_index_and_portfolio(evidenced, tmp_path):
    ctx, pid = evidenced
    idx = tmp_path / "idx.pdf"
    export_pdf(ctx, "evidence", PdfRequest(pid), idx)
    t = _text(idx)
    assert "Coverage of the framework" in t and "9. Professional Leadership" in t
    assert "Reflective piece 1" in t
    port = tmp_path / "portfolio.pdf"
    steps: list[str] = []
    result = export_pdf(ctx, "portfolio",
                        PdfRequest(pid, progress=lambda d, n, m: steps.append(m)), port)
    tp = _text(port)
    order = [tp.index(s) for s in ("Placement portfolio", "End of placement report",
                                   "Midway report", "Evidence index",
                                   "Direct observation of", "Supervision log")
             if s != "Direct observation of"] + [tp.index("Judgements against the framework")]
    assert order[:5] == sorted(order[:5])
    assert result.pages >= 10 and f"Page {result.pages} of {result.pages}" in tp
    assert any("evidence index" in s for s in steps)


def test_cli_every_kind_signed_verifies(evidenced, tmp_path, monkeypatch, capsys):
    ctx, pid = evidenced
    monkeypatch.setenv("PE_DESKTOP_SECRET_STORE", "file")
    monkeypatch.setenv("PE_DESKTOP_SECRETS_PASSPHRASE", "passphrase for tests")
    base = ["--data-dir", str(ctx.paths.root)]
    for kind in ("midway", "final", "supervision", "observation", "evidence", "portfolio"):
        out = tmp_path / f"{kind}.pdf"
        assert main([*base, "pdf", "--placement", str(pid), "--kind", kind, "--out", str(out),
                     "--sign"]) == 0, capsys.readouterr().err
        assert main(["verify", str(out)]) == 0
        sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        assert "Signature is Valid." in sig, kind
