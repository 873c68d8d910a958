"""How a session or observation took place: in person, by video or by phone."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from pe_desktop.domain.enums import ContactMode, label


class ModeBox(QComboBox):
    """A choice of :class:`ContactMode`; records made before it existed show "Not recorded"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("How it took place")
        for m in ContactMode:
            self.addItem(label(m), m.value)

    def set_value(self, value: ContactMode | str | None) -> None:
        idx = self.findData(value.value if isinstance(value, ContactMode) else value)
        if idx < 0:  # an old record: say so rather than guess
            if self.findData(None) < 0:
                self.addItem("Not recorded", None)
            idx = self.findData(None)
        self.setCurrentIndex(idx)

    def value(self) -> ContactMode | None:
        data = self.currentData()
        return ContactMode(data) if data else None
