"""A panel publishes its request to a shared folder; the PE's app pulls it from there."""

from __future__ import annotations

import shutil
from datetime import date

from clocks import make_clock

from pe_desktop.services.secret_store import SecretStore


def test_publish_then_pull_and_a_tampered_file_is_listed_as_refused(ctx, tmp_path,
                                                                    template_db):
    from pe_desktop.services.context import open_context
    from pe_desktop.services.panel.profile import PanelService
    from pe_desktop.services.panel.rounds import RoundInput, RoundService, publish
    from pe_desktop.services.qa.requests import RequestService, pull
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.services.qa.transfer import shares

    shared = tmp_path / "OneDrive - Partnership QA"
    shared.mkdir()
    pdir = tmp_path / "panel"
    pdir.mkdir(mode=0o700)
    shutil.copy2(template_db, pdir / template_db.name)
    panel = open_context(pdir, clock=make_clock())
    store = SecretStore.in_memory()
    PanelService(panel).init("Shared-folder panel", store)
    RoundService(panel).create(RoundInput("F1", date(2026, 1, 1), date(2026, 12, 31),
                                          date(2026, 12, 24)), store)
    TargetService(panel, store).add_folder("partnership", shared)
    report = publish(panel, "F1", "partnership", store)
    assert report.ok and RoundService(panel).get("F1").published_target == "partnership"
    assert [s.what for s in shares(panel)] == ["request"]
    panel.close()
    files = sorted(p.name for p in shared.iterdir())
    assert len(files) == 1 and files[0].startswith("qa-request-F1-")
    forged = shared / "qa-request-F9-0000.json"
    forged.write_bytes((shared / files[0]).read_bytes().replace(b'"payload": "', b'"payload": "e'))

    TargetService(ctx, store).add_folder("partnership", shared)
    results = pull(ctx, store)
    assert {r.name: (r.new, bool(r.error)) for r in results} == {
        files[0]: (True, False), forged.name: (False, True)}
    assert "refused" in next(r.error for r in results if r.error)
    assert [r.round_id for r in RequestService(ctx).list()] == ["F1"]
    assert not any(r.new for r in pull(ctx, store))  # pulling again changes nothing
