"""A QA bundle carries the PE's audit chain head inside its signed manifest.

Real bundles (age + CMS) built by the PE's app and opened by a real panel
workspace; tampering with the head breaks the signature.
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from datetime import date
from pathlib import Path

import pytest
from clocks import make_clock
from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services import audit
from pe_desktop.services.packages.keys import age_decrypt, age_encrypt, new_signing_key
from pe_desktop.services.packages.package import build_package
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.pull import BundleImporter
from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org
from pe_desktop.services.qa.anchor import read_anchor
from pe_desktop.services.secret_store import SecretStore

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from panel_helpers import make_bundle, make_panel  # noqa: E402


@pytest.fixture
def panel(tmp_path, template_db):
    from pe_desktop.services.context import open_context

    d = tmp_path / "panel"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    c = open_context(d, clock=make_clock())
    store = SecretStore.in_memory()
    PanelService(c).init("Test panel", store)
    RoundService(c).create(RoundInput("R1", date(2024, 1, 1), date(2026, 12, 31),
                                      date(2026, 12, 20),
                                      organisations=(parse_org("NCC=Northfield"),)), store)
    yield c, store
    c.close()


@pytest.fixture
def shared(demo_ctx, panel):
    """(PE's store, the queued bundle) for round R1 of ``panel``."""
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.demo import add_past_placements
    from pe_desktop.services.qa.requests import RequestService
    from pe_desktop.services.qa.review import ReviewService

    pctx, _ = panel
    add_past_placements(demo_ctx)
    RequestService(demo_ctx).import_bytes(RoundService(pctx).get("R1").envelope, "file")
    ReviewService(demo_ctx).approve_all("R1")
    store = SecretStore.in_memory()
    return store, BundleService(demo_ctx).queue("R1", store, org_code="NCC")


def _importer(panel):
    pctx, store = panel
    return BundleImporter(pctx, "R1", PanelService(pctx).age_keys(store).identity)


def _rewrite_manifest(zip_bytes: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    members = {n: src.read(n) for n in src.namelist()}
    m = json.loads(members["manifest.json"])
    change(m)
    members["manifest.json"] = (json.dumps(m, ensure_ascii=False, indent=2, sort_keys=True)
                                + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return buf.getvalue()


def test_the_bundle_carries_the_head_before_its_export_event_and_the_panel_keeps_it(
        demo_ctx, panel, shared, tmp_path):
    from pe_desktop.storage.models import QaReceivedBundle

    store, res = shared
    head = res.manifest["audit_chain_head"]
    events = audit.list_events(demo_ctx)
    export = events[-1]
    # like signed PDFs: the head before the export event, which records the file's hash
    assert (export.action, export.record_type, export.state_hash) == (
        "export", "qa-bundle", res.sha256)
    assert export.record_uid.startswith("qa-request:")
    anchored = next(e for e in events if e.hash == head)
    assert anchored.seq == export.seq - 2 and events[-2].record_type == "qa_bundles"
    assert audit.verify(demo_ctx, head)[1] is None

    anchor = read_anchor(demo_ctx, store, res.package.data, "b.age")  # the PE opens its copy
    assert (anchor.round_id, anchor.head, anchor.fingerprint) == (
        "R1", head, res.key_fingerprint)
    anchor_zip = read_anchor(demo_ctx, store, res.package.zip_bytes, "b.zip")
    assert anchor_zip.head == head

    # pushed to a shared folder: a share event, and the copy there is the anchor
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.services.qa.transfer import push

    folder = tmp_path / "shared"
    folder.mkdir()
    TargetService(demo_ctx, store).add_folder("partnership", folder)
    assert push(demo_ctx, store).ok
    share = audit.list_events(demo_ctx)[-1]
    assert (share.action, share.record_type, share.record_uid, share.state_hash) == (
        "share", "qa-bundle", "qa-round:R1", res.sha256)
    (copy,) = folder.iterdir()
    assert read_anchor(demo_ctx, store, copy.read_bytes(), copy.name).head == head
    assert audit.verify(demo_ctx, head)[1] is None

    out = _importer(panel).import_bytes(copy.read_bytes(), "pe")
    assert out.status == "imported", out.line()
    with panel[0].read_session() as s:
        stored = json.loads(s.scalars(select(QaReceivedBundle.manifest)).one())
    assert stored["audit_chain_head"] == head

    # events removed from the anchored one on: still a chain on its own, not the one shared
    from sqlalchemy import text

    with demo_ctx.session() as s:
        s.execute(text("DROP TRIGGER audit_events_no_delete"))
        s.execute(text("DELETE FROM audit_events WHERE seq >= :q"), {"q": anchored.seq})
    assert audit.verify(demo_ctx)[1] is None
    problem = audit.verify(demo_ctx, head)[1]
    assert problem is not None and "not in this chain" in problem.message


def test_a_changed_head_breaks_the_signature_for_the_panel_and_for_audit_verify(
        demo_ctx, panel, shared):
    pctx, pstore = panel
    store, res = shared
    panel_identity = PanelService(pctx).age_keys(pstore).identity
    zip_bytes = age_decrypt(res.package.data, panel_identity)
    forged_zip = _rewrite_manifest(zip_bytes, lambda m: m.update(audit_chain_head="f" * 64))
    recipients = [PanelService(pctx).info().age_recipient,
                  res.manifest["contributor"]["age_recipient"]]
    forged = age_encrypt(forged_zip, recipients)
    out = _importer(panel).import_bytes(forged, "forged")
    assert (out.status, out.reason) == ("rejected", "bad-signature")
    with pytest.raises(PEDesktopError, match=r"^f\.age is not intact \(bad-signature\)"):
        read_anchor(demo_ctx, store, forged, "f.age")

    # re-signed with another key: the signature holds, but it is not this PE's key
    m = {k: v for k, v in res.manifest.items() if k not in ("files", "package")}
    m["audit_chain_head"] = "e" * 64
    files = {f["path"]: zipfile.ZipFile(io.BytesIO(zip_bytes)).read(f["path"])
             for f in res.manifest["files"]}
    other = new_signing_key(res.pseudonym, demo_ctx.now(), "PE Desktop QA contributor")
    resigned = build_package(m, files, other, recipients).data
    with pytest.raises(PEDesktopError, match="not signed by your key for round 'R1'"):
        read_anchor(demo_ctx, store, resigned, "r.age")
    with pytest.raises(PEDesktopError, match="neither a QA bundle"):
        read_anchor(demo_ctx, store, b"%PDF-1.7", "x.pdf")


def test_a_bundle_without_a_head_still_imports_and_a_malformed_one_is_refused(ctx):
    store, info = make_panel(ctx)
    identity = PanelService(ctx).age_keys(store).identity
    old, _ = make_bundle(ctx, info)  # as PE Desktop wrote bundles before the anchor
    out = BundleImporter(ctx, "R1", identity).import_bytes(old, "old")
    assert out.status == "imported", out.line()
    bad, _ = make_bundle(ctx, info, pseudonym="PE-TESTBBBB", codes=("ZZ12-ZZ34",),
                         extra={"audit_chain_head": "not a hash"})
    out = BundleImporter(ctx, "R1", identity).import_bytes(bad, "bad")
    assert (out.status, out.reason) == ("rejected", "bad-format")
