"""Students & placements as a new PE meets them (issue 16)."""

from __future__ import annotations

from pe_desktop.services.placements.service import PlacementService
from pe_desktop.storage.models import Placement
from pe_desktop.ui.placements.overview import OverviewTab


def test_placement_notes_are_shown_whole(students_page, demo_ctx, qtbot):
    """Defect 6: the notes wrapped to one word ("Learning")."""
    page = students_page
    page.window().resize(1200, 780)
    p = next(r for r in PlacementService(demo_ctx).list() if r.status == "active")
    with demo_ctx.session() as s:
        s.get(Placement, p.id).notes = "Learning agreement meeting booked."
    page.refresh()
    page.open_placement(p.id)
    qtbot.waitUntil(lambda: "booked" in page.panel.findChild(OverviewTab).fields["notes"].text())
    lab = page.panel.findChild(OverviewTab).fields["notes"]
    qtbot.wait(50)
    assert lab.height() >= lab.heightForWidth(lab.width())  # every line has room
    assert lab.width() >= lab.fontMetrics().horizontalAdvance("Learning agreement")
