"""The PE imports OSS packages: every check, then one transaction.

Order of checks (each a :class:`PackageRejected` with its reason code): the
package layer's own (``not-age``, ``wrong-recipient`` — a *foreign* package,
encrypted to someone else —, ``not-zip``, ``bad-signature``, ``hash-mismatch``
…), the manifest schema, the invitation it names (``foreign``: not issued
here or for another placement), the expiry (``expired``), the package id
(``replayed``), the signer against the key pinned for the placement
(``untrusted-signer``) or, for a first package, the PE's confirmation of the
OSS's name and key fingerprint (:class:`TrustNeeded` when nobody confirmed).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss import records
from pe_desktop.services.oss.keys import pe_keys
from pe_desktop.services.oss.send import PREFIX, SCHEMA, SCHEMA_VERSION, SUFFIX
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.package import OpenedPackage, open_package, sha256
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import OssImport, OssInvitation, OssPin, Placement

REPORT = "report"  # a signed reply to a report section
#: A package must reach the PE within this long after its invitation expired.
LATE_DAYS = 30


class TrustNeeded(PEDesktopError):
    """A first package from an OSS key: the PE must confirm the name and fingerprint."""

    def __init__(self, oss_name: str, fingerprint: str, first_name: str) -> None:
        super().__init__(f"First package from {oss_name} for {first_name}: confirm their key "
                         f"fingerprint {fingerprint} (ask them to read out 'pe-desktop oss "
                         f"identity show'), then import again with --trust-fingerprint.")
        self.oss_name = oss_name
        self.fingerprint = fingerprint
        self.first_name = first_name


@dataclass(frozen=True)
class TrustRequest:
    oss_name: str
    fingerprint: str
    student_first_name: str
    placement_id: int


@dataclass(frozen=True)
class Imported:
    import_id: int
    placement_id: int
    kind: str
    record_id: int
    oss_name: str
    fingerprint: str
    newly_trusted: bool


def _same(a: str, b: str) -> bool:
    return a.replace(":", "").upper() == b.replace(":", "").upper()


def _manifest(opened: OpenedPackage) -> dict:
    m = opened.manifest
    if m.get("schema") != SCHEMA:
        raise PackageRejected("bad-format", "This package is not an on-site supervisor record.")
    if m.get("schema_version") != SCHEMA_VERSION:
        raise PackageRejected("unsupported-version", f"OSS record version "
                                                     f"{m.get('schema_version')!r} is not supported.")
    kind = m.get("kind")
    if kind not in (*records.SCHEMAS, REPORT) or "record.json" not in opened.files \
            or not isinstance(m.get("oss"), dict):
        raise PackageRejected("bad-format", "The package's manifest is incomplete.")
    return m


def import_bytes(ctx: AppContext, store: SecretStore, data: bytes, source: str = "", *,
                 trust_fingerprint: str | None = None,
                 confirm: Callable[[TrustRequest], bool] | None = None) -> Imported:
    keys = pe_keys(ctx, store, "", create=False)
    opened = open_package(data, keys.age.identity)
    m = _manifest(opened)
    signer = opened.signer
    with ctx.read_session() as s:
        inv = s.scalar(select(OssInvitation).where(OssInvitation.uid == str(m.get("invite_id"))))
        pl = s.get(Placement, inv.placement_id) if inv else None
        if inv is None or pl is None or pl.uid != m.get("placement_ref"):
            raise PackageRejected("foreign", "This package answers an invitation this data "
                                             "directory did not issue (or for another "
                                             "placement).")
        pid, expires = pl.id, inv.expires_on
        from pe_desktop.services.oss.invitation import first_name

        first = first_name(pl.student.full_name, pl.student.preferred_name)
        done = s.scalar(select(OssImport).where(OssImport.package_id == str(m["package_id"])))
        pin = s.scalar(select(OssPin).where(OssPin.placement_id == pid))
        pinned = pin.fingerprint if pin else None
    try:
        made = date.fromisoformat(str(m.get("created_at", ""))[:10])
    except ValueError as exc:
        raise PackageRejected("bad-format", "The package has no creation date.") from exc
    if made > expires or ctx.today() > expires + timedelta(days=LATE_DAYS):
        raise PackageRejected("expired", f"The invitation this package answers expired on "
                                         f"{expires:%d %b %Y}; send the supervisor a new one.")
    if done is not None:
        raise PackageRejected("replayed", f"This package was already imported on "
                                          f"{ctx.local_date(done.imported_at):%d %b %Y}.")
    oss_name = str(m["oss"].get("name", ""))[:200]
    trusted_now = False
    if pinned is not None:
        if not _same(pinned, signer.fingerprint):
            raise PackageRejected("untrusted-signer",
                                  f"Signed by an unknown key ({signer.fingerprint[:23]}…), not "
                                  f"the on-site supervisor key confirmed for this placement.")
    else:
        request = TrustRequest(oss_name, signer.fingerprint, first, pid)
        if trust_fingerprint is not None:
            if not _same(trust_fingerprint, signer.fingerprint):
                raise PackageRejected("untrusted-signer",
                                      f"The package is signed by {signer.fingerprint}, not the "
                                      f"fingerprint you gave.")
        elif confirm is None or not confirm(request):
            raise TrustNeeded(oss_name, signer.fingerprint, first)
        trusted_now = True
    try:
        record = json.loads(opened.files["record.json"].decode("utf-8"))
        if m["kind"] == REPORT:
            from pe_desktop.services.oss.report_section import parse_reply

            parsed = parse_reply(ctx, record, str(m.get("created_at", "")))
        else:
            parsed = records.parse(m["kind"], record, oss_name)
    except (UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise PackageRejected("bad-format", f"The record in the package cannot be read "
                                            f"({exc}).") from exc
    return _store(ctx, pid, m, opened, parsed, data, source, trusted_now)


def _store(ctx: AppContext, pid: int, m: dict, opened: OpenedPackage, parsed, data: bytes,
           source: str, trusted_now: bool) -> Imported:
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.supervision import SupervisionService

    signer = opened.signer
    kind = m["kind"]
    oss_name = str(m["oss"].get("name", ""))[:200]
    with ctx.session() as s:  # all or nothing
        if trusted_now:
            s.add(OssPin(placement_id=pid, oss_name=oss_name, fingerprint=signer.fingerprint,
                         age_recipient=str(m["oss"].get("age_recipient", ""))[:100]))
        if kind == records.OBSERVATION:
            rid = ObservationService(ctx).create_in(s, pid, parsed).id
        elif kind == records.SUPERVISION:
            rid = SupervisionService(ctx).create_in(s, pid, parsed).id
        row = OssImport(
            package_id=str(m["package_id"]), placement_id=pid, kind=kind,
            observation_id=rid if kind == records.OBSERVATION else None,
            supervision_id=rid if kind == records.SUPERVISION else None,
            oss_name=oss_name, fingerprint=signer.fingerprint,
            manifest=opened.manifest_bytes.decode("utf-8"),
            signature=base64.b64encode(opened.signature).decode(),
            record_json=opened.files["record.json"].decode("utf-8"),
            package_sha256=sha256(data), source=source[:300])
        if kind == REPORT:
            from pe_desktop.services.oss.report_section import apply_reply

            rid = apply_reply(s, pid, parsed, row)  # the report version filled
        s.add(row)
        s.flush()
        iid = row.id
    return Imported(iid, pid, kind, rid, oss_name, signer.fingerprint, trusted_now)


def import_file(ctx: AppContext, store: SecretStore, path: Path, **kw) -> Imported:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return import_bytes(ctx, store, data, str(path), **kw)


@dataclass(frozen=True)
class PullResult:
    target: str
    name: str
    imported: Imported | None
    error: str
    reason: str = ""
    trust: TrustNeeded | None = None


def pull(ctx: AppContext, store: SecretStore, names: list[str] | None = None,
         **kw) -> list[PullResult]:
    """Fetch every OSS package from the targets and import the new ones."""
    import tempfile

    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.sync.targets import TargetError

    svc = TargetService(ctx, store)
    infos = [svc.get(n) for n in names] if names else svc.list()
    if not infos:
        raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add'.")
    with ctx.read_session() as s:
        seen = set(s.scalars(select(OssImport.package_sha256)))
    out: list[PullResult] = []
    for info in infos:
        target = svc.open(info)
        try:
            files = [n for n in target.list(PREFIX) if n.endswith(SUFFIX)
                     and n.rpartition("/")[2].startswith(PREFIX)]
            for name in sorted(files):
                with tempfile.TemporaryDirectory(prefix="pe-oss-") as tmp:
                    dest = Path(tmp) / "package"
                    try:
                        target.get(name, dest)
                        data = dest.read_bytes()
                        if sha256(data) in seen:
                            continue  # imported before: pulling again changes nothing
                        res = import_bytes(ctx, store, data, f"{info.name}:{name}", **kw)
                        out.append(PullResult(info.name, name, res, ""))
                    except TrustNeeded as exc:
                        out.append(PullResult(info.name, name, None, str(exc), "trust", exc))
                    except PackageRejected as exc:
                        out.append(PullResult(info.name, name, None, str(exc), exc.reason))
                    except (PEDesktopError, TargetError) as exc:
                        out.append(PullResult(info.name, name, None, str(exc)))
        except TargetError as exc:
            out.append(PullResult(info.name, "", None, str(exc)))
        finally:
            getattr(target, "close", lambda: None)()
    return out
