"""Detached CMS (PKCS#7) signatures over bytes.

Made with ``cryptography``'s PKCS7SignatureBuilder (SHA-256, ECDSA, signer
certificate embedded, signed attributes: content type, signing time, message
digest); checked with ``pyhanko``'s CMS integrity validation. Any standard tool
verifies them too::

    openssl cms -verify -binary -inform DER -in manifest.json.p7s \
        -content manifest.json -certfile signer.pem -CAfile signer.pem -purpose any
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import SigningKey, format_fingerprint


def sign_detached(data: bytes, key: SigningKey) -> bytes:
    """DER-encoded ContentInfo(SignedData) without the content."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization import pkcs7

    cert = x509.load_pem_x509_certificate(key.cert_pem.encode())
    private = serialization.load_pem_private_key(key.key_pem.encode(), password=None)
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(data)
        .add_signer(cert, private, hashes.SHA256())  # type: ignore[arg-type]
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.DetachedSignature,
                                           pkcs7.PKCS7Options.Binary,
                                           pkcs7.PKCS7Options.NoCapabilities])
    )


@dataclass(frozen=True)
class SignatureInfo:
    fingerprint: str  # SHA-256 of the signer's certificate (AB:CD:…)
    subject: str
    cert_pem: str
    signing_time: datetime | None


def verify_detached(data: bytes, signature: bytes, *, expect_fingerprint: str | None = None
                    ) -> SignatureInfo:
    """Check ``signature`` over ``data``; with ``expect_fingerprint`` also who signed it.

    Raises :class:`PackageRejected` (``bad-signature`` or ``untrusted-signer``).
    """
    from asn1crypto import cms, pem
    from pyhanko.sign.validation.generic_cms import extract_signer_info, validate_sig_integrity

    try:
        if pem.detect(signature):
            _t, _h, signature = pem.unarmor(signature)
        info = cms.ContentInfo.load(signature)
        if info["content_type"].native != "signed_data":
            raise ValueError("not SignedData")
        signed = info["content"]
        signer = extract_signer_info(signed)
        sid = signer["sid"]
        certs = [c.chosen for c in signed["certificates"] or []
                 if c.name == "certificate"]
        cert = next((c for c in certs if sid.name == "issuer_and_serial_number"
                     and c.issuer == sid.chosen["issuer"]
                     and c.serial_number == sid.chosen["serial_number"].native), None)
        if cert is None:
            raise ValueError("the signer's certificate is not in the signature")
        algo = signer["digest_algorithm"]["algorithm"].native
        digest = hashlib.new(algo, data).digest()
        intact, valid = validate_sig_integrity(signer, cert, "data", digest)
    except PackageRejected:
        raise
    except Exception as exc:  # noqa: BLE001 - any parse or crypto failure is a refusal
        raise PackageRejected("bad-signature",
                              f"The signature cannot be read or checked ({exc}).") from exc
    if not (intact and valid):
        raise PackageRejected("bad-signature",
                              "The signature does not match the content: it was altered "
                              "after signing, or signed by someone else.")
    fingerprint = format_fingerprint(hashlib.sha256(cert.dump()).hexdigest())
    if expect_fingerprint and fingerprint.replace(":", "").upper() != \
            expect_fingerprint.replace(":", "").upper():
        raise PackageRejected("untrusted-signer",
                              f"Signed by a different key ({fingerprint[:23]}…) than the one "
                              f"expected ({expect_fingerprint[:23]}…).")
    attrs = signer["signed_attrs"]
    when = None
    if attrs:
        for a in attrs:
            if a["type"].native == "signing_time":
                when = a["values"][0].native
    return SignatureInfo(fingerprint, cert.subject.human_friendly,
                         pem.armor("CERTIFICATE", cert.dump()).decode(), when)
