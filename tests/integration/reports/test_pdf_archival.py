"""PDFs a university can file and a screen reader can read (issue 16): /Lang,
title, one producer, PDF/A-2b markers read back by independent tools (qpdf,
pikepdf's XMP reader), the signature still valid, reading order kept."""

from __future__ import annotations

import subprocess

import pikepdf
import pytest

from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.pdf_export import export_pdf
from tests.integration.reports.test_report_pdf import written  # noqa: F401 - fixture


@pytest.mark.parametrize("kind, sign", [("final", True), ("supervision", False)])
def test_pdf_is_marked_archival_and_a_signature_stays_valid(written, tmp_path, kind,  # noqa: F811
                                                             sign):
    ctx, pid, _svc, view = written
    out = tmp_path / f"{kind}.pdf"
    export_pdf(ctx, kind, PdfRequest(pid), out, sign=sign, store=SecretStore.in_memory())
    check = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert check.returncode == 0 and "No syntax or stream encoding errors" in check.stdout
    with pikepdf.open(out) as pdf:
        assert str(pdf.Root.Lang) == "en-GB"
        assert "/GTS_PDFA1" in str(pdf.Root.OutputIntents[0].S)
        meta = pdf.open_metadata()
        assert meta.pdfa_status == "2B"
        assert meta["dc:title"] == str(pdf.docinfo["/Title"]) and meta["dc:title"]
        assert str(pdf.docinfo["/Producer"]).startswith("PE Desktop")
        if not sign:
            assert meta["pdf:Producer"] == str(pdf.docinfo["/Producer"])
        # Known limit: pyHanko's incremental update sets XMP pdf:Producer to
        # "pyHanko x.y" while the info dictionary keeps "PE Desktop …; pyHanko x.y".
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert all(" yes " in line for line in fonts.splitlines()[2:])  # every font embedded
    if sign:
        sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
        assert "Signature is Valid." in sig and "Total document signed" in sig
    if kind == "final":
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True,
                              text=True).stdout
        positions = [text.find(f"Narrative for {d.title}") for d in view.domains]
        assert -1 not in positions and positions == sorted(positions)  # reading order


def test_creation_date_comes_from_the_app_clock_not_the_wall_clock(demo_ctx, tmp_path,
                                                                     monkeypatch):
    """ReportLab would stamp CreationDate/ModDate from the wall clock; the app's clock
    is handed in instead (and the wall clock must not be read at all)."""
    from datetime import date, time, timedelta

    from pe_desktop import clock
    from pe_desktop.clock import FixedClock
    from pe_desktop.export.pdf_base import pdf_date
    from pe_desktop.services.placements.service import PlacementService
    from pe_desktop.services.retention.subject_access import subject_access

    def no_wall_clock(self):
        raise AssertionError("a PDF read the wall clock")

    monkeypatch.setattr(clock.SystemClock, "now", no_wall_clock)
    demo_ctx.clock = FixedClock(date(2031, 6, 1), time(9, 30), step=timedelta(0))
    instant = demo_ctx.now()
    row = PlacementService(demo_ctx).list()[0]
    out = tmp_path / "evidence.pdf"
    export_pdf(demo_ctx, "evidence", PdfRequest(row.id), out)
    subject_access(demo_ctx, row.student_id, tmp_path / "sar")
    for path in (out, tmp_path / "sar" / "data.pdf"):
        with pikepdf.open(path) as pdf:
            assert str(pdf.docinfo["/CreationDate"]) == pdf_date(instant)
            assert str(pdf.docinfo["/ModDate"]) == pdf_date(instant)
            created = pdf.open_metadata()["xmp:CreateDate"]
        assert created.startswith(f"{instant.astimezone():%Y-%m-%dT%H:%M}"), created
    assert pdf_date(instant).startswith("D:20310601")
