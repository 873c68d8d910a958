"""PDFs carry the app's time, never the system clock's: ReportLab's /CreationDate
and pyHanko's /ModDate both come from ``ctx.now()`` (one clock, issue 11)."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime
from io import BytesIO
from pathlib import Path

import pikepdf

from pe_desktop.export import pdf_base as pb
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.pdf_export import export_pdf


def _pdfinfo(path: Path) -> str:
    return subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True,
                          env={**os.environ, "TZ": "UTC"}).stdout


def test_an_exported_pdf_is_dated_by_the_app_clock(demo_ctx, tmp_path):
    pid = PlacementService(demo_ctx).list()[0].id
    out = tmp_path / "evidence.pdf"
    export_pdf(demo_ctx, "evidence", PdfRequest(pid), out, sign=True,
               store=SecretStore.in_memory())
    stamp = f"{demo_ctx.now():%a %b %d %H:%M:%S %Y} UTC"
    info = _pdfinfo(out)
    assert f"CreationDate:    {stamp}" in info and f"ModDate:         {stamp}" in info
    with pikepdf.open(out) as pdf, pdf.open_metadata() as meta:
        want = demo_ctx.now().replace(microsecond=0)  # the same instant, in the user's zone
        assert datetime.fromisoformat(meta["xmp:CreateDate"]) == want
        assert datetime.fromisoformat(meta["xmp:ModifyDate"]) == want


def test_a_pdf_rendered_outside_the_app_clock_is_undated():
    """Nothing may fall back to the wall clock: without ``dated(...)`` there is no date."""
    data = pb.render_pdf(pb.DocumentInfo("Undated"), pb.title("Undated")).data
    with pikepdf.open(BytesIO(data)) as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ModDate" not in pdf.docinfo
        with pdf.open_metadata() as meta:
            assert "xmp:CreateDate" not in meta and "xmp:ModifyDate" not in meta
            assert meta["pdfaid:part"] == "2"
