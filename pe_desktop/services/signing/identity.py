"""The PE's signing identity: a private key and certificate in a PKCS#12 file.

Created on first use (a self-issued ECDSA P-256 certificate naming the PE and
their Social Work England registration number) or imported from a PKCS#12
file issued by an employer. Either way the file is stored owner-only as
``<data dir>/keys/signing-identity.p12``, encrypted with a random passphrase
kept in the :class:`~pe_desktop.services.secret_store.SecretStore` — never in
the database. An imported file is re-encrypted, so the employer's passphrase
is not kept.

``cryptography`` is imported inside functions (start-up stays light).
"""

from __future__ import annotations

import secrets
from dataclasses import replace as replace_info
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.signing import (
    IdentityInfo,
    SigningMaterial,
    cert_fingerprint,
)
from pe_desktop.export.files import write_private_file
from pe_desktop.paths import ensure_private_dir
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.services.validation import SWE_REG, Problems

IDENTITY_FILENAME = "signing-identity.p12"
SECRET_NAME = "signing-identity-passphrase"
VALIDITY_YEARS = 5


class IdentityMissing(PEDesktopError):
    pass


def _name_attr(name: Any, oid: Any) -> str:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else ""


class SigningIdentityService:
    def __init__(self, keys_dir: Path, store: SecretStore) -> None:
        self.keys_dir = Path(keys_dir)
        self.store = store

    @property
    def path(self) -> Path:
        return self.keys_dir / IDENTITY_FILENAME

    def exists(self) -> bool:
        return self.path.exists()

    # -- reading ---------------------------------------------------------------
    def _load(self) -> tuple[Any, Any, list[Any], bytes, bytes]:
        from cryptography.hazmat.primitives.serialization import pkcs12

        if not self.path.exists():
            raise IdentityMissing("No signing identity yet: create one or import your employer's.")
        passphrase = self.store.get(SECRET_NAME)
        if passphrase is None:
            raise PEDesktopError(
                f"The signing key's passphrase is missing from {self.store.description}; "
                "import or create the signing identity again."
            )
        data = self.path.read_bytes()
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase.encode())
        except ValueError as exc:
            raise PEDesktopError(
                f"The signing identity {self.path} cannot be opened with the passphrase in "
                f"{self.store.description}."
            ) from exc
        return key, cert, list(extra or []), data, passphrase.encode()

    def _info(self, cert: Any) -> IdentityInfo:
        from cryptography.hazmat.primitives.serialization import Encoding
        from cryptography.x509.oid import NameOID

        return IdentityInfo(
            subject=_name_attr(cert.subject, NameOID.COMMON_NAME) or cert.subject.rfc4514_string(),
            registration=_name_attr(cert.subject, NameOID.SERIAL_NUMBER).removeprefix("SWE:"),
            fingerprint=cert_fingerprint(cert.public_bytes(Encoding.DER)),
            self_issued=cert.issuer == cert.subject,
            not_before=cert.not_valid_before_utc,
            not_after=cert.not_valid_after_utc,
            path=self.path,
            store=self.store.description,
        )

    def info(self) -> IdentityInfo | None:
        if not self.exists():
            return None
        _key, cert, _extra, _data, _pw = self._load()
        return self._info(cert)

    def material(self) -> SigningMaterial:
        _key, cert, _extra, data, pw = self._load()
        return SigningMaterial(data, pw, self._info(cert))

    def certificate_pem(self) -> bytes:
        from cryptography.hazmat.primitives.serialization import Encoding

        _key, cert, _extra, _data, _pw = self._load()
        return cert.public_bytes(Encoding.PEM)

    # -- writing ---------------------------------------------------------------
    def _save(self, key: Any, cert: Any, extra: list[Any], friendly: str) -> IdentityInfo:
        """Encrypt with a fresh random passphrase; store file then secret, atomically enough
        that a failure leaves the previous identity usable."""
        from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

        ensure_private_dir(self.keys_dir)
        passphrase = secrets.token_urlsafe(32)
        blob = pkcs12.serialize_key_and_certificates(
            friendly.encode(), key, cert, extra or None, BestAvailableEncryption(passphrase.encode())
        )
        old_secret = self.store.get(SECRET_NAME)
        staged = self.keys_dir / f".{IDENTITY_FILENAME}.new"
        write_private_file(staged, blob)
        try:
            self.store.set(SECRET_NAME, passphrase)
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
        try:
            staged.replace(self.path)
        except BaseException:
            if old_secret is not None:
                self.store.set(SECRET_NAME, old_secret)
            staged.unlink(missing_ok=True)
            raise
        return self._info(cert)

    def create(
        self, full_name: str, registration: str, organisation: str = "", *,
        now: datetime, replace: bool = False,
    ) -> IdentityInfo:
        """Create a self-issued certificate naming the PE and their SWE number."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        problems = Problems()
        problems.require("full_name", full_name, "Your name")
        reg = registration.strip().upper()
        if not SWE_REG.match(reg):
            problems["registration"] = "A Social Work England registration number looks like SW123456"
        problems.raise_if_any("Signing identity")
        if self.exists() and not replace:
            raise ValidationError(
                {"identity": "A signing identity already exists; replace it explicitly"},
                record="Signing identity",
            )
        key = ec.generate_private_key(ec.SECP256R1())
        attrs = [
            x509.NameAttribute(NameOID.COMMON_NAME, full_name.strip()),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"SWE:{reg}"),
            x509.NameAttribute(NameOID.TITLE, "Practice Educator"),
        ]
        if organisation.strip():
            attrs.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation.strip()[:64]))
        attrs.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "GB"))
        name = x509.Name(attrs)
        cert = (
            x509.CertificateBuilder()
            .subject_name(name)
            .issuer_name(name)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * VALIDITY_YEARS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True, content_commitment=True, key_encipherment=False,
                    data_encipherment=False, key_agreement=False, key_cert_sign=False,
                    crl_sign=False, encipher_only=False, decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        return self._save(key, cert, [], f"{full_name.strip()} ({reg})")

    def import_pkcs12(
        self, source: Path, passphrase: str, *, replace: bool = False
    ) -> IdentityInfo:
        """Import an employer's PKCS#12; a wrong passphrase changes nothing."""
        from cryptography.hazmat.primitives.asymmetric import ec, rsa
        from cryptography.hazmat.primitives.serialization import pkcs12

        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {source}: {exc.strerror or exc}") from exc
        try:
            key, cert, extra = pkcs12.load_key_and_certificates(
                data, passphrase.encode() if passphrase else None
            )
        except ValueError as exc:
            raise ValidationError(
                {"passphrase": "The passphrase does not open this file, or it is not a "
                               "PKCS#12 (.p12/.pfx) file. Nothing was changed."},
                record="Import signing identity",
            ) from exc
        if key is None or cert is None:
            raise ValidationError(
                {"file": "This file holds no private key and certificate. Nothing was changed."},
                record="Import signing identity",
            )
        if not isinstance(key, ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey):
            raise ValidationError(
                {"file": "Only RSA and ECDSA keys can sign PDFs. Nothing was changed."},
                record="Import signing identity",
            )
        if self.exists() and not replace:
            raise ValidationError(
                {"identity": "A signing identity already exists; replace it explicitly"},
                record="Import signing identity",
            )
        info = self._save(key, cert, list(extra or []), "imported signing identity")
        return replace_info(info, chain_gap=missing_issuer(cert, list(extra or [])))


def chain_gap_advice(issuer: str) -> str:
    """What an incomplete employer chain means for the PE's readers (CLI and GUI)."""
    return (f"the file does not include the certificate of its issuer ({issuer}). Readers "
            "of the PDFs you sign will see 'certificate chain incomplete' unless they have "
            "that certificate (pe-desktop verify --trust ISSUER.pem): ask your employer for "
            "a file with the full chain, or give readers the issuer's certificate.")


def missing_issuer(cert: Any, extra: list[Any]) -> str:
    """The issuer a reader of our signatures cannot find: following issuers from
    ``cert`` through ``extra`` (the file's other certificates), the first one that
    is neither there nor self-signed; "" when the chain ends in a root."""
    by_subject = {c.subject: c for c in extra}
    current = cert
    for _ in range(len(extra) + 1):
        if current.issuer == current.subject:
            return ""
        issuer = by_subject.get(current.issuer)
        if issuer is None:
            return current.issuer.rfc4514_string()
        current = issuer
    return ""


def ensure_identity(service: SigningIdentityService, full_name: str | None,
                    registration: str | None, organisation: str = "", *,
                    now: datetime) -> IdentityInfo:
    """The existing identity, or a new self-issued one from the PE's profile."""
    return ensure_material(service, full_name, registration, organisation, now=now).info


def ensure_material(service: SigningIdentityService, full_name: str | None,
                    registration: str | None, organisation: str = "", *,
                    now: datetime) -> SigningMaterial:
    """The signing key (created from the PE's profile on first use), read once:
    one passphrase lookup and one PKCS#12 load."""
    if not service.exists():
        if not (full_name and registration):
            raise IdentityMissing(
                "No signing identity yet and no profile to create one from: add your name and "
                "Social Work England registration number to your profile, or import a "
                "PKCS#12 file."
            )
        service.create(full_name, registration, organisation, now=now)
    return service.material()
