"""Panel members on their own laptops: join a panel, sign and send reviews, merge them.

``panel join`` sets up a member's data directory from the chair's exported age
identity and the round's signed request: the member can then pull and verify
the bundles like the chair, and gets a signing key of their own. ``panel
review export`` writes the member's reviews of a round as a package signed
with that key and encrypted to the panel (``qa-reviews-<round>-<member>.age``
on the target); the chair pins each member's key fingerprint (``panel member
add``) and ``panel review import`` accepts only files signed by a pinned key.
"""

from __future__ import annotations

import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.domain.qa.request import parse_request
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import (
    SigningKey,
    new_signing_key,
    parse_identity_file,
)
from pe_desktop.services.packages.package import build_package, open_package
from pe_desktop.services.packages.signed_document import read_document
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.review import (
    PanelReviewService,
    member_name,
    set_member_name,
)
from pe_desktop.services.qa.key_store import (
    load_signing_key,
    panel_age_name,
    save_signing_key,
)
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import QaPanel, QaPanelMember, QaPanelRound, QaReview

REVIEWS_SCHEMA = "pe-desktop/qa-reviews"


def member_key_name(panel_uid: str) -> str:
    return f"qa-panel-member:{panel_uid}"


def reviews_name(round_id: str, member: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", member).strip("-")[:40] or "member"
    return f"qa-reviews-{round_id}-{slug}.age"


@dataclass(frozen=True)
class ImportedReviews:
    source: str
    member: str
    count: int
    error: str = ""


class MemberService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def member_key(self, store: SecretStore) -> SigningKey:
        """This data directory's member signing key (made on first use)."""
        info = PanelService(self.ctx).require()
        key = load_signing_key(store, member_key_name(info.uid))
        if key is None:
            key = new_signing_key(member_name(self.ctx), self.ctx.now(),
                                  "PE Desktop QA panel member")
            save_signing_key(store, member_key_name(info.uid), key)
        return key

    def join(self, identity_file: Path, request_file: Path, name: str,
             store: SecretStore) -> SigningKey:
        """Set this data directory up as a member of the request's panel."""
        name = name.strip()
        if not name or len(name) > 200:
            raise ValidationError({"name": "Give your name as a panel member"}, record="Panel")
        if PanelService(self.ctx).info() is not None:
            raise ValidationError({"panel": "This data directory already has a panel profile"},
                                  record="Panel")
        try:
            pair = parse_identity_file(Path(identity_file).read_text(encoding="utf-8"))
            envelope = Path(request_file).read_bytes()
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {exc.filename}: {exc.strerror}") from exc
        doc = read_document(envelope)
        req = parse_request(doc.payload)
        if doc.signer.fingerprint != _fp(req.signing_cert):
            raise PackageRejected("untrusted-signer", "The request is not signed by the panel "
                                                      "key it names.")
        if pair.recipient != req.age_recipient:
            raise PEDesktopError("This age identity is not the panel's (its recipient differs "
                                 "from the request's).")
        with self.ctx.session() as s:
            s.add(QaPanel(uid=req.panel_id, name=req.panel_name,
                          age_recipient=req.age_recipient, signing_cert_pem=req.signing_cert))
            s.add(QaPanelRound(round_id=req.round_id, envelope=envelope.decode(), due=req.due))
            store.set(panel_age_name(req.panel_id), pair.identity)
        set_member_name(self.ctx, name)
        return self.member_key(store)

    def add_round(self, request_file: Path) -> str:
        """A member adds a later round of the same panel from its signed request."""
        envelope = Path(request_file).read_bytes()
        info = PanelService(self.ctx).require()
        doc = read_document(envelope, expect_fingerprint=info.signing_fingerprint)
        req = parse_request(doc.payload)
        with self.ctx.session() as s:
            if not s.scalars(select(QaPanelRound).where(
                    QaPanelRound.round_id == req.round_id)).first():
                s.add(QaPanelRound(round_id=req.round_id, envelope=envelope.decode(),
                                   due=req.due))
        return req.round_id

    # -- the chair pins members ------------------------------------------------------
    def add_member(self, name: str, fingerprint: str) -> None:
        fp = fingerprint.strip().upper()
        if not re.fullmatch(r"([0-9A-F]{2}:){31}[0-9A-F]{2}", fp):
            raise ValidationError({"fingerprint": "Give the full SHA-256 fingerprint "
                                                  "(AB:CD:… as 'panel join' printed it)"},
                                  record="Panel member")
        with self.ctx.session() as s:
            row = s.scalars(select(QaPanelMember).where(
                QaPanelMember.fingerprint == fp)).first() or QaPanelMember(fingerprint=fp)
            row.name = name.strip()[:200]
            s.add(row)

    def members(self) -> list[tuple[str, str]]:
        with self.ctx.read_session() as s:
            return [(m.name, m.fingerprint) for m in s.scalars(select(QaPanelMember))]

    # -- export and import ---------------------------------------------------------------
    def export_reviews(self, round_id: str, store: SecretStore) -> tuple[str, bytes, int]:
        info = PanelService(self.ctx).require()
        me = member_name(self.ctx)
        from pe_desktop.services.panel.review import row_of

        with self.ctx.read_session() as s:
            rows = [(r.return_code, row_of(r)) for r in s.scalars(select(QaReview).where(
                QaReview.round_id == round_id, QaReview.reviewer == me).order_by(QaReview.id))]
        if not rows:
            raise PEDesktopError(f"{me} has no reviews in round {round_id} to export.")
        body = [{"return_code": code, "criteria_version": r.criteria_version,
                 "ratings": [{"key": k, **v} for k, v in r.ratings.items()],
                 "good_practice": list(r.good_practice), "themes": list(r.themes),
                 "comment": r.comment} for code, r in rows]
        files = {"reviews.json": (json.dumps(body, ensure_ascii=False, indent=2)
                                  + "\n").encode()}
        manifest = {"schema": REVIEWS_SCHEMA, "schema_version": 1, "round_id": round_id,
                    "panel_id": info.uid, "reviewer": me,
                    "created": self.ctx.now().isoformat(timespec="seconds")}
        built = build_package(manifest, files, self.member_key(store), [info.age_recipient])
        return reviews_name(round_id, me), built.data, len(body)

    def import_reviews(self, round_id: str, data: bytes, source: str,
                       store: SecretStore) -> ImportedReviews:
        identity = PanelService(self.ctx).age_keys(store).identity
        pinned = dict((fp, n) for n, fp in self.members())
        try:
            pkg = open_package(data, identity)
            fp = pkg.signer.fingerprint
            if fp not in pinned:
                raise PackageRejected("untrusted-signer", f"signed by a key no member was added "
                                      f"with: 'panel member add --name NAME --fingerprint {fp}'")
            m = pkg.manifest
            if m.get("schema") != REVIEWS_SCHEMA or m.get("round_id") != round_id:
                raise PackageRejected("wrong-round", "not this round's reviews")
            body = json.loads(pkg.files["reviews.json"].decode("utf-8"))
        except PackageRejected as exc:
            return ImportedReviews(source, "", 0, f"{exc.reason}: {exc}")
        except (KeyError, ValueError) as exc:
            return ImportedReviews(source, "", 0, f"bad-format: {exc}")
        svc = PanelReviewService(self.ctx)
        count = 0
        for entry in body:
            try:
                svc.enter(round_id, entry["return_code"], entry, reviewer=pinned[fp],
                          signed_by=fp)
                count += 1
            except PEDesktopError as exc:
                return ImportedReviews(source, pinned[fp], count, f"{entry.get('return_code')}: "
                                                                  f"{exc}")
        return ImportedReviews(source, pinned[fp], count)

    def pull_reviews(self, round_id: str, store: SecretStore,
                     files: list[Path] | None = None) -> list[ImportedReviews]:
        from pe_desktop.services.qa.targets import TargetService

        if files:
            return [self.import_reviews(round_id, Path(f).read_bytes(), str(f), store)
                    for f in files]
        svc = TargetService(self.ctx, store)
        out = []
        for info in svc.list():
            target = svc.open(info)
            try:
                for name in sorted(target.list(f"qa-reviews-{round_id}-")):
                    with tempfile.TemporaryDirectory(prefix="pe-panel-") as tmp:
                        dest = target.get(name, Path(tmp) / "r.age")
                        out.append(self.import_reviews(round_id, dest.read_bytes(),
                                                       f"{info.name}:{name}", store))
            finally:
                getattr(target, "close", lambda: None)()
        return out

    def write_export(self, round_id: str, store: SecretStore, out: Path | None,
                     target: str | None):
        name, data, count = self.export_reviews(round_id, store)
        if out is not None:
            write_private_file(out, data)
        if target:
            from pe_desktop.services.qa.transfer import enqueue, push

            with tempfile.TemporaryDirectory(prefix="pe-panel-") as tmp:
                path = write_private_file(Path(tmp) / name, data)
                enqueue(self.ctx, name, path, {"kind": "reviews", "round_id": round_id,
                                               "targets": [target]})
            report = push(self.ctx, store, [target])
            if not report.ok:
                raise PEDesktopError("The reviews are queued; run 'pe-desktop qa push' to "
                                     "retry.")
        return name, count


def _fp(cert_pem: str) -> str:
    from pe_desktop.services.packages.keys import cert_fingerprint

    return cert_fingerprint(cert_pem)
