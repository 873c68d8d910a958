"""The OSS sends: each finished record becomes a signed, encrypted package.

A package (``pe-desktop/package`` v1, manifest schema ``pe-desktop/oss-record``
v1) holds ``record.json``; it is signed with the OSS's key and encrypted to the
PE's age recipient from the invitation, then queued in the outbox for the
targets or written to a folder as ``oss-<invite>-<package id>.pepkg``.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss import records
from pe_desktop.services.oss.keys import oss_keys, require_identity
from pe_desktop.services.oss.profile import Supervisee, finished, supervisees
from pe_desktop.services.packages.package import build_package
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import OssMembership, OssSent

SCHEMA = "pe-desktop/oss-record"
SCHEMA_VERSION = 1
PREFIX = "oss-"
SUFFIX = ".pepkg"


@dataclass(frozen=True)
class SentPackage:
    file_name: str
    kind: str
    record_id: int
    first_name: str
    sha256: str
    path: Path | None  # where it was written (``--out``), else None (queued)


def record_json(ctx: AppContext, sv: Supervisee, kind: str, record_id: int) -> dict:
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.supervision import SupervisionService

    fw = ctx.frameworks.get(sv.framework)
    if kind == records.OBSERVATION:
        return records.observation_json(ObservationService(ctx).get(record_id), sv.first_name,
                                        fw, sv.level)
    return records.supervision_json(SupervisionService(ctx).get(record_id), sv.first_name,
                                    fw, sv.level)


def build(ctx: AppContext, store: SecretStore, sv: Supervisee, kind: str, record_id: int):
    """(file name, package bytes, package id) for one record."""
    ident = require_identity(ctx)
    keys = oss_keys(ctx, store)
    with ctx.read_session() as s:
        m = s.scalar(select(OssMembership).where(OssMembership.invite_id == sv.invite_id))
        invitation = json.loads(m.invitation)
        recipient = m.pe_age_recipient
    if sv.expires_on < ctx.today():
        raise PEDesktopError(f"The invitation for {sv.first_name} expired on "
                             f"{sv.expires_on:%d %b %Y}; ask the PE for a new one.")
    package_id = str(uuid.uuid4())
    body = (json.dumps(record_json(ctx, sv, kind, record_id), ensure_ascii=False, indent=2,
                       sort_keys=True) + "\n").encode()
    manifest = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION, "package_id": package_id,
        "invite_id": sv.invite_id, "placement_ref": invitation["placement_ref"],
        "kind": kind, "record_schema": f"{records.SCHEMAS[kind]}@{records.VERSION}",
        "created_at": ctx.now().isoformat(timespec="seconds"),
        "oss": {"name": ident.name, "age_recipient": ident.age_recipient},
    }
    built = build_package(manifest, {"record.json": body}, keys.signing, [recipient])
    name = f"{PREFIX}{sv.invite_id[:8]}-{package_id}{SUFFIX}"
    return name, built, package_id


def send(ctx: AppContext, store: SecretStore, out: Path | None = None,
         placement_id: int | None = None) -> list[SentPackage]:
    """Package every finished, unsent record: into ``out`` or the outbox."""
    from pe_desktop.services.qa.transfer import deliver

    if out is not None and not Path(out).is_dir():
        raise PEDesktopError(f"The folder {out} does not exist.")
    done: list[SentPackage] = []
    for sv in supervisees(ctx):
        if placement_id is not None and sv.placement_id != placement_id:
            continue
        for kind, rid in finished(ctx, sv.placement_id):
            name, built, package_id = build(ctx, store, sv, kind, rid)
            with ctx.session() as s:  # recorded only once the file is safely out
                s.add(OssSent(package_id=package_id, placement_id=sv.placement_id, kind=kind,
                              record_id=rid, file_name=name, package_sha256=built.sha256))
                s.flush()
                path = deliver(ctx, name, built.data, out,
                               {"kind": "oss-record", "round_id": sv.invite_id[:8]})
            done.append(SentPackage(name, kind, rid, sv.first_name, built.sha256, path))
    return done
