"""The Evidence page's nine-domain progress picture (issue 16, progress at a glance)."""

from __future__ import annotations

from PySide6.QtGui import QColor

from pe_desktop.domain.progress import Standing
from pe_desktop.services.evidence.coverage import CoverageService
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.ui.evidence.page import EvidencePage
from pe_desktop.ui.evidence.progress_chart import ACCENT, BEHIND_BG


def _count(image, colour: QColor, x0: int, x1: int) -> int:
    return sum(1 for x in range(x0, x1) for y in range(image.height())
               if image.pixelColor(x, y) == colour)


def test_progress_tab_draws_each_domain_against_what_is_expected(qtbot, demo_ctx, sync_background):
    svc = CoverageService(demo_ctx)
    pid = max((p.id for p in PlacementService(demo_ctx).list()),
              key=lambda p: sum(d.count for d in svc.matrix(p).progress.domains))
    expected = svc.matrix(pid).progress
    page = EvidencePage(demo_ctx)
    qtbot.addWidget(page)
    page.resize(1366 - 210, 700)
    page.show()
    page.refresh()
    page.open_placement(pid)
    page.tabs.setCurrentWidget(page.progress_area)
    chart = page.progress_chart
    assert chart.progress == expected and len(chart.progress.domains) == 9
    behind = expected.behind()
    title = page.tabs.tabText(page.tabs.indexOf(page.progress_area))
    assert title == (f"Pro&gress ({len(behind)} behind)" if behind else "Pro&gress")
    # what a screen reader hears, and each row's tooltip
    assert chart.accessibleDescription().startswith(expected.headline())
    for i, d in enumerate(expected.domains):
        assert chart.row_at(chart.HEAD + i * chart.ROW + chart.ROW / 2) == d
        assert d.summary() in chart.accessibleDescription()
    # the whole picture fits the width a 1366-pixel window leaves, without a scroll bar
    assert chart.minimumSizeHint().width() <= page.progress_area.viewport().width()
    assert chart.width() <= page.progress_area.viewport().width()
    image = chart.grab().toImage()
    _, left, right, _ = chart._columns()
    assert _count(image, ACCENT, int(left), int(right)) > 200  # the evidence lines
    tinted = _count(image, BEHIND_BG, 0, 20)
    assert (tinted > 0) == any(d.standing == Standing.BEHIND for d in expected.domains)


def test_no_placement_shows_an_empty_picture(qtbot, ctx, sync_background):
    page = EvidencePage(ctx)
    qtbot.addWidget(page)
    page.refresh()
    assert page.progress_chart.progress is None
    assert page.progress_chart.accessibleDescription() == ""
