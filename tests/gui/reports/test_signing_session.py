"""The GUI's secret store lives while the PE signs and is forgotten when idle."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget

from pe_desktop.services.secret_store import SecretStore, SecretStoreError
from pe_desktop.ui.signing import SigningSupport


def test_store_is_reused_then_forgotten_after_idle(ctx, qtbot, monkeypatch):
    made: list[SecretStore] = []

    def factory() -> SecretStore:
        store = SecretStore.in_memory()
        store.set("k", "v")
        made.append(store)
        return store

    monkeypatch.setattr(SigningSupport, "store_factory", staticmethod(factory))
    monkeypatch.setattr(SigningSupport, "IDLE_MS", 50)
    parent = QWidget()
    qtbot.addWidget(parent)
    support = SigningSupport(ctx, parent)
    first = support.store()
    assert support.store() is first and len(made) == 1
    qtbot.waitUntil(lambda: support._store is None, timeout=2000)
    with pytest.raises(SecretStoreError, match="closed"):
        first.get("k")
    assert support.store() is not first and len(made) == 2


def test_idle_keeps_the_store_unlocked_at_start_up(ctx, qtbot, monkeypatch):
    """The store that opened the data at start-up lives for the session: going idle
    drops only the signing page's reference to it."""
    session = SecretStore.in_memory()
    session.set("k", "v")
    monkeypatch.setattr(ctx, "store", session)
    monkeypatch.setattr(SigningSupport, "IDLE_MS", 50)
    parent = QWidget()
    qtbot.addWidget(parent)
    support = SigningSupport(ctx, parent)
    assert support.store() is session
    qtbot.waitUntil(lambda: support._store is None, timeout=2000)
    assert session.get("k") == "v"
    assert support.store() is session
