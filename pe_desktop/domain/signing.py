"""A signing identity as plain data: what the PE signs with and how it is shown.

Shared by the services that manage identities and the export code that signs,
so that neither imports the other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


def format_fingerprint(digest_hex: str) -> str:
    """``AB12CD...`` → ``AB:12:CD:...`` (how certificate viewers show it)."""
    h = digest_hex.upper()
    return ":".join(h[i:i + 2] for i in range(0, len(h), 2))


def cert_fingerprint(cert_der: bytes) -> str:
    return format_fingerprint(hashlib.sha256(cert_der).hexdigest())


@dataclass(frozen=True)
class IdentityInfo:
    subject: str  # the certificate's common name
    registration: str  # SWE number when the certificate carries one
    fingerprint: str  # SHA-256 of the certificate, colon-separated hex
    self_issued: bool
    not_before: datetime
    not_after: datetime
    path: Path
    store: str  # where the passphrase lives, for the user
    #: After an import: the issuer whose certificate the file lacks (readers of the
    #: signed PDFs then see "certificate chain incomplete"); "" when the chain is whole.
    chain_gap: str = ""

    @property
    def source(self) -> str:
        return "self-issued" if self.self_issued else "imported"

    @property
    def display_name(self) -> str:
        return f"{self.subject} ({self.registration})" if self.registration else self.subject


@dataclass(frozen=True)
class SigningMaterial:
    """What the signer needs: the PKCS#12 bytes and their passphrase."""

    pkcs12: bytes
    passphrase: bytes
    info: IdentityInfo
