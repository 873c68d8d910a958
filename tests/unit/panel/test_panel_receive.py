"""Receiving bundles: import once, pending enrolment, later bundles must match the key."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from panel_helpers import ROUND, import_confirmed, make_bundle, make_panel  # noqa: E402


def _importer(ctx, store):
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.pull import BundleImporter

    return BundleImporter(ctx, ROUND, PanelService(ctx).age_keys(store).identity)


def test_import_once_then_a_second_key_for_the_same_pseudonym_is_refused(ctx):
    from pe_desktop.services.panel.review import PanelReviewService
    from pe_desktop.services.panel.status import round_status

    store, panel = make_panel(ctx)
    data, key = make_bundle(ctx, panel)
    first = _importer(ctx, store).import_bytes(data, "a")
    assert first.status == "imported" and first.pending and first.items == 2
    item = PanelReviewService(ctx).item(ROUND, "AB12-CD34")
    assert not item.confirmed
    assert _importer(ctx, store).import_bytes(data, "again").status == "duplicate"
    forged, _ = make_bundle(ctx, panel, codes=("ZZ99-ZZ99",))  # same pseudonym, new key
    out = _importer(ctx, store).import_bytes(forged, "b")
    assert (out.status, out.reason) == ("rejected", "untrusted-signer")
    st = round_status(ctx, ROUND)
    assert st.received_items == 2 and st.rejected == 1 and st.outcomes == {"pass": 1, "fail": 1}
    assert st.rules == {"sampled": 1, "epr_fail": 1}


def test_pending_items_cannot_be_reviewed_until_confirmed(ctx):
    import pytest

    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.panel.review import PanelReviewService

    store, panel = make_panel(ctx)
    data, _ = make_bundle(ctx, panel)
    _importer(ctx, store).import_bytes(data, "a")
    svc = PanelReviewService(ctx)
    form = svc.template(ROUND, "AB12-CD34")
    for r in form["ratings"]:
        r["rating"] = "meets"
    with pytest.raises(PEDesktopError, match="not confirmed"):
        svc.enter(ROUND, "AB12-CD34", form, "A")


def test_disagreement_moderation_and_leak(ctx):
    import pytest

    from pe_desktop.domain.errors import ValidationError
    from pe_desktop.services.panel.moderation import ModerationService
    from pe_desktop.services.panel.review import PanelReviewService

    store, panel = make_panel(ctx)
    import_confirmed(ctx, store, panel)
    svc = PanelReviewService(ctx)

    def fill(rating, **extra):
        form = svc.template(ROUND, "AB12-CD34")
        for r in form["ratings"]:
            r["rating"] = rating
        form.update(extra)
        return form

    with pytest.raises(ValidationError, match="not found"):
        svc.enter(ROUND, "AB12-CD34", fill("meets", good_practice=["not in the report"]), "A")
    bad = fill("meets")
    bad["ratings"][0]["rating"] = "excellent"
    with pytest.raises(ValidationError, match="not one of"):
        svc.enter(ROUND, "AB12-CD34", bad, "A")
    svc.enter(ROUND, "AB12-CD34", fill("meets", good_practice=["built trust with a family"]),
              "A")
    svc.enter(ROUND, "AB12-CD34", fill("partly"), "B")
    mod = ModerationService(ctx)
    view = mod.view(ROUND, "AB12-CD34")
    assert view.state == "needs_moderation"  # one step apart on more than three criteria
    svc.enter(ROUND, "AB12-CD34", fill("meets"), "B")
    assert mod.view(ROUND, "AB12-CD34").state == "agreed"
    svc.enter(ROUND, "AB12-CD34", fill("not_met"), "B")
    with pytest.raises(ValidationError, match="reasons"):
        mod.moderate(ROUND, "AB12-CD34", fill("partly"))
    view = mod.moderate(ROUND, "AB12-CD34", fill("partly", reasons="Agreed at the meeting"))
    assert view.state == "moderated" and set(view.ratings.values()) == {"partly"}
    assert view.good_practice == ("built trust with a family",)

    svc.report_leak(ROUND, "EF56-GH78", "domain 2, first sentence")
    item = svc.item(ROUND, "EF56-GH78")
    assert item.state == "leak" and item.report == {} and svc.pdf(ROUND, "EF56-GH78") == b""
    assert mod.view(ROUND, "EF56-GH78").state == "leak"
