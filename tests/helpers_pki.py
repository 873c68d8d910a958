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


def chain_pkcs12(path: Path, passphrase: str, *, include_root: bool, root_path: Path,
                 intermediate_path: Path, name: str = "Zoë Chain-Issued") -> Path:
    """Write a PKCS#12 whose RSA certificate is issued by an intermediate CA that a
    root CA issued (both CAs with key identifiers, as real ones have). The file holds
    the intermediate, and the root only when ``include_root``; both are also written
    as PEM to ``root_path`` and ``intermediate_path``."""
    from clocks import fixed_now
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    now = fixed_now()

    def cert(subject: str, key, issuer: str, issuer_key, ca: bool):
        b = (x509.CertificateBuilder()
             .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
             .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
             .public_key(key.public_key()).serial_number(x509.random_serial_number())
             .not_valid_before(now - timedelta(days=1)).not_valid_after(now + timedelta(days=365))
             .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
             .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                            critical=False)
             .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                 issuer_key.public_key()), critical=False)
             .add_extension(x509.KeyUsage(
                 digital_signature=True, content_commitment=not ca, key_encipherment=False,
                 data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
                 encipher_only=False, decipher_only=False), critical=True))
        return b.sign(issuer_key, hashes.SHA256())

    root_key, mid_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(
        ec.SECP256R1())
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    root = cert("Example Root CA", root_key, "Example Root CA", root_key, True)
    mid = cert("Example Staff CA", mid_key, "Example Root CA", root_key, True)
    leaf = cert(name, key, "Example Staff CA", mid_key, False)
    blob = pkcs12.serialize_key_and_certificates(
        b"staff", key, leaf, [mid, root] if include_root else [mid],
        serialization.BestAvailableEncryption(passphrase.encode()),
    )
    path.write_bytes(blob)
    root_path.write_bytes(root.public_bytes(serialization.Encoding.PEM))
    intermediate_path.write_bytes(mid.public_bytes(serialization.Encoding.PEM))
    return path
