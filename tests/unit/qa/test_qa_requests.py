"""Sample requests: verified, pinned, refused with a reason; selection and approvals."""

from __future__ import annotations

import base64
import json
import shutil
from datetime import date

import pytest
from clocks import make_clock

from pe_desktop.services.packages.keys import new_signing_key
from pe_desktop.services.packages.signed_document import sign_document
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org
from pe_desktop.services.qa.requests import RequestRefused, RequestService
from pe_desktop.services.secret_store import SecretStore


@pytest.fixture
def store():
    return SecretStore.in_memory()


@pytest.fixture
def panel(tmp_path, template_db, store):
    from pe_desktop.services.context import open_context

    d = tmp_path / "panel"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    c = open_context(d, clock=make_clock())
    PanelService(c).init("Test panel", store)
    yield c
    c.close()


def make_request(panel, store, round_id="R1", **kw) -> bytes:
    data = RoundInput(round_id, date(2024, 1, 1), date(2026, 12, 31), date(2026, 12, 20),
                      organisations=(parse_org("NCC=Northfield"),), **kw)
    return RoundService(panel).create(data, store).envelope


def test_import_verifies_and_is_idempotent(ctx, panel, store):
    data = make_request(panel, store)
    svc = RequestService(ctx)
    first = svc.import_bytes(data, "file")
    assert first.new and first.row.panel_fingerprint == PanelService(panel).info()\
        .signing_fingerprint
    assert not svc.import_bytes(data, "again").new
    assert [r.round_id for r in svc.list()] == ["R1"]


def test_altered_forged_and_swapped_requests_are_refused(ctx, panel, store):
    svc = RequestService(ctx)
    env = json.loads(make_request(panel, store))
    payload = json.loads(base64.b64decode(env["payload"]))

    altered = dict(env, payload=base64.b64encode(
        json.dumps(dict(payload, rate_percent=100)).encode()).decode())
    with pytest.raises(RequestRefused) as e:
        svc.import_bytes(json.dumps(altered).encode(), "x")
    assert e.value.reason == "bad-signature" and "altered" in str(e.value)

    # a forger signs with their own key but names the panel's key
    forger = new_signing_key("Forger", make_clock().now(), "x")
    with pytest.raises(RequestRefused) as e:
        svc.import_bytes(sign_document(payload, forger), "x")
    assert e.value.reason == "untrusted-signer"

    # a forger names their own key: accepted only if the panel was never seen before
    svc.import_bytes(json.dumps(env).encode(), "genuine")
    forged = dict(payload, round_id="R2", panel=dict(payload["panel"],
                                                     signing_cert=forger.cert_pem))
    with pytest.raises(RequestRefused) as e:
        svc.import_bytes(sign_document(forged, forger), "x")
    assert e.value.reason == "untrusted-signer" and "different key" in str(e.value)
    assert [r.round_id for r in svc.list()] == ["R1"]


def test_a_changed_request_for_the_same_round_is_refused(ctx, panel, store):
    svc = RequestService(ctx)
    svc.import_bytes(make_request(panel, store), "file")
    key = PanelService(panel).signing_key(store)
    env = json.loads(make_request(panel, store, round_id="R9"))
    payload = json.loads(base64.b64decode(env["payload"]))
    payload["round_id"] = "R1"  # same round, new salt: would let someone re-roll the draw
    with pytest.raises(RequestRefused) as e:
        svc.import_bytes(sign_document(payload, key), "x")
    assert e.value.reason == "conflict"


def test_selection_review_and_approval(demo_ctx, panel, store):
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.demo import add_past_placements
    from pe_desktop.services.qa.review import ReviewService

    add_past_placements(demo_ctx)
    RequestService(demo_ctx).import_bytes(make_request(panel, store, rate_percent="1"), "f")
    review = ReviewService(demo_ctx)
    sel = review.selection("R1")
    c = sel.counts()
    assert c["eligible"] == 20 and c["epr_fail"] == 1 and c["borderline"] == 1 \
        and c["midway_concerns"] == 1
    assert all(r.reason for r in sel.rows)
    fail = next(r for r in sel.selected if r.outcome == "fail")
    p = review.preview("R1", fail.report_uid)
    assert not p.approved and "Renée" not in p.item.json_bytes.decode()
    assert p.item.counts()["person"] > 0
    with pytest.raises(Exception, match="not approved"):
        BundleService(demo_ctx).build("R1", store)
    approval, item = review.approve("R1", fail.report_uid, p.item.sha256)
    assert approval.current and approval.sha256 == item.sha256
    # redacting a word withdraws the approvals it changes, and only those
    withdrawn = review.add_redaction("R1", "autonomy")
    assert withdrawn == [fail.report_uid]
    again = review.preview("R1", fail.report_uid)
    assert "autonomy" not in again.item.json_bytes.decode() and not again.approved
    review.remove_redaction("R1", "autonomy")
    assert "autonomy" in review.preview("R1", fail.report_uid).item.json_bytes.decode()
