"""Invitations (``pe-desktop/oss-invitation`` v1): what the PE hands the OSS.

A signed JSON document (``services/packages/signed_document``) signed with the
PE's exchange key. It carries the placement reference, the student's first
name only, the framework and level, the forms in use, the PE's public keys and
an expiry — nothing else about the student or placement.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import placement_or_404
from pe_desktop.services.oss.keys import pe_keys
from pe_desktop.services.oss.records import SCHEMAS, VERSION
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import cert_fingerprint, check_recipient
from pe_desktop.services.packages.signed_document import read_document, sign_document
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import OssInvitation

SCHEMA = "pe-desktop/oss-invitation"
SCHEMA_VERSION = 1
DEFAULT_DAYS = 180
_UUID = re.compile(r"^[0-9a-f-]{36}$")


def first_name(full_name: str, preferred: str = "") -> str:
    name = (preferred or full_name).strip()
    return name.split()[0] if name else ""


@dataclass(frozen=True)
class Invitation:
    invite_id: str
    placement_ref: str
    student_first_name: str
    framework: str
    level: str
    forms: dict[str, str]
    pe_name: str
    pe_age_recipient: str
    pe_signing_cert: str
    pe_fingerprint: str
    expires: date
    start_date: date
    planned_end_date: date
    payload: dict[str, Any]


def issue(ctx: AppContext, store: SecretStore, placement_id: int, out: Path,
          days: int = DEFAULT_DAYS) -> Invitation:
    """Write the signed invitation file for a placement (owner-only) and record it."""
    from pe_desktop.services.profile import ProfileService

    if not 1 <= days <= 730:
        raise ValidationError({"days": "An invitation lasts 1 to 730 days"}, record="Invitation")
    profile = ProfileService(ctx).get()
    pe_name = profile.full_name if profile else ""
    keys = pe_keys(ctx, store, pe_name)
    with ctx.session() as s:
        p = placement_or_404(s, placement_id)
        first = first_name(p.student.full_name, p.student.preferred_name)
        expires = ctx.today() + timedelta(days=days)
        inv = OssInvitation(placement_id=p.id, expires_on=expires)
        s.add(inv)
        s.flush()
        payload = {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "invite_id": inv.uid,
            "placement_ref": p.uid, "student_first_name": first,
            "framework": p.framework_ref, "level": p.framework_level,
            "start_date": p.start_date.isoformat(),
            "planned_end_date": p.planned_end_date.isoformat(),
            "forms": {k: f"{v}@{VERSION}" for k, v in SCHEMAS.items()},
            "pe": {"name": pe_name, "age_recipient": keys.age.recipient,
                   "signing_cert": keys.signing.cert_pem},
            "created_at": ctx.now().isoformat(timespec="seconds"),
            "expires": expires.isoformat(),
        }
        write_private_file(Path(out), sign_document(payload, keys.signing))
    return parse_payload(payload, keys.fingerprint)


def parse_payload(d: dict[str, Any], fingerprint: str) -> Invitation:
    try:
        if d["schema"] != SCHEMA:
            raise PackageRejected("bad-format", "This file is not a PE Desktop invitation.")
        if d["schema_version"] != SCHEMA_VERSION:
            raise PackageRejected("unsupported-version",
                                  f"Invitation version {d['schema_version']!r} is not supported.")
        pe = d["pe"]
        inv = Invitation(
            str(d["invite_id"]), str(d["placement_ref"]), str(d["student_first_name"]),
            str(d["framework"]), str(d["level"]), dict(d["forms"]), str(pe["name"]),
            check_recipient(pe["age_recipient"]), str(pe["signing_cert"]), fingerprint,
            date.fromisoformat(d["expires"]), date.fromisoformat(d["start_date"]),
            date.fromisoformat(d["planned_end_date"]), d)
    except PackageRejected:
        raise
    except (KeyError, TypeError, ValueError) as exc:
        raise PackageRejected("bad-format", f"The invitation is incomplete ({exc}).") from exc
    if not _UUID.match(inv.invite_id):
        raise PackageRejected("bad-format", "The invitation id is not valid.")
    return inv


def read_invitation(data: bytes, today: date) -> Invitation:
    """Verify an invitation file: signed by the PE key it names, and not expired."""
    doc = read_document(data)
    try:
        named = cert_fingerprint(doc.payload["pe"]["signing_cert"])
    except (KeyError, TypeError) as exc:
        raise PackageRejected("bad-format", "The invitation names no PE key.") from exc
    if named != doc.signer.fingerprint:
        raise PackageRejected("untrusted-signer", "The invitation is not signed by the PE key "
                                                  "it carries.")
    inv = parse_payload(doc.payload, named)
    if inv.expires < today:
        raise PackageRejected("expired", f"The invitation expired on {inv.expires:%d %b %Y}; "
                                         "ask the practice educator for a new one.")
    return inv


def load_invitation_file(path: Path, today: date) -> Invitation:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return read_invitation(data, today)


def dumps(inv: Invitation) -> str:
    return json.dumps(inv.payload, ensure_ascii=False, sort_keys=True)
