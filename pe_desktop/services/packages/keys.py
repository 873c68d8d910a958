"""Key material for packages: age X25519 key pairs and ECDSA signing keys.

- An **age key pair** (``AGE-SECRET-KEY-1…`` / ``age1…``) from ``pyrage``; its
  identity file is the standard one the ``age`` tool reads (``age -d -i FILE``).
- A **signing key**: ECDSA P-256 with a self-issued X.509 certificate that only
  carries the public key and a name (a panel's name, or a pseudonym). Trust comes
  from the certificate's SHA-256 fingerprint, compared out of band or pinned on
  first use, not from a certificate authority.

Private parts are returned as text for the caller to keep in the SecretStore.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from pe_desktop.services.packages.errors import PackageRejected

SIGNING_CERT_YEARS = 10


def format_fingerprint(digest_hex: str) -> str:
    h = digest_hex.upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))


# -- age ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AgeKeyPair:
    identity: str  # AGE-SECRET-KEY-1…
    recipient: str  # age1…

    @classmethod
    def generate(cls) -> AgeKeyPair:
        from pyrage import x25519

        ident = x25519.Identity.generate()
        return cls(str(ident), str(ident.to_public()))

    @classmethod
    def from_identity(cls, identity: str) -> AgeKeyPair:
        from pyrage import IdentityError, x25519

        try:
            ident = x25519.Identity.from_str(identity.strip())
        except (IdentityError, ValueError) as exc:
            raise PackageRejected("bad-format", "This is not an age X25519 identity.") from exc
        return cls(str(ident), str(ident.to_public()))

    def identity_file(self, created: datetime | None = None) -> str:
        """The standard age identity file (what ``age-keygen`` writes)."""
        lines = []
        if created is not None:
            lines.append(f"# created: {created.replace(microsecond=0).isoformat()}")
        lines.append(f"# public key: {self.recipient}")
        lines.append(self.identity)
        return "\n".join(lines) + "\n"


def parse_identity_file(text: str) -> AgeKeyPair:
    """The first identity in an age identity file (comments and blanks ignored)."""
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            return AgeKeyPair.from_identity(line)
    raise PackageRejected("bad-format", "The file holds no age identity.")


def check_recipient(recipient: str) -> str:
    from pyrage import RecipientError, x25519

    try:
        return str(x25519.Recipient.from_str(recipient.strip()))
    except (RecipientError, ValueError) as exc:
        raise PackageRejected("bad-format",
                              f"'{recipient[:20]}' is not an age X25519 recipient.") from exc


def age_encrypt(data: bytes, recipients: list[str]) -> bytes:
    """Binary age v1 format, readable by ``age -d -i IDENTITY``."""
    from pyrage import encrypt, x25519

    return encrypt(data, [x25519.Recipient.from_str(r) for r in recipients])


def age_decrypt(data: bytes, identity: str) -> bytes:
    from pyrage import DecryptError, decrypt, x25519

    if not data.startswith(b"age-encryption.org/v1\n"):
        raise PackageRejected("not-age", "This file is not age-encrypted (age v1).")
    try:
        return decrypt(data, [x25519.Identity.from_str(identity)])
    except DecryptError as exc:
        text = str(exc).lower()
        if "no matching keys" in text or "no identity matched" in text:
            raise PackageRejected("wrong-recipient",
                                  "This file was not encrypted to this identity.") from exc
        raise PackageRejected("not-age", f"The age file cannot be decrypted: {exc}") from exc


# -- signing keys ----------------------------------------------------------------------
@dataclass(frozen=True)
class SigningKey:
    key_pem: str  # PKCS#8, unencrypted: keep it in the SecretStore
    cert_pem: str

    @property
    def fingerprint(self) -> str:
        return cert_fingerprint(self.cert_pem)


def cert_fingerprint(cert_pem: str | bytes) -> str:
    """SHA-256 of the certificate's DER encoding, as AB:CD:… (what openssl prints)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    data = cert_pem.encode() if isinstance(cert_pem, str) else cert_pem
    try:
        cert = x509.load_pem_x509_certificate(data)
    except ValueError as exc:
        raise PackageRejected("bad-format", "The signing certificate cannot be read.") from exc
    return format_fingerprint(hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest())


def new_signing_key(common_name: str, now: datetime, role: str) -> SigningKey:
    """A fresh ECDSA P-256 key and a self-issued certificate (``role`` in the OU)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64]),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, role[:64]),
    ])
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=365 * SIGNING_CERT_YEARS))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, content_commitment=False, key_encipherment=False,
            data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
            encipher_only=False, decipher_only=False), critical=True)
        .sign(key, hashes.SHA256())
    )
    return SigningKey(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption()).decode(),
        cert.public_bytes(serialization.Encoding.PEM).decode(),
    )
