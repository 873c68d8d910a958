"""Preview the partnership return for a year, then save it as CSV, JSON or PDF.

What is shown is exactly what is written (the same ``PartnershipReturn``), so
the PE sees every value, and that no student is named, before anything leaves
the laptop.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.partnership.service import (
    PartnershipReturn,
    PartnershipReturnService,
    default_layout,
)
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import describe, show_error


def _table(name: str) -> QTableWidget:
    t = QTableWidget()
    t.setAccessibleName(name)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.verticalHeader().hide()
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


class ReturnDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ret: PartnershipReturn | None = None
        self.setWindowTitle("Partnership return")
        self.resize(1000, 640)
        layout = default_layout()
        today = ctx.today()
        start_year = today.year if layout.period(today.year)[0] <= today else today.year - 1
        self.year = QSpinBox()
        self.year.setAccessibleName("Return year")
        self.year.setRange(1990, 2200)
        self.year.setValue(start_year)
        self.year.valueChanged.connect(self.reload)
        self.period = QLabel()
        head = QHBoxLayout()
        head.addWidget(QLabel("Year starting"))
        head.addWidget(self.year)
        head.addWidget(self.period, 1)
        self.pe = _table("Practice educator")
        self.pe.setColumnCount(2)
        self.pe.setHorizontalHeaderLabels(["", "Value"])
        self.pe.horizontalHeader().setStretchLastSection(True)
        self.placements = _table("Placements supported")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: palette(placeholder-text);")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        self.save_buttons = {}
        for suffix, text in ((".csv", "Save &CSV…"), (".json", "Save &JSON…"),
                             (".pdf", "Save &PDF…")):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, s=suffix: self.save(s))
            buttons.addButton(b, QDialogButtonBox.ButtonRole.ActionRole)
            self.save_buttons[suffix] = b
        outer = QVBoxLayout(self)
        outer.addLayout(head)
        outer.addWidget(QLabel("<b>Practice educator</b>"))
        outer.addWidget(self.pe, 2)
        self.placements_title = QLabel()
        outer.addWidget(self.placements_title)
        outer.addWidget(self.placements, 3)
        outer.addWidget(self.note)
        outer.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        year = self.year.value()
        run_in_background(lambda: PartnershipReturnService(self.ctx).build(year), self._show,
                          lambda exc: self.note.setText(describe(exc)), owner=self)

    def _show(self, ret: PartnershipReturn) -> None:
        self.ret = ret
        self.period.setText(f"{ret.layout.name}: {ret.period_text}")
        rows = ret.pe_rows()
        self.pe.setRowCount(len(rows))
        for r, (k, v) in enumerate(rows):
            self.pe.setItem(r, 0, QTableWidgetItem(k))
            self.pe.setItem(r, 1, QTableWidgetItem(v or "—"))
        head, prow = ret.placement_table()
        self.placements_title.setText(f"<b>Placements supported ({len(prow)})</b>")
        self.placements.setColumnCount(len(head))
        self.placements.setHorizontalHeaderLabels(head)
        self.placements.setRowCount(len(prow))
        for r, values in enumerate(prow):
            for c, v in enumerate(values):
                self.placements.setItem(r, c, QTableWidgetItem(v))
        self.note.setText(" ".join(x for x in (ret.layout.arrangement_note,
                                               "Students are not named in the return.") if x))

    def save(self, suffix: str, path: Path | None = None) -> None:
        if self.ret is None:
            return
        from pe_desktop.services.partnership.files import export_return
        from pe_desktop.ui.widgets.pdf_save import ask_save_path

        year = self.ret.year
        out = path or ask_save_path(self, "Save partnership return",
                                    f"partnership-return-{year}", suffix,
                                    f"{suffix[1:].upper()} (*{suffix})")
        if out is None:
            return

        def done(_ret: PartnershipReturn) -> None:
            self.last_saved = out
            self.note.setText(f"Saved {out.name}.")

        run_in_background(lambda: export_return(self.ctx, year, out), done,
                          lambda exc: show_error(self, exc), owner=self)
