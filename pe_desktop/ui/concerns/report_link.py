"""The Reports page's side of "progress raising concerns": save the draft, then
open a new concern for the midway report, link an existing one, or show the linked one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog

from pe_desktop.services.concerns.service import ConcernService
from pe_desktop.ui.concerns.tab import open_concern_dialog
from pe_desktop.ui.widgets.messages import show_error

if TYPE_CHECKING:
    from pe_desktop.ui.reports.page import ReportsPage


def handle(page: ReportsPage, what: str) -> None:
    view = page.view
    if view is None or not page.save(sync=True):
        return
    service = ConcernService(page.ctx)
    try:
        if what == "show" and view.linked_concern_id is not None:
            concern = service.get(view.linked_concern_id)
            open_concern_dialog(page.ctx, view.placement_id, concern, page)
        elif what == "open":
            open_concern_dialog(page.ctx, view.placement_id, None, page, link_midway=True)
        elif what == "link":
            concerns = [c for c in service.list(view.placement_id) if c.report_id is None]
            if not concerns:
                page.status.setText("This placement has no other concern to link: open a "
                                    "new one.")
                return
            names = [f"{c.raised_on:%d/%m/%Y} — {c.description.strip()[:60]}" for c in concerns]
            choice, ok = QInputDialog.getItem(page, "Link a concern",
                                              "The concern this midway report records:",
                                              names, 0, False)
            if not ok:
                return
            service.link_midway(concerns[names.index(choice)].id)
    except Exception as exc:  # noqa: BLE001 - shown to the user
        show_error(page, exc)
    page.load_now()
