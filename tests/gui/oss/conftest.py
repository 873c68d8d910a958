"""Two sides of OSS mode for GUI tests: the PE's context and an OSS data directory."""

from __future__ import annotations

import shutil

import pytest
from clocks import make_clock
from evidence_helpers import make_placement

from pe_desktop.services.secret_store import SecretStore


@pytest.fixture
def two_sides(ctx, tmp_path, template_db, monkeypatch, sync_background):
    from pe_desktop.services.context import open_context
    from pe_desktop.services.oss.invitation import issue
    from pe_desktop.ui.signing import SigningSupport

    stores = {"pe": SecretStore.in_memory(), "oss": SecretStore.in_memory()}
    current = {"side": "oss"}
    monkeypatch.setattr(SigningSupport, "store_factory",
                        staticmethod(lambda: stores[current["side"]]))
    pid = make_placement(ctx)
    issue(ctx, stores["pe"], pid, tmp_path / "i.peinvite")
    d = tmp_path / "oss"
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    oss = open_context(d, clock=make_clock())
    yield ctx, oss, pid, current, tmp_path
    oss.close()
