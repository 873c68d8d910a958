"""Every certificate in a signature container is checked by a signature, or
``verify`` does not call the file unchanged (issue 11: the employer CA's names,
validity and signature travel in the container, covered by no digest)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from asn1crypto import cms
from clocks import fixed_now
from helpers_pki import chain_pkcs12, employer_pkcs12

from benchmarks.verify_container_edits import container_span, digit_edit
from pe_desktop.cli.main import main
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.signing import load_trusted_certs, sign_pdf, verify_pdf
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.identity import SigningIdentityService

NOW = fixed_now()


def _sign_with(keys: Path, p12: Path) -> bytes:
    svc = SigningIdentityService(keys, SecretStore.in_memory())
    svc.import_pkcs12(p12, "pw")
    spots: list[pb.SignatureSpot] = []
    doc = pb.render_pdf(pb.DocumentInfo("EPR"), [*pb.title("End of placement report"),
                                                 pb.para("Pass."),
                                                 pb.signature_placeholder(spots)], spots)
    return sign_pdf(doc.data, svc.material(), now=NOW, spot=doc.signature_spot).data


@pytest.fixture(scope="module")
def employer(tmp_path_factory) -> tuple[bytes, Path]:
    """A PDF signed with an employer certificate; its CA (self-signed, no key
    identifiers) is in the container."""
    d = tmp_path_factory.mktemp("employer")
    p12 = employer_pkcs12(d / "w.p12", "pw", ca_path=d / "ca.pem")
    return _sign_with(d / "keys", p12), d / "ca.pem"


def _ca_field(data: bytes, which: str) -> int:
    """Offset in the container's DER of a byte inside the CA certificate's ``which``."""
    _, der = container_span(data)
    certs = [c.chosen for c in cms.ContentInfo.load(der)["content"]["certificates"]]
    ca = next(c for c in certs if c.subject == c.issuer)
    at = der.index(ca.dump())
    if which == "signature":
        return at + len(ca.dump()) - 1
    if which == "algorithm":  # the outer signature algorithm's OID, last byte
        raw = ca["signature_algorithm"].dump()
        return der.index(raw, at + len(ca["tbs_certificate"].dump())) + 3 + raw[3]
    tbs = ca["tbs_certificate"]
    part = tbs["validity"]["not_before"] if which == "validity" else tbs[which]
    raw = part.dump()
    start = der.index(tbs.dump(), at)
    if which == "subject":  # the same bytes as the issuer (self-signed): the second copy
        start = der.index(tbs["validity"].dump(), start)
    return der.index(raw, start) + len(raw) - (7 if which == "validity" else 3)


def _edit(data: bytes, offset: int) -> bytes:
    start, _ = container_span(data)
    digit = 2 * offset + 1
    return digit_edit(data, start, digit, int(chr(data[start + digit]), 16) ^ 1)


def _pdfsig(data: bytes, tmp_path: Path) -> str:
    p = tmp_path / "p.pdf"
    p.write_bytes(data)
    proc = subprocess.run(["pdfsig", str(p)], capture_output=True, text=True)
    return proc.stdout + proc.stderr


def test_a_legitimate_employer_chain_is_not_a_false_alarm(employer, tmp_path):
    data, ca = employer
    report = verify_pdf(data, at=NOW)
    assert report.ok and report.status == "unverified", report.reason
    assert report.signatures[0].chain_gap == ""
    assert "  Certificates:        all checked" in report.lines()
    trusted = verify_pdf(data, load_trusted_certs([ca]), at=NOW)
    assert trusted.status == "ok"
    assert "Signature is Valid." in _pdfsig(data, tmp_path)


@pytest.mark.parametrize("which", ["issuer", "subject", "validity", "signature", "algorithm"])
def test_an_edit_to_the_ca_certificate_is_never_called_unchanged(employer, which):
    data, ca = employer
    edited = _edit(data, _ca_field(data, which))
    assert edited != data
    for trusted in (None, load_trusted_certs([ca])):
        report = verify_pdf(edited, trusted, at=NOW)
        assert not report.ok and report.status in ("failed", "chain-incomplete"), which
        # A validity edit can make the time unreadable (an hour of 3x: the test
        # certificates' hour depends on the zone the suite runs in): refused as well.
        assert "certificate" in report.reason or "cannot be read" in report.reason
        if which == "issuer":  # a root that now claims an issuer the file does not hold
            assert report.status == "chain-incomplete"
            assert "cannot be checked" in report.reason and "not included" in report.reason
            assert "Example Council Issuing CA" in report.reason
            assert report.lines()[-1].startswith("Result: NOT CONFIRMED")
        else:
            assert report.status == "failed" and "changed" in report.reason


def test_cli_says_in_one_line_that_the_chain_cannot_be_checked(employer, tmp_path, capsys):
    data, _ = employer
    path = tmp_path / "edited.pdf"
    path.write_bytes(_edit(data, _ca_field(data, "issuer")))
    assert main(["--data-dir", str(tmp_path / "d"), "verify", str(path)]) == 3
    out, err = capsys.readouterr()
    assert "unchanged" not in out.replace("cannot be called unchanged", "")
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "certificate chain incomplete" in lines[0]


def test_an_intermediate_sent_without_its_root(tmp_path, capsys):
    """As the EU DSS library writes by default: the status says the chain is
    incomplete (not tampering, not unchanged); the root given with --trust checks it."""
    root, mid = tmp_path / "root.pem", tmp_path / "mid.pem"
    data = _sign_with(tmp_path / "keys", chain_pkcs12(tmp_path / "s.p12", "pw",
                                                      include_root=False, root_path=root,
                                                      intermediate_path=mid))
    report = verify_pdf(data, at=NOW)
    assert report.status == "chain-incomplete"
    assert "“Example Staff CA” names as its issuer “Example Root CA”" in report.reason
    assert verify_pdf(data, load_trusted_certs([root]), at=NOW).status == "ok"
    assert verify_pdf(data, load_trusted_certs([mid]), at=NOW).status == "ok"
    path = tmp_path / "s.pdf"
    path.write_bytes(data)
    data_dir = ["--data-dir", str(tmp_path / "d")]
    assert main([*data_dir, "verify", str(path)]) == 3
    assert main([*data_dir, "verify", str(path), "--trust", str(root)]) == 0
    capsys.readouterr()

    # With the root included every certificate is checked; an edit of the root's
    # issuer name (it has key identifiers) is called a change.
    full = _sign_with(tmp_path / "keys2", chain_pkcs12(tmp_path / "f.p12", "pw",
                                                       include_root=True, root_path=root,
                                                       intermediate_path=mid))
    assert verify_pdf(full, at=NOW).status == "unverified"
    edited = _edit(full, _ca_field(full, "issuer"))
    report = verify_pdf(edited, at=NOW)
    assert report.status == "failed" and "changed" in report.reason
