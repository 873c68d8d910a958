"""Extra tabs on the placement panel (Students & placements page).

Features add a :class:`TabSpec` to :data:`PLACEMENT_TABS`. A tab is a
``QWidget`` subclass constructed as ``Tab(ctx, parent)`` with a
``set_placement(detail)`` method taking a ``services.placements.PlacementDetail``
(or ``None`` when no placement is selected). Keep imports in the tab module
light: it is imported when the Students page first opens.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class TabSpec:
    title: str
    module: str
    cls: str

    def load(self) -> type[QWidget]:
        return getattr(importlib.import_module(self.module), self.cls)


PLACEMENT_TABS: list[TabSpec] = [
    TabSpec("Con&cerns", "pe_desktop.ui.concerns.tab", "ConcernsTab"),
    TabSpec("Re&views", "pe_desktop.ui.reviews.tab", "ReviewsTab"),
    TabSpec("T&ime", "pe_desktop.ui.timelog.tab", "TimeTab"),
]
