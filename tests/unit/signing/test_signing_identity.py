"""The PE's signing identity: self-issued on first use, or imported."""

from __future__ import annotations

import hashlib
import subprocess

import pytest
from clocks import fixed_now
from helpers_pki import employer_pkcs12

from pe_desktop.domain.errors import ValidationError
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.signing.identity import (
    SECRET_NAME,
    IdentityMissing,
    SigningIdentityService,
    ensure_identity,
)

NOW = fixed_now()


@pytest.fixture
def svc(tmp_path):
    return SigningIdentityService(tmp_path / "keys", SecretStore.in_memory())


def test_self_issued_identity_names_pe_and_registration(svc, tmp_path):
    info = svc.create("Siobhán Ní Bhriain", "sw123456", "Leeds City Council", now=NOW)
    assert info.subject == "Siobhán Ní Bhriain" and info.registration == "SW123456"
    assert info.self_issued and info.source == "self-issued"
    assert svc.path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "keys").stat().st_mode & 0o777 == 0o700
    # The fingerprint is the SHA-256 of the DER certificate, as openssl computes it.
    pem = tmp_path / "cert.pem"
    pem.write_bytes(svc.certificate_pem())
    out = subprocess.run(["openssl", "x509", "-in", str(pem), "-noout", "-fingerprint",
                          "-sha256", "-subject", "-nameopt", "utf8"],
                         capture_output=True, text=True, check=True).stdout
    assert info.fingerprint in out
    assert "SWE:SW123456" in out and "Siobhán Ní Bhriain" in out
    # The key file is encrypted with a random passphrase held only in the store.
    secret = svc.store.get(SECRET_NAME)
    assert secret and len(secret) >= 32
    assert secret.encode() not in svc.path.read_bytes()


def test_create_refuses_bad_registration_and_does_not_replace_silently(svc):
    with pytest.raises(ValidationError, match="SW123456"):
        svc.create("A Person", "12345", now=NOW)
    assert not svc.exists()
    first = svc.create("A Person", "SW1", now=NOW)
    with pytest.raises(ValidationError, match="already exists"):
        svc.create("A Person", "SW1", now=NOW)
    assert svc.info().fingerprint == first.fingerprint
    second = svc.create("A Person", "SW1", replace=True, now=NOW)
    assert second.fingerprint != first.fingerprint


def test_import_employer_pkcs12(svc, tmp_path):
    p12 = employer_pkcs12(tmp_path / "work.p12", "employer-pass")
    info = svc.import_pkcs12(p12, "employer-pass")
    assert info.subject == "Zoë Employer-Issued" and not info.self_issued
    # Re-encrypted: the employer's passphrase no longer opens our copy.
    from cryptography.hazmat.primitives.serialization import pkcs12

    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(svc.path.read_bytes(), b"employer-pass")
    material = svc.material()
    assert hashlib.sha256(material.pkcs12).hexdigest() == hashlib.sha256(
        svc.path.read_bytes()).hexdigest()


def test_import_with_wrong_passphrase_changes_nothing(svc, tmp_path):
    existing = svc.create("A Person", "SW42", now=NOW)
    before = svc.path.read_bytes()
    secret = svc.store.get(SECRET_NAME)
    p12 = employer_pkcs12(tmp_path / "work.p12", "right")
    with pytest.raises(ValidationError, match="passphrase does not open"):
        svc.import_pkcs12(p12, "wrong", replace=True)
    assert svc.path.read_bytes() == before and svc.store.get(SECRET_NAME) == secret
    assert svc.info().fingerprint == existing.fingerprint


def test_import_of_a_non_pkcs12_file_is_a_clear_error(svc, tmp_path):
    junk = tmp_path / "notes.p12"
    junk.write_text("not a key")
    with pytest.raises(ValidationError, match="not a PKCS#12"):
        svc.import_pkcs12(junk, "x")
    assert not svc.exists()


def test_ensure_identity_creates_from_profile_once(svc):
    with pytest.raises(IdentityMissing):
        ensure_identity(svc, None, None, now=NOW)
    a = ensure_identity(svc, "Łukasz Nowak", "SW77", now=NOW)
    b = ensure_identity(svc, "Someone Else", "SW88", now=NOW)
    assert a.fingerprint == b.fingerprint and b.subject == "Łukasz Nowak"


def test_an_employer_file_without_its_root_is_named_at_import(svc, tmp_path):
    """Readers of PDFs signed with such a file see 'certificate chain incomplete';
    the import says so (and which issuer is missing) so the PE can ask for the chain."""
    from helpers_pki import chain_pkcs12

    from pe_desktop.services.signing.identity import chain_gap_advice

    whole = chain_pkcs12(tmp_path / "whole.p12", "pw", include_root=True,
                         root_path=tmp_path / "root.pem", intermediate_path=tmp_path / "i.pem")
    assert svc.import_pkcs12(whole, "pw").chain_gap == ""
    partial = chain_pkcs12(tmp_path / "partial.p12", "pw", include_root=False,
                           root_path=tmp_path / "root2.pem",
                           intermediate_path=tmp_path / "i2.pem")
    info = svc.import_pkcs12(partial, "pw", replace=True)
    assert info.chain_gap.startswith("CN=")
    assert info.chain_gap in chain_gap_advice(info.chain_gap)
    # A self-issued identity has no gap; the employer CA of the older helper is a root.
    assert svc.create("Sam Self", "SW123456", now=NOW, replace=True).chain_gap == ""
    employer = employer_pkcs12(tmp_path / "work2.p12", "employer-pass")
    assert svc.import_pkcs12(employer, "employer-pass", replace=True).chain_gap == ""
