"""Nothing a PE needs to read is cut off at the default 1200×780 window (issue 16,
defect 15): every page and every tab of it, with the demo's data."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from tests.gui.catalogue import page_keys
from tests.gui.clipping import clipped


@pytest.fixture
def full_demo(ctx):
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(ctx)
    return ctx


def _settle(qtbot, root) -> None:
    """Until the columns under ``root`` are fitted (they fit on a short timer)."""
    from pe_desktop.ui.widgets.column_fit import ColumnFitter

    qtbot.wait(1)
    qtbot.waitUntil(lambda: not any(f.pending for f in root.findChildren(ColumnFitter)),
                    timeout=5000)


def test_no_page_or_tab_cuts_text_at_the_default_window(full_demo, qtbot, make_window):
    window = make_window(full_demo)
    window.resize(1200, 780)
    found: dict[str, list[str]] = {}
    for key in page_keys():
        page = window.navigate(key)
        _settle(qtbot, page)
        tabs_seen = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        found[key] = clipped(page)
        for tabs in tabs_seen:
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                _settle(qtbot, tabs.widget(i))
                found[f"{key} / {tabs.tabText(i).replace('&', '')}"] = clipped(tabs.widget(i))
    found = {k: sorted(set(v)) for k, v in found.items() if v}
    assert found == {}, "\n".join(f"{k}: {p}" for k, v in found.items() for p in v)
