"""A signed JSON document: the exact signed bytes plus a detached CMS signature.

Envelope (``pe-desktop/signed-json`` version 1)::

    {"format": "pe-desktop/signed-json", "version": 1,
     "payload": "<base64 of the UTF-8 JSON bytes that were signed>",
     "signature": "<base64 of the DER detached CMS signature over those bytes>"}

Carrying the payload as base64 keeps the signed bytes exact (no JSON
canonicalisation); anyone can check it with ``base64 -d`` and ``openssl cms``.
Used for QA sample requests; reusable for any small signed message.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any

from pe_desktop.services.packages.cms import SignatureInfo, sign_detached, verify_detached
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import SigningKey

FORMAT = "pe-desktop/signed-json"
VERSION = 1
MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class SignedDocument:
    payload: dict[str, Any]
    payload_bytes: bytes
    signer: SignatureInfo


def dump_payload(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True).encode()


def sign_document(payload: dict[str, Any], key: SigningKey) -> bytes:
    """The envelope as UTF-8 JSON bytes."""
    data = dump_payload(payload)
    envelope = {
        "format": FORMAT, "version": VERSION,
        "payload": base64.b64encode(data).decode(),
        "signature": base64.b64encode(sign_detached(data, key)).decode(),
    }
    return (json.dumps(envelope, indent=2) + "\n").encode()


def read_document(data: bytes, *, expect_fingerprint: str | None = None) -> SignedDocument:
    """Parse and verify an envelope; every failure is a :class:`PackageRejected`."""
    if len(data) > MAX_BYTES:
        raise PackageRejected("too-large", "The file is too large to be a signed document.")
    try:
        envelope = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageRejected("bad-format", "The file is not JSON.") from exc
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise PackageRejected("bad-format", f"The file is not a {FORMAT} document.")
    if envelope.get("version") != VERSION:
        raise PackageRejected("unsupported-version",
                              f"Signed document version {envelope.get('version')!r} is not "
                              f"supported (this app reads version {VERSION}).")
    try:
        payload_bytes = base64.b64decode(envelope["payload"], validate=True)
        signature = base64.b64decode(envelope["signature"], validate=True)
    except (KeyError, TypeError, binascii.Error) as exc:
        raise PackageRejected("bad-format", "The payload or signature is missing or not "
                                            "base64.") from exc
    signer = verify_detached(payload_bytes, signature, expect_fingerprint=expect_fingerprint)
    try:
        payload = json.loads(payload_bytes.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PackageRejected("bad-format", "The signed payload is not JSON.") from exc
    if not isinstance(payload, dict):
        raise PackageRejected("bad-format", "The signed payload is not a JSON object.")
    return SignedDocument(payload, payload_bytes, signer)
