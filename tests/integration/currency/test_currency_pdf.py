"""The currency statement PDF: real file, real poppler checks, real signature."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pe_desktop.cli.main import main
from pe_desktop.services.currency.demo import add_demo_currency
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.placements.students import StudentService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.pdf_export import export_pdf


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


@pytest.fixture
def record(demo_ctx):
    add_demo_currency(demo_ctx)
    return demo_ctx


def test_statement_holds_every_section_with_initials_only(record, tmp_path):
    out = tmp_path / "statement.pdf"
    result = export_pdf(record, "currency", PdfRequest(), out)
    text = _text(out)
    assert "Practice educator currency statement" in text
    assert "Currency status on 23 Nov 2026: AT RISK" in text  # registration ends 30 Nov
    assert "lapses on 1 Dec 2026 (in 8 days)" in text
    for heading in ("Qualifications", "Social Work England registration", "Students supported",
                    "Continuing professional development", "Hours per year",
                    "Manager check-ins", "Declaration"):
        assert heading in text
    assert "PEPS stage 1 (Practice Educator Professional Standards)" in text
    assert "Máire Ó Dónaill" in text and "SW123456" in text
    assert "D.Ó.S." in text  # a past student, by initials
    for st in StudentService(record).list():
        assert st.full_name not in text
    assert f"Page 1 of {result.pages}" in text and f"Page {result.pages} of {result.pages}" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "Title:           Practice educator currency statement" in info
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "DejaVuSans" in fonts and "yes" in fonts  # embedded Unicode font
    assert out.stat().st_mode & 0o777 == 0o600


def test_signed_statement_is_valid_and_tampering_is_detected(record, tmp_path):
    out = tmp_path / "signed.pdf"
    result = export_pdf(record, "currency", PdfRequest(), out, sign=True,
                        store=SecretStore.in_memory())
    assert result.signed and "Máire Ó Dónaill" in result.signer
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid." in sig and "Total document signed" in sig
    assert "Digitally signed by Máire Ó Dónaill" in _text(out)
    data = bytearray(out.read_bytes())
    i = data.index(b"/Producer")
    data[i + 12] ^= 0x01
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    sig = subprocess.run(["pdfsig", str(bad)], capture_output=True, text=True).stdout
    assert "Digest Mismatch" in sig and "Signature is Valid." not in sig


def test_pdf_command_writes_the_statement(record, data_dir, tmp_path, capsys):
    out = tmp_path / "cli.pdf"
    assert main(["--data-dir", str(data_dir), "pdf", "--kind", "currency", "--out", str(out)]) == 0
    assert "Wrote" in capsys.readouterr().out
    assert "Currency status on" in _text(out)


def test_empty_record_still_renders_a_clear_statement(ctx, tmp_path):
    from pe_desktop.services.profile import ProfileData, ProfileService

    ProfileService(ctx).save(ProfileData("Ada Practice", "SW100200"))
    out = tmp_path / "empty.pdf"
    export_pdf(ctx, "currency", PdfRequest(), out)
    text = _text(out)
    assert "LAPSED" in text and "No CPD recorded" in text and "None recorded." in text
