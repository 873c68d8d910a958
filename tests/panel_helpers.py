"""A panel data directory with a round and a bundle from a synthetic contributor.

The reports are small hand-made ``pe-desktop/qa-report`` objects (already
anonymised), so unit and GUI tests of the panel need no PE demo database.
"""

from __future__ import annotations

import json
from datetime import date

from pe_desktop.services.packages.keys import new_signing_key
from pe_desktop.services.packages.package import build_package, sha256
from pe_desktop.services.secret_store import SecretStore

ROUND = "R1"
TEXT = ("[Student] built trust with a family by explaining each step of the assessment "
        "and checking what mattered to them before the visit ended.")


def report(code: str, kind: str = "final", outcome: str = "pass") -> dict:
    return {"schema": "pe-desktop/qa-report", "schema_version": 1, "return_code": code,
            "kind": kind, "title": "Final report" if kind == "final" else "Midway report",
            "outcome": outcome, "placement": {"kind": "Final placement"},
            "domains": [{"key": "values", "number": 2, "title": "Values and ethics",
                         "text": TEXT}],
            "summary": "Holistic: [Student] meets the final placement level.",
            "action_plan": None}


def make_bundle(ctx, panel, *, codes=("AB12-CD34", "EF56-GH78"), org="NCC",
                pseudonym="PE-TESTAAAA", key=None, round_id=ROUND, recipient=None,
                extra=None):
    from pe_desktop.services.packages.keys import AgeKeyPair
    from pe_desktop.services.panel.workspace import round_request

    req = round_request(ctx, round_id)
    key = key or new_signing_key(pseudonym, ctx.now(), "PE Desktop QA contributor")
    files, items = {}, []
    for i, code in enumerate(codes):
        data = (json.dumps(report(code, outcome="fail" if i else "pass"), indent=2,
                           sort_keys=True) + "\n").encode()
        pdf = b"%PDF-1.4 fake " + code.encode()
        files[f"items/{code}.json"], files[f"items/{code}.pdf"] = data, pdf
        items.append({"return_code": code, "kind": "final", "outcome": "fail" if i else "pass",
                      "selected_because": ["epr_fail"] if i else ["sampled"],
                      "files": {"json": {"path": f"items/{code}.json", "sha256": sha256(data)},
                                "pdf": {"path": f"items/{code}.pdf", "sha256": sha256(pdf)}}})
    manifest = {"schema": "pe-desktop/qa-bundle", "schema_version": 1, "round_id": round_id,
                "panel_id": panel.uid, "request_sha256": req.payload_sha256,
                "contributor": {"pseudonym": pseudonym, "organisation_code": org,
                                "age_recipient": recipient or AgeKeyPair.generate().recipient},
                "created": "2026-11-20", "eligible": 10,
                "selected": {"total": len(codes), "sampled": 1, "epr_fail": len(codes) - 1,
                             "borderline": 0, "midway_concerns": 0},
                "items": items, **(extra or {})}
    return build_package(manifest, files, key, [panel.age_recipient]).data, key


def make_panel(ctx):
    """(store, panel info) with round R1 created."""
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, parse_org

    store = SecretStore.in_memory()
    panel = PanelService(ctx).init("Test panel", store)
    RoundService(ctx).create(RoundInput(ROUND, date(2026, 1, 1), date(2026, 11, 30),
                                        date(2026, 12, 15),
                                        organisations=(parse_org("NCC=Northfield"),)), store)
    return store, panel


def import_confirmed(ctx, store, panel, **kw):
    from pe_desktop.services.panel.enrol import EnrolmentService
    from pe_desktop.services.panel.pull import BundleImporter

    data, key = make_bundle(ctx, panel, **kw)
    identity = __import__("pe_desktop.services.panel.profile", fromlist=["x"]) \
        .PanelService(ctx).age_keys(store).identity
    out = BundleImporter(ctx, kw.get("round_id", ROUND), identity).import_bytes(data, "test")
    EnrolmentService(ctx).confirm(kw.get("round_id", ROUND), key.fingerprint)
    return out, data, key
