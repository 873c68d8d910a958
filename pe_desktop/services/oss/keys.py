"""Keys for OSS mode, private parts in the SecretStore.

- The PE's **OSS exchange keys** (one age key pair and one ECDSA signing key per
  data directory, made on the first invitation): the invitation carries the
  public parts; OSS packages are encrypted to the age recipient. Public parts
  are kept in the ``settings`` table (``oss.pe_keys``).
- The OSS's **identity** (made when the OSS first joins): a signing key whose
  certificate names the OSS, and an age key pair for the PE's replies. Public
  parts in the ``oss_identity`` row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.keys import (
    AgeKeyPair,
    SigningKey,
    cert_fingerprint,
    new_signing_key,
)
from pe_desktop.services.qa.key_store import load_age, load_signing_key, save_signing_key
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import OssIdentity, Setting

PE_KEYS_SETTING = "oss.pe_keys"
PE_AGE_SECRET = "oss-pe-age"
PE_SIGNING_SECRET = "oss-pe-signing"
OSS_AGE_SECRET = "oss-age"
OSS_SIGNING_SECRET = "oss-signing"


@dataclass(frozen=True)
class KeySet:
    age: AgeKeyPair
    signing: SigningKey

    @property
    def fingerprint(self) -> str:
        return self.signing.fingerprint


def _pe_public(ctx: AppContext) -> dict | None:
    with ctx.read_session() as s:
        row = s.get(Setting, PE_KEYS_SETTING)
        return json.loads(row.value) if row and row.value else None


def pe_keys(ctx: AppContext, store: SecretStore, pe_name: str, *, create: bool = True) -> KeySet:
    """The PE's exchange keys; made (and their public parts saved) on first use."""
    public = _pe_public(ctx)
    if public is not None:
        age = load_age(store, PE_AGE_SECRET)
        signing = load_signing_key(store, PE_SIGNING_SECRET)
        if age is None or signing is None or age.recipient != public["age_recipient"] \
                or signing.cert_pem != public["signing_cert"]:
            raise PEDesktopError(f"The on-site supervisor exchange keys are missing from "
                                 f"{store.description}.")
        return KeySet(age, signing)
    if not create:
        raise PEDesktopError("No on-site supervisor has been invited from this data directory.")
    age = AgeKeyPair.generate()
    signing = new_signing_key(pe_name or "Practice Educator", ctx.now(),
                              "PE Desktop practice educator")
    with ctx.session() as s:
        s.add(Setting(key=PE_KEYS_SETTING, value=json.dumps(
            {"age_recipient": age.recipient, "signing_cert": signing.cert_pem})))
        s.flush()
        store.set(PE_AGE_SECRET, age.identity)
        save_signing_key(store, PE_SIGNING_SECRET, signing)
    return KeySet(age, signing)


@dataclass(frozen=True)
class OssIdentityInfo:
    name: str
    fingerprint: str
    cert_pem: str
    age_recipient: str


def identity_info(ctx: AppContext) -> OssIdentityInfo | None:
    with ctx.read_session() as s:
        row = s.scalars(select(OssIdentity)).first()
        if row is None:
            return None
        return OssIdentityInfo(row.name, cert_fingerprint(row.signing_cert_pem),
                               row.signing_cert_pem, row.age_recipient)


def require_identity(ctx: AppContext) -> OssIdentityInfo:
    info = identity_info(ctx)
    if info is None:
        raise PEDesktopError("This data directory is not an on-site supervisor's: run "
                             "'pe-desktop oss join INVITATION.peinvite' first.")
    return info


def create_identity(ctx: AppContext, store: SecretStore, name: str) -> OssIdentityInfo:
    """Make the OSS's keys (once per data directory)."""
    existing = identity_info(ctx)
    if existing is not None:
        return existing
    age = AgeKeyPair.generate()
    signing = new_signing_key(name, ctx.now(), "PE Desktop on-site supervisor")
    with ctx.session() as s:
        s.add(OssIdentity(name=name, signing_cert_pem=signing.cert_pem,
                          age_recipient=age.recipient))
        s.flush()
        store.set(OSS_AGE_SECRET, age.identity)
        save_signing_key(store, OSS_SIGNING_SECRET, signing)
    return require_identity(ctx)


def oss_keys(ctx: AppContext, store: SecretStore) -> KeySet:
    info = require_identity(ctx)
    age = load_age(store, OSS_AGE_SECRET)
    signing = load_signing_key(store, OSS_SIGNING_SECRET)
    if age is None or signing is None or signing.cert_pem != info.cert_pem:
        raise PEDesktopError(f"Your on-site supervisor keys are missing from "
                             f"{store.description}.")
    return KeySet(age, signing)
