"""One bundle per PE per round (schema ``pe-desktop/qa-bundle`` version 1).

``manifest.json`` carries the round, a random pseudonym for the PE, the
organisation code the PE chose from the request's list, how many reports were
eligible and how many each rule selected, and per item its return code, facts
and file hashes; ``items/<code>.json`` is the approved anonymised report
(byte for byte what the PE approved) and ``items/<code>.pdf`` its rendering.
The manifest is signed with a pseudonymous key made for this round (not the
PE's named certificate) and the zip is encrypted with age to the panel and to
the PE's own age key for the round, so the PE's app can open the copy that
left (``pe-desktop audit verify --bundle FILE``).

The manifest carries ``audit_chain_head``: the hash of the newest event of
the PE's audit trail when the bundle was built, covered by the signature, so
the trail has an anchor outside the laptop. As with signed PDFs the head is
taken *before* the bundle's own ``export`` event, which then records the
bundle's SHA-256 (the event cannot be inside what it hashes).
"""

from __future__ import annotations

import json
import secrets
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.qa.sampling import ALWAYS_RULES
from pe_desktop.export.files import write_private_file
from pe_desktop.services.audit import chain_head
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.keys import SigningKey, new_signing_key
from pe_desktop.services.packages.package import BuiltPackage, build_package, sha256
from pe_desktop.services.qa.key_store import (
    contributor_age,
    contributor_signing_name,
    load_signing_key,
    save_signing_key,
)
from pe_desktop.services.qa.requests import RequestRow, RequestService
from pe_desktop.services.qa.review import CODE_ALPHABET, ReviewService
from pe_desktop.services.qa.sample import Selection, selection
from pe_desktop.services.qa.transfer import enqueue
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage import audit_log
from pe_desktop.storage.models import QaApproval, QaBundle, QaRequest

SCHEMA = "pe-desktop/qa-bundle"
SCHEMA_VERSION = 1


def bundle_name(round_id: str) -> str:
    """Base name in the outbox (which adds the content hash)."""
    return f"qa-bundle-{round_id}.age"


@dataclass(frozen=True)
class BundleItem:
    return_code: str
    report_uid: str
    sha256: str  # of the approved JSON
    counts: dict[str, int]


@dataclass(frozen=True)
class BundleResult:
    round_id: str
    sha256: str  # of the encrypted file
    size: int
    outbox_name: str
    pseudonym: str
    key_fingerprint: str
    counts: dict[str, int]  # eligible, selected, per rule
    items: tuple[BundleItem, ...]
    manifest: dict[str, Any]
    package: BuiltPackage


def new_pseudonym() -> str:
    return "PE-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


class BundleService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def _org_code(self, req: RequestRow, org_code: str | None) -> str:
        codes = [o.code for o in req.request.organisations]
        code = (org_code if org_code is not None else req.org_code).strip().upper()
        if not codes:
            return ""
        if not code and len(codes) == 1:
            code = codes[0]
        if code not in codes:
            raise PEDesktopError("Choose your organisation's code from the panel's list: "
                                 + ", ".join(codes))
        return code

    def _approved(self, req: RequestRow, sel: Selection) -> list[tuple[Any, QaApproval]]:
        review = ReviewService(self.ctx)
        missing = [r for r in sel.selected
                   if not ((a := review.approval(req, r)) and a.current)]
        if missing:
            raise PEDesktopError(
                f"{len(missing)} of {len(sel.selected)} selected reports are not approved "
                "(or changed since approval): review and approve them first.")
        with self.ctx.read_session() as s:
            rows = {a.report_uid: a for a in s.scalars(
                select(QaApproval).where(QaApproval.request_id == req.id))}
            for a in rows.values():
                s.expunge(a)
        return [(r, rows[r.report_uid]) for r in sel.selected]

    def _key(self, req: RequestRow, store: SecretStore, pseudonym: str) -> SigningKey:
        name = contributor_signing_name(req.uid)
        key = load_signing_key(store, name)
        if key is None:
            key = new_signing_key(pseudonym, self.ctx.now(), "PE Desktop QA contributor")
            save_signing_key(store, name, key)
        return key

    def build(self, round_id: str, store: SecretStore, *, org_code: str | None = None
              ) -> BundleResult:
        """Build the encrypted bundle from approved items only (not yet queued)."""
        from pe_desktop.export.qa_pdf import render_qa_item

        requests = RequestService(self.ctx)
        req = requests.get(round_id)
        code = self._org_code(req, org_code)
        sel = selection(self.ctx, req)
        approved = self._approved(req, sel)
        with self.ctx.session() as s:
            r = s.get(QaRequest, req.id)
            r.org_code = code
            if not r.pseudonym:
                r.pseudonym = new_pseudonym()
            pseudonym = r.pseudonym
        key = self._key(req, store, pseudonym)
        feedback_to = contributor_age(store, req.uid).recipient
        anchor = chain_head(self.ctx)  # hash only, like PDFs: a count would link rounds
        files: dict[str, bytes] = {}
        entries, items = [], []
        for row, a in approved:
            data = a.approved_json.encode()
            if sha256(data) != a.approved_sha256:  # never bundle what was not approved
                raise PEDesktopError("An approval does not match its record; approve again.")
            item = json.loads(data)
            # undated on purpose: a timestamp is one more detail that could point to a person
            pdf = render_qa_item(item, round_id)
            base = f"items/{a.return_code}"
            files[f"{base}.json"], files[f"{base}.pdf"] = data, pdf
            p = item["placement"]
            entries.append({
                "return_code": a.return_code, "kind": item["kind"], "outcome": item["outcome"],
                "borderline": item["borderline"],
                "placement": "final" if p["kind"].lower().startswith("final") else (
                    "first" if p["kind"].lower().startswith("first") else "other"),
                "route": p["route"], "statutory": p["statutory"],
                "service_area": p["service_area"], "required_days": p["required_days"],
                "days_completed": p["days_completed"],
                "selected_because": list(row.rules) or ["sampled"],
                "files": {"json": {"path": f"{base}.json", "sha256": sha256(data)},
                          "pdf": {"path": f"{base}.pdf", "sha256": sha256(pdf)}},
            })
            items.append(BundleItem(a.return_code, row.report_uid, a.approved_sha256,
                                    item.get("redactions", {})))
        counts = sel.counts()
        manifest = {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
            "round_id": req.round_id, "panel_id": req.panel_id,
            "request_sha256": sha256(req.payload_bytes),
            "contributor": {"pseudonym": pseudonym, "organisation_code": code,
                            "age_recipient": feedback_to},
            "created": self.ctx.today().isoformat(),
            "eligible": counts["eligible"],
            "selected": {"total": counts["selected"], "sampled": counts["sampled"],
                         **{rule: counts.get(rule, 0) for rule in ALWAYS_RULES}},
            "items": entries,
            "audit_chain_head": anchor,
        }
        built = build_package(manifest, files, key, [req.request.age_recipient, feedback_to])
        return BundleResult(round_id, built.sha256, len(built.data), "", pseudonym,
                            key.fingerprint, counts, tuple(items), built.manifest, built)

    def queue(self, round_id: str, store: SecretStore, *, org_code: str | None = None,
              copy_to: Path | None = None) -> BundleResult:
        """Build, put in the outbox and record it; optionally write a copy."""
        res = self.build(round_id, store, org_code=org_code)
        if copy_to is not None:
            write_private_file(Path(copy_to), res.package.data)
        with tempfile.TemporaryDirectory(prefix="pe-qa-") as tmp:
            path = write_private_file(Path(tmp) / bundle_name(round_id), res.package.data)
            item = enqueue(self.ctx, bundle_name(round_id), path,
                           {"kind": "bundle", "round_id": round_id,
                            "items": len(res.items)})
        req = RequestService(self.ctx).get(round_id)
        with self.ctx.session() as s:
            s.add(QaBundle(request_id=req.id, name=item.name, sha256=res.sha256,
                           size=res.size, items=len(res.items),
                           key_fingerprint=res.key_fingerprint))
            s.flush()
            audit_log.append(s, [audit_log.PendingEvent(
                audit_log.EXPORT, "qa-bundle", f"qa-request:{req.uid}", res.sha256)])
        return BundleResult(res.round_id, res.sha256, res.size, item.name, res.pseudonym,
                            res.key_fingerprint, res.counts, res.items, res.manifest,
                            res.package)

    def bundles(self, request_id: int) -> list[QaBundle]:
        with self.ctx.read_session() as s:
            rows = s.scalars(select(QaBundle).where(QaBundle.request_id == request_id)
                             .order_by(QaBundle.id)).all()
            for r in rows:
                s.expunge(r)
            return list(rows)
