"""Dashboard items: a request due soon, then a bundle waiting in the outbox."""

from __future__ import annotations

from datetime import timedelta

from pe_desktop.services.qa.attention import qa_items
from pe_desktop.services.secret_store import SecretStore


def test_request_due_then_bundle_not_delivered(demo_ctx):
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.demo import add_demo_request
    from pe_desktop.services.qa.review import ReviewService

    round_id = add_demo_request(demo_ctx)
    today = demo_ctx.today()
    with demo_ctx.read_session() as s:
        items = qa_items(s, today)
        assert [i.title for i in items] == [f"Peer QA sample — round {round_id}"]
        assert qa_items(s, today - timedelta(days=30)) == []  # not yet due soon
        assert qa_items(s, today + timedelta(days=30))[0].severity.name == "OVERDUE"
    ReviewService(demo_ctx).approve_all(round_id)
    BundleService(demo_ctx).queue(round_id, SecretStore.in_memory(), org_code="NCC")
    with demo_ctx.read_session() as s:
        items = qa_items(s, today)
    assert [i.title for i in items] == [f"QA bundle not yet delivered — round {round_id}"]
