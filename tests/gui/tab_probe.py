"""A placement tab used by test_placement_panel to check the extension point."""

from PySide6.QtWidgets import QLabel


class ProbeTab(QLabel):
    def __init__(self, ctx, parent=None):  # noqa: ANN001
        super().__init__("probe", parent)
        self.seen = []

    def set_placement(self, detail):  # noqa: ANN001
        self.seen.append(detail)
