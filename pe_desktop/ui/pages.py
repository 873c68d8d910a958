"""The pages shown in the main window's sidebar, in order.

Each entry names a module and a ``QWidget`` subclass constructed as
``Page(ctx, parent)``. A page may define ``refresh()`` (called when it is shown)
and ``open_placement(placement_id)``. Features add their page here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    module: str
    cls: str
    shortcut: str  # e.g. "Ctrl+1"

    def load(self) -> type[QWidget]:
        return getattr(importlib.import_module(self.module), self.cls)


PAGES: list[PageSpec] = [
    PageSpec("dashboard", "Dashboard", "pe_desktop.ui.dashboard.page", "DashboardPage", "Ctrl+1"),
    PageSpec("students", "Students && placements", "pe_desktop.ui.placements.students_page", "StudentsPage",
             "Ctrl+2"),
    PageSpec("supervision", "Supervision", "pe_desktop.ui.supervision.page", "SupervisionPage",
             "Ctrl+3"),
    PageSpec("evidence", "Evidence", "pe_desktop.ui.evidence.page", "EvidencePage", "Ctrl+4"),
    PageSpec("reports", "Reports", "pe_desktop.ui.reports.page", "ReportsPage", "Ctrl+5"),
    PageSpec("currency", "Currency", "pe_desktop.ui.currency.page", "CurrencyPage", "Ctrl+6"),
    PageSpec("qa", "Peer QA", "pe_desktop.ui.qa.page", "QaPage", "Ctrl+7"),
]
