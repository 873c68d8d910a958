"""Nothing clipped at the default 1200×780 window (issue 16, defect 15)."""

from __future__ import annotations


def test_coverage_matrix_and_picker_show_whole_text(make_window, ctx, qtbot):
    from pe_desktop.services.demo import create_demo_data

    create_demo_data(ctx)
    window = make_window(ctx)
    window.resize(1200, 780)
    page = window.navigate("evidence")
    qtbot.wait(50)
    from pe_desktop.ui.evidence.coverage_matrix import CoverageMatrixWidget

    table = page.findChild(CoverageMatrixWidget).table
    header = table.horizontalHeader()
    last = table.columnCount() - 1
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= \
        table.viewport().width() + 1  # the Gaps column is in view
    longest = max((table.item(r, 0).text() for r in range(table.rowCount())), key=len)
    assert table.columnWidth(0) >= table.fontMetrics().horizontalAdvance(longest)
    picker = page.picker
    text = picker.currentText()
    assert picker.width() >= picker.fontMetrics().horizontalAdvance(text) + 20
