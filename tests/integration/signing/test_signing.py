"""PAdES signatures on real PDFs, checked by poppler's pdfsig and by verify."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from clocks import fixed_now
from helpers_pki import employer_pkcs12

from pe_desktop.cli.main import main
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.signing import load_trusted_certs, sign_pdf, verify_pdf
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.identity import SigningIdentityService

NOW = fixed_now()


def _document() -> pb.RenderedPdf:
    spots: list[pb.SignatureSpot] = []
    story = pb.title("End of placement report", "Siobhán Ní Bhriain")
    story += pb.paras("Evidence across all nine domains. " * 200)
    story.append(pb.signature_placeholder(spots))
    return pb.render_pdf(pb.DocumentInfo("End of placement report", subject="EPR",
                                         author="Łukasz Nowak"), story, spots)


@pytest.fixture(scope="module")
def identity(tmp_path_factory):
    keys = tmp_path_factory.mktemp("keys")
    svc = SigningIdentityService(keys, SecretStore.in_memory())
    svc.create("Łukasz Nowak", "SW123456", "Leeds City Council", now=NOW)
    cert = keys / "cert.pem"
    cert.write_bytes(svc.certificate_pem())
    return svc, cert


@pytest.fixture(scope="module")
def signed(identity, tmp_path_factory) -> Path:
    svc, _ = identity
    doc = _document()
    result = sign_pdf(doc.data, svc.material(), now=NOW, spot=doc.signature_spot)
    path = tmp_path_factory.mktemp("signed") / "epr-signed.pdf"
    path.write_bytes(result.data)
    return path


def _pdfsig(path: Path) -> str:
    proc = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return proc.stdout + proc.stderr


def test_pdfsig_accepts_the_signature(signed):
    out = _pdfsig(signed)
    assert "Signature is Valid." in out
    assert "Total document signed" in out
    assert "ETSI.CAdES.detached" in out
    assert "Łukasz Nowak" in out and "SHA-256" in out


def test_visible_block_shows_signer_time_and_fingerprint(signed, identity):
    svc, _ = identity
    text = subprocess.run(["pdftotext", "-layout", str(signed), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Digitally signed by Łukasz Nowak (SW123456)" in text
    assert "Date and time:" in text
    grouped = " ".join(svc.info().fingerprint.replace(":", "")[i:i + 4]
                       for i in range(0, 64, 4))
    assert grouped in text


def test_verify_accepts_the_untouched_file(signed, identity):
    svc, cert = identity
    report = verify_pdf(signed.read_bytes(), at=NOW)
    assert report.ok, report.reason
    (sig,) = report.signatures
    assert sig.signer == "Łukasz Nowak (SW123456)"
    assert sig.fingerprint == svc.info().fingerprint
    assert sig.intact and sig.valid and sig.whole_file and sig.trusted is None
    trusted = verify_pdf(signed.read_bytes(), load_trusted_certs([cert]), at=NOW)
    assert trusted.ok and trusted.signatures[0].trusted is True


def test_one_byte_change_inside_signed_range_is_rejected(signed, tmp_path):
    data = bytearray(signed.read_bytes())
    pos = data.index(b"End of placement report")  # the /Title string, inside the first range
    data[pos] = ord("F")
    report = verify_pdf(bytes(data), at=NOW)
    assert not report.ok
    assert "modified after signing" in report.reason
    bad = tmp_path / "tampered.pdf"
    bad.write_bytes(bytes(data))
    assert "Signature is Valid." not in _pdfsig(bad)


def test_incremental_update_after_signing_is_rejected(signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(BytesIO(signed.read_bytes()))
    w.set_info(generic.DictionaryObject(
        {generic.NameObject("/Title"): generic.TextStringObject("Forged: pass")}))
    out = BytesIO()
    w.write(out)
    report = verify_pdf(out.getvalue(), at=NOW)
    assert not report.ok
    assert "incremental update" in report.reason
    assert report.signatures[0].intact and not report.signatures[0].whole_file


def test_removed_signature_is_rejected(signed, tmp_path):
    stripped = tmp_path / "rewritten.pdf"
    subprocess.run(["pdftocairo", "-pdf", str(signed), str(stripped)], check=True)
    report = verify_pdf(stripped.read_bytes(), at=NOW)
    assert not report.ok and report.reason.startswith("not signed")


def test_unsigned_and_garbage_files_are_rejected():
    assert verify_pdf(_document().data, at=NOW).reason.startswith("not signed")
    assert "not a readable PDF" in verify_pdf(b"%PDF-1.7\nthis is not a pdf", at=NOW).reason


def test_unknown_signer_is_rejected_when_trust_is_given(signed, tmp_path):
    other = SigningIdentityService(tmp_path / "other", SecretStore.in_memory())
    other.create("Someone Else", "SW999", now=NOW)
    cert = tmp_path / "other.pem"
    cert.write_bytes(other.certificate_pem())
    report = verify_pdf(signed.read_bytes(), load_trusted_certs([cert]), at=NOW)
    assert not report.ok and "unknown signer" in report.reason


def test_employer_certificate_trusted_through_its_ca(tmp_path):
    svc = SigningIdentityService(tmp_path / "keys", SecretStore.in_memory())
    ca = tmp_path / "ca.pem"
    svc.import_pkcs12(employer_pkcs12(tmp_path / "w.p12", "pw", ca_path=ca), "pw")
    doc = _document()
    data = sign_pdf(doc.data, svc.material(), now=NOW, spot=doc.signature_spot).data
    report = verify_pdf(data, load_trusted_certs([ca]), at=NOW)
    assert report.ok, report.reason
    assert report.signatures[0].trusted is True
    path = tmp_path / "employer.pdf"
    path.write_bytes(data)
    assert "Signature is Valid." in _pdfsig(path)


def test_second_signature_on_a_signed_file(signed, identity):
    svc, _ = identity
    twice = sign_pdf(signed.read_bytes(), svc.material(), now=NOW)
    report = verify_pdf(twice.data, at=NOW)
    assert twice.field_name.endswith("2")
    assert len(report.signatures) == 2
    # The first no longer covers the whole file, so the strict rule fails.
    assert not report.ok and "incremental update" in report.reason


# -- the CLI ---------------------------------------------------------------------------
def test_cli_verify_exit_codes(signed, identity, tmp_path, capsys):
    _, cert = identity
    assert main(["verify", str(signed)]) == 0
    out = capsys.readouterr().out
    assert "Signer (as claimed): Łukasz Nowak (SW123456)" in out
    assert "signer is NOT VERIFIED" in out and "Result: OK" not in out
    assert main(["verify", str(signed), "--trust", str(cert)]) == 0
    assert "Result: OK" in capsys.readouterr().out
    data = bytearray(signed.read_bytes())
    data[data.index(b"End of placement report")] = ord("X")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(bytes(data))
    assert main(["verify", str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "modified after signing" in err[0]
    unsigned = tmp_path / "plain.pdf"
    unsigned.write_bytes(_document().data)
    assert main(["verify", str(unsigned)]) == 1
    assert "not signed" in capsys.readouterr().err
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 1
    assert "Cannot read" in capsys.readouterr().err
    notcert = tmp_path / "x.pem"
    notcert.write_text("nope")
    assert main(["verify", str(signed), "--trust", str(notcert)]) == 1
    assert "not a PEM or DER certificate" in capsys.readouterr().err


def test_the_signed_revision_is_dated_by_the_app_clock(identity, tmp_path):
    """pyHanko would stamp /ModDate and xmp:ModifyDate from the system clock; the
    signed file carries the app's time instead (read back by pikepdf and pdfinfo)."""
    import os
    from datetime import UTC, timedelta

    import pikepdf

    from pe_desktop.export.archival import dated

    svc, _ = identity
    when = NOW + timedelta(days=3, minutes=17, seconds=5, microseconds=999)
    with dated(NOW):  # rendered now, signed three days later
        doc = _document()
    path = tmp_path / "dated.pdf"
    path.write_bytes(sign_pdf(doc.data, svc.material(), now=when,
                              spot=doc.signature_spot).data)
    utc = when.astimezone(UTC).replace(microsecond=0)  # the fixed clock's noon, in UTC
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/ModDate"]) == f"D:{utc:%Y%m%d%H%M%S}Z"
        with pdf.open_metadata() as meta:
            assert meta["xmp:ModifyDate"] == utc.isoformat()
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                          env={**os.environ, "TZ": "UTC"}).stdout
    assert f"ModDate:         {utc:%a %b %d %H:%M:%S %Y} UTC" in info
    assert f"CreationDate:    {NOW.astimezone(UTC):%a %b %d %H:%M:%S %Y} UTC" in info
