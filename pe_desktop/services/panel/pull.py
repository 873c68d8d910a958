"""``panel pull``: fetch a round's bundles from the targets, verify, import.

For every ``qa-bundle-<round>-<sha256>.age`` on a target, in order: the file
matches the hash in its name (else ``truncated``); it decrypts with the
panel's age identity and passes the package checks (signature, hashes); the
manifest is a QA bundle for this panel, this round and this request
(``foreign``, ``wrong-round``); its signer is the pseudonym's key, and the key
is new to the round (enrolled pending the chair's confirmation) or the one
enrolled for that pseudonym (``untrusted-signer``), and not a key enrolled in
another round (``replayed``). A bundle that fails is copied to
``<data dir>/panel/quarantine/<round>/`` with a JSON note of the reason and
nothing is imported; one that passes is imported in one transaction. The same
manifest is imported once however often it is pulled.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.package import open_package, sha256
from pe_desktop.services.panel.checks import CheckedBundle, check_bundle
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.workspace import quarantine_dir, round_request
from pe_desktop.storage.models import (
    QaEnrolment,
    QaPanelItem,
    QaReceivedBundle,
    QaReview,
)

_HASHED = re.compile(r"-([0-9a-f]{64})\.age$")


@dataclass(frozen=True)
class PullOutcome:
    source: str  # target:name or a file path
    status: str  # imported | duplicate | rejected
    reason: str = ""
    message: str = ""
    items: int = 0
    pseudonym: str = ""
    fingerprint: str = ""
    pending: bool = False  # the sender's key awaits the chair's confirmation

    def line(self) -> str:
        if self.status == "rejected":
            return f"REJECTED {self.source}: {self.reason}: {self.message}"
        if self.status == "duplicate":
            return f"already imported {self.source}"
        extra = (f"; new contributor key {self.fingerprint} awaits confirmation: "
                 f"'panel enrol --round ROUND --confirm {self.fingerprint[:23]}'"
                 if self.pending else "")
        return f"imported {self.source}: {self.items} reports from {self.pseudonym}{extra}"


def bundle_prefix(round_id: str) -> str:
    return f"qa-bundle-{round_id}-"


class BundleImporter:
    def __init__(self, ctx: AppContext, round_id: str, identity: str) -> None:
        self.ctx = ctx
        self.round_id = round_id
        self.identity = identity
        self.req = round_request(ctx, round_id)
        self.panel = PanelService(ctx).require()

    # -- quarantine --------------------------------------------------------------
    def _quarantine(self, data: bytes, source: str, exc: PackageRejected) -> PullOutcome:
        digest = sha256(data)
        folder = quarantine_dir(self.ctx, self.round_id)
        write_private_file(folder / f"{digest}.age", data)
        note = {"source": source, "sha256": digest, "size": len(data), "reason": exc.reason,
                "message": str(exc), "at": self.ctx.now().isoformat(timespec="seconds")}
        write_private_file(folder / f"{digest}.json",
                           (json.dumps(note, indent=2) + "\n").encode())
        return PullOutcome(source, "rejected", exc.reason, str(exc))

    # -- checks ------------------------------------------------------------------
    def _check(self, data: bytes, name: str) -> CheckedBundle:
        m = _HASHED.search(name)
        if m and m.group(1) != sha256(data):
            raise PackageRejected("truncated", "The file does not match the hash in its name: "
                                               "it was cut short or altered in transit.")
        pkg = open_package(data, self.identity)
        return check_bundle(pkg, round_id=self.round_id, panel_id=self.panel.uid,
                            request_sha256=self.req.payload_sha256,
                            org_codes=[o.code for o in self.req.request.organisations])

    def import_bytes(self, data: bytes, source: str, name: str = "") -> PullOutcome:
        try:
            checked = self._check(data, name or source)
            return self._store(checked, data, source)
        except PackageRejected as exc:
            return self._quarantine(data, source, exc)

    def _store(self, b: CheckedBundle, data: bytes, source: str) -> PullOutcome:
        with self.ctx.session() as s:  # one transaction: all of the bundle or nothing
            elsewhere = s.scalars(select(QaEnrolment.round_id).where(
                QaEnrolment.fingerprint == b.fingerprint,
                QaEnrolment.round_id != self.round_id)).first()
            if elsewhere:
                raise PackageRejected("replayed", f"The key that signed it belongs to round "
                                                  f"{elsewhere}: a bundle re-sent into another "
                                                  "round.")
            enrolled = s.scalars(select(QaEnrolment).where(
                QaEnrolment.round_id == self.round_id,
                QaEnrolment.pseudonym == b.pseudonym)).first()
            if enrolled is not None and enrolled.fingerprint != b.fingerprint:
                raise PackageRejected("untrusted-signer", f"{b.pseudonym} is enrolled with "
                                      f"another key ({enrolled.fingerprint[:23]}…).")
            if enrolled is None and s.scalars(select(QaEnrolment).where(
                    QaEnrolment.round_id == self.round_id,
                    QaEnrolment.fingerprint == b.fingerprint)).first():
                raise PackageRejected("untrusted-signer", "This key is enrolled under another "
                                                          "pseudonym.")
            if enrolled is not None and s.scalars(select(QaReceivedBundle.id).where(
                    QaReceivedBundle.round_id == self.round_id,
                    QaReceivedBundle.enrolment_id == enrolled.id,
                    QaReceivedBundle.manifest_sha256 == b.manifest_sha256)).first():
                return PullOutcome(source, "duplicate", pseudonym=b.pseudonym)
            if enrolled is None:
                enrolled = QaEnrolment(round_id=self.round_id, fingerprint=b.fingerprint,
                                       pseudonym=b.pseudonym, org_code=b.org_code,
                                       age_recipient=b.age_recipient, cert_pem=b.cert_pem)
                s.add(enrolled)
                s.flush()
            elif b.age_recipient:
                enrolled.age_recipient = b.age_recipient
            row = QaReceivedBundle(round_id=self.round_id, enrolment_id=enrolled.id,
                                   file_sha256=sha256(data),
                                   manifest_sha256=b.manifest_sha256,
                                   manifest=json.dumps(b.manifest, ensure_ascii=False),
                                   source=source[:300])
            s.add(row)
            s.flush()
            for it in b.items:
                old = s.scalars(select(QaPanelItem).where(
                    QaPanelItem.round_id == self.round_id,
                    QaPanelItem.return_code == it.return_code)).first()
                if old is not None:
                    if old.enrolment_id != enrolled.id:
                        raise PackageRejected("conflict", f"Return code {it.return_code} came "
                                                          "from another contributor.")
                    if old.report_sha256 == it.report_sha256:
                        continue
                    if s.scalars(select(QaReview.id).where(
                            QaReview.round_id == self.round_id,
                            QaReview.return_code == it.return_code)).first():
                        raise PackageRejected("conflict", f"{it.return_code} changed after the "
                                                          "panel reviewed it.")
                    s.delete(old)
                    s.flush()
                s.add(QaPanelItem(round_id=self.round_id, bundle_id=row.id,
                                  enrolment_id=enrolled.id, return_code=it.return_code,
                                  kind=it.kind, outcome=it.outcome, org_code=b.org_code,
                                  selected_because=",".join(it.selected_because),
                                  report_json=it.report_json.decode("utf-8"),
                                  report_sha256=it.report_sha256, report_pdf=it.pdf))
            pending = enrolled.confirmed_at is None
        return PullOutcome(source, "imported", items=len(b.items), pseudonym=b.pseudonym,
                           fingerprint=b.fingerprint, pending=pending)


def pull_round(ctx: AppContext, round_id: str, store, targets: list[str] | None = None,
               files: list[Path] | None = None,
               progress: Callable[[int, int, str], None] | None = None) -> list[PullOutcome]:
    """Pull (or, with ``files``, import) a round's bundles; one outcome per file.

    ``progress(done, total, message)`` is called before each file and may raise to
    cancel: every bundle is imported in its own transaction, so a cancelled pull
    leaves the bundles before it imported and nothing half-imported."""
    report = progress or (lambda done, total, message: None)
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.sync.targets import TargetError

    identity = PanelService(ctx).age_keys(store).identity
    importer = BundleImporter(ctx, round_id, identity)
    out: list[PullOutcome] = []
    for i, path in enumerate(files or []):
        report(i, len(files or []), f"Checking {Path(path).name}")
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        out.append(importer.import_bytes(data, str(path), Path(path).name))
    if files:
        return out
    svc = TargetService(ctx, store)
    infos = [svc.get(n) for n in targets] if targets else svc.list()
    if not infos:
        raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add'.")
    prefix = bundle_prefix(round_id)
    for info in infos:
        report(0, 0, f"Looking on {info.name}")
        target = svc.open(info)
        try:
            names = sorted(n for n in target.list("qa-bundle-")
                           if n.rpartition("/")[2].startswith(prefix) and n.endswith(".age"))
            for i, name in enumerate(names):
                report(i, len(names), f"{info.name}: bundle {i + 1} of {len(names)}")
                with tempfile.TemporaryDirectory(prefix="pe-panel-") as tmp:
                    dest = Path(tmp) / "bundle.age"
                    target.get(name, dest)
                    data = dest.read_bytes()
                out.append(importer.import_bytes(data, f"{info.name}:{name}", name))
        except TargetError as exc:
            raise PEDesktopError(f"{info.name}: {exc}") from exc
        finally:
            getattr(target, "close", lambda: None)()
    return out
