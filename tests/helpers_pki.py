"""Build real certificates and PKCS#12 files for tests (an "employer" CA and its staff)."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path


def employer_pkcs12(path: Path, passphrase: str, name: str = "Zoë Employer-Issued",
                    ca_path: Path | None = None, now: datetime | None = None) -> Path:
    """Write a PKCS#12 holding an RSA key, its certificate and the issuing CA's.

    When ``ca_path`` is given the CA certificate is also written there (PEM).
    """
    from clocks import fixed_now
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = now or fixed_now()
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Example Council Issuing CA")])
    ca_cert = (
        x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
        .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=True, crl_sign=True,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(ca_name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True,
                                     key_encipherment=False, data_encipherment=False,
                                     key_agreement=False, key_cert_sign=False, crl_sign=False,
                                     encipher_only=False, decipher_only=False), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    blob = pkcs12.serialize_key_and_certificates(
        b"employer", key, cert, [ca_cert],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    path.write_bytes(blob)
    if ca_path is not None:
        ca_path.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    return path
