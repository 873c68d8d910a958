"""``verify`` calls a file unchanged only when it is byte-for-byte what was signed,
and never lets a look-alike certificate pass as the signer (issue 11)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from clocks import fixed_now

from pe_desktop.cli.main import main
from pe_desktop.export import pdf_base as pb
from pe_desktop.export.signing import sign_pdf, verify_pdf
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.identity import SigningIdentityService

NOW = fixed_now()


def _signed_by(keys: Path, name: str = "Łukasz Nowak", reg: str = "SW123456") -> bytes:
    svc = SigningIdentityService(keys, SecretStore.in_memory())
    svc.create(name, reg, "Leeds City Council", now=NOW)
    spots: list[pb.SignatureSpot] = []
    story = [*pb.title("End of placement report"), pb.para("Pass."),
             pb.signature_placeholder(spots)]
    doc = pb.render_pdf(pb.DocumentInfo("EPR"), story, spots)
    return sign_pdf(doc.data, svc.material(), now=NOW, spot=doc.signature_spot).data


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> bytes:
    return _signed_by(tmp_path_factory.mktemp("keys"))


def _padding_span(data: bytes) -> tuple[int, int]:
    """(start, end) of the hex zeros padding the signature value in /Contents."""
    m = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    assert m is not None
    hexdigits = m.group(1)
    stripped = hexdigits.rstrip(b"0")
    start = m.start(1) + len(stripped) + (len(stripped) % 2)  # whole bytes of padding
    return start, m.end(1)


def _pdfsig(data: bytes, tmp_path: Path) -> str:
    p = tmp_path / "t.pdf"
    p.write_bytes(data)
    proc = subprocess.run(["pdfsig", str(p)], capture_output=True, text=True)
    return proc.stdout + proc.stderr


@pytest.mark.parametrize("how", ["one-byte-flip", "smuggled-hex", "smuggled-1kb-text"])
def test_changes_in_the_signature_padding_are_not_called_unchanged(signed, tmp_path, how):
    start, end = _padding_span(signed)
    data = bytearray(signed)
    message = ("Grade changed to PASS by someone else. " * 30)[:1000].encode()
    if how == "one-byte-flip":
        data[start + 10] = ord("1")
    elif how == "smuggled-hex":  # as much text as the padding holds, hex-encoded
        text = message.hex().encode()[: (end - start - 40) // 2 * 2]
        data[start + 20:start + 20 + len(text)] = text
    else:  # ~1 KB of plain text over the padding and past it (file length kept)
        data[start:start + len(message)] = message
    tampered = bytes(data)
    assert len(tampered) == len(signed)
    if how != "smuggled-1kb-text":
        # poppler checks only the digest of the signed range and still calls it valid:
        assert "Signature is Valid." in _pdfsig(tampered, tmp_path)
    report = verify_pdf(tampered, at=NOW)
    assert not report.ok
    if how != "smuggled-1kb-text":
        assert "padding" in report.reason and "not byte-for-byte" in report.reason
        assert not report.signatures[0].intact
    else:
        assert "changed after signing" in report.reason or "damaged" in report.reason
    assert verify_pdf(signed, at=NOW).ok  # the untouched file still verifies


def test_non_hex_bytes_in_the_signature_value_are_refused(signed):
    start, _ = _padding_span(signed)
    data = bytearray(signed)
    data[start + 4:start + 8] = b" \n\t "  # whitespace is legal in a PDF hex string
    report = verify_pdf(bytes(data), at=NOW)
    assert not report.ok and "changed after signing" in report.reason


def test_look_alike_certificate_is_unverified_then_caught(signed, tmp_path, capsys):
    data_dir = ["--data-dir", str(tmp_path / "data")]
    genuine, fake = tmp_path / "genuine.pdf", tmp_path / "fake.pdf"
    genuine.write_bytes(signed)
    # Same name and registration number, different key: only the fingerprint differs.
    fake.write_bytes(_signed_by(tmp_path / "forger-keys"))

    assert main([*data_dir, "verify", str(genuine)]) == 0
    out = capsys.readouterr().out
    assert "UNVERIFIED" in out and "NOT VERIFIED" in out and "Result: OK" not in out
    fp = next(line.split(": ", 1)[1] for line in out.splitlines() if "SHA-256" in line)

    assert main([*data_dir, "verify", str(genuine)]) == 0  # remembered on first use
    out = capsys.readouterr().out
    assert "the same certificate as seen for this signer before" in out
    assert "Result: OK" in out

    assert main([*data_dir, "verify", str(fake)]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and "DIFFERENT certificate" in err[0] and fp in err[0]
    pinned = tmp_path / "data" / "keys" / "known-signers.json"
    assert pinned.stat().st_mode & 0o777 == 0o600


def _der_hex_start(data: bytes) -> int:
    m = re.search(rb"/Contents <", data)
    assert m is not None
    return m.end()


@pytest.mark.parametrize("edit,expect", [
    (lambda d, i: d.__setitem__(i + 20, ord(chr(d[i + 20]).swapcase())), "hex digits"),
    (lambda d, i: d.__setitem__(i + 51, ord("2")), "version"),  # SignedData v1 -> v2
])
def test_edits_to_the_unsigned_signature_container_are_caught(signed, edit, expect):
    """Bytes inside the CMS container that no digest covers still count."""
    data = bytearray(signed)
    start = _der_hex_start(signed)
    if not chr(data[start + 20]).isalpha():
        pytest.skip("no letter at the probed hex position in this signature")
    edit(data, start)
    report = verify_pdf(bytes(data), at=NOW)
    assert not report.ok and expect in report.reason, report.reason


def test_no_value_of_the_signer_record_version_passes(signed):
    """The signer info's version is covered by no digest and re-encodes the same
    whatever its value; RFC 5652 fixes it (v1 for issuer and serial number)."""
    from benchmarks.verify_container_edits import (
        container_span,
        digit_edit,
        signer_version_offset,
    )

    start, der = container_span(signed)
    at = signer_version_offset(der)
    assert der[at - 2:at + 1] == b"\x02\x01\x01"  # INTEGER 1
    for digit in (2 * at, 2 * at + 1):
        old = int(chr(signed[start + digit]), 16)
        for value in set(range(16)) - {old}:
            report = verify_pdf(digit_edit(signed, start, digit, value), at=NOW)
            assert not report.ok, (digit, value)
            assert "changed after signing" in report.reason


def test_a_sample_of_single_digit_edits_of_the_container_is_refused(signed):
    """The exhaustive run (every hex digit, every other value) is
    ``python -m benchmarks.verify_container_edits``; here 120 of them."""
    import random

    from benchmarks.verify_container_edits import digit_edits

    edits = list(digit_edits(signed, values="2"))
    sample = random.Random(11).sample(edits, 120)
    passed = [(d, v) for d, v, edited in sample if verify_pdf(edited, at=NOW).ok]
    assert passed == []


def test_an_rsa_signature_algorithm_renamed_is_refused(tmp_path):
    """sha256WithRSAEncryption -> rsaEncryption (one digit) verifies the same and no
    digest covers it; a PE Desktop signature must name it as the app does."""
    from asn1crypto import cms
    from helpers_pki import employer_pkcs12

    from benchmarks.verify_container_edits import container_span, digit_edit

    svc = SigningIdentityService(tmp_path / "keys", SecretStore.in_memory())
    svc.import_pkcs12(employer_pkcs12(tmp_path / "w.p12", "pw"), "pw")
    spots: list[pb.SignatureSpot] = []
    doc = pb.render_pdf(pb.DocumentInfo("EPR"), [*pb.title("EPR"),
                                                 pb.signature_placeholder(spots)], spots)
    data = sign_pdf(doc.data, svc.material(), now=NOW, spot=doc.signature_spot).data
    assert verify_pdf(data, at=NOW).ok
    start, der = container_span(data)
    si = cms.ContentInfo.load(der)["content"]["signer_infos"][0]
    algorithm = si["signature_algorithm"].dump()
    assert algorithm.hex() == "300d06092a864886f70d01010b0500"  # sha256WithRSAEncryption
    last = der.index(algorithm, der.index(si.dump())) + 12  # the OID's last byte, 0x0b
    edited = digit_edit(data, start, 2 * last + 1, 0x1)  # ... -> 0x01, rsaEncryption
    report = verify_pdf(edited, at=NOW)
    assert not report.ok and "algorithm name has been changed" in report.reason

    # The employer's CA certificate travels in the container too, covered by no digest.
    certs = [c.chosen for c in cms.ContentInfo.load(der)["content"]["certificates"]]
    ca = next(c for c in certs if c.subject == c.issuer)
    at = der.index(ca.dump())
    for offset in (len(ca.dump()) - 1, 40, 200):  # its signature, serial, public key
        digit = 2 * (at + offset) + 1
        edited = digit_edit(data, start, digit, int(chr(data[start + digit]), 16) ^ 1)
        report = verify_pdf(edited, at=NOW)
        assert not report.ok and "certificate" in report.reason, (offset, report.reason)
