"""The audit chain head a QA bundle carries, read back for ``audit verify --bundle``.

A bundle that left the laptop (the copy on the panel's shared folder or WebDAV
server, the file ``qa approve --out`` wrote, or the outbox's copy) names the
head of the PE's audit trail inside its signed manifest. Reading it back takes
the same checks the panel makes on the package: the PE's app decrypts with its
own age key for the round (bundles are encrypted to it as well as to the
panel), or reads a decrypted zip as the panel's ``age -d`` gives it; then the
CMS signature over the manifest, every file's hash, and that the signer is
this PE's pseudonymous key for that round. Any failure is one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import age_decrypt
from pe_desktop.services.packages.package import OpenedPackage, read_zip
from pe_desktop.services.qa.key_store import (
    contributor_age_name,
    contributor_signing_name,
    load_age,
    load_signing_key,
)
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import QaRequest

#: Manifest field holding the head (64 hex digits), added to ``pe-desktop/qa-bundle`` v1.
ANCHOR_FIELD = "audit_chain_head"
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_AGE = b"age-encryption.org/v1\n"
_ZIP = b"PK\x03\x04"


@dataclass(frozen=True)
class BundleAnchor:
    round_id: str
    head: str  # the audit chain head the bundle was built at
    fingerprint: str  # of the pseudonymous key that signed it


def valid_head(value: object) -> bool:
    return isinstance(value, str) and bool(_HEX64.match(value))


def _requests(ctx: AppContext) -> list[tuple[str, str, str]]:
    with ctx.read_session() as s:
        return [(r.uid, r.round_id, r.panel_id) for r in s.scalars(select(QaRequest))]


def _open(ctx: AppContext, store: SecretStore, data: bytes, name: str) -> OpenedPackage:
    if data.startswith(_ZIP):
        return read_zip(data)
    if not data.startswith(_AGE):
        raise PEDesktopError(f"{name} is neither a QA bundle (.age) nor its decrypted zip")
    for uid, _round, _panel in _requests(ctx):
        pair = load_age(store, contributor_age_name(uid))
        if pair is None:
            continue
        try:
            return read_zip(age_decrypt(data, pair.identity))
        except PackageRejected as exc:
            if exc.reason != "wrong-recipient":
                raise
    raise PEDesktopError(f"{name} cannot be opened with this computer's QA keys: it is not "
                         "one of your bundles, or it was made before bundles were encrypted "
                         "to you too (ask the panel for the decrypted zip)")


def read_anchor(ctx: AppContext, store: SecretStore, data: bytes, name: str) -> BundleAnchor:
    """The verified chain head of a bundle this PE made, or :class:`PEDesktopError`."""
    try:
        pkg = _open(ctx, store, data, name)
    except PackageRejected as exc:
        raise PEDesktopError(f"{name} is not intact ({exc.reason}): {exc}") from exc
    m = pkg.manifest
    if m.get("schema") != "pe-desktop/qa-bundle":
        raise PEDesktopError(f"{name} is a signed package but not a QA bundle")
    round_id, panel_id = str(m.get("round_id", "")), str(m.get("panel_id", ""))
    uid = next((u for u, r, p in _requests(ctx) if r == round_id and p == panel_id), None)
    key = load_signing_key(store, contributor_signing_name(uid)) if uid else None
    if key is None or key.fingerprint != pkg.signer.fingerprint:
        raise PEDesktopError(f"{name} was not signed by your key for round {round_id[:64]!r}")
    head = m.get(ANCHOR_FIELD)
    if head is None:
        raise PEDesktopError(f"{name} holds no audit chain head (made before bundles "
                             "carried one)")
    if not valid_head(head):
        raise PEDesktopError(f"{name} holds a malformed audit chain head")
    return BundleAnchor(round_id, head, pkg.signer.fingerprint)
