"""The placement panel's Reviews tab: the four-week, midway and final QAMP reviews."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.reviews import AREAS, RAG_COLOURS, AttendeeRole, ReviewStage, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementDetail
from pe_desktop.services.reviews.service import ReviewRow, ReviewService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.column_fit import fit_columns


class ReviewsTab(QWidget):
    changed = Signal()
    STAGES = tuple(ReviewStage)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: PlacementDetail | None = None
        self.reviews: dict[ReviewStage, ReviewRow] = {}
        headers = ["Review", "Held", "Attended", *(label(a).split(" and ")[0] for a in AREAS)]
        self.table = QTableWidget(len(self.STAGES), len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setAccessibleName("QAMP reviews")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        fit_columns(self.table)
        self.table.activated.connect(lambda _i: self.record())
        self.record_button = QPushButton("Record re&view…")
        self.record_button.clicked.connect(self.record)
        self.pdf_button = QPushButton("Save review PDF…")
        self.pdf_button.clicked.connect(self.save_pdf)
        self.sign_box = QCheckBox("Sign it")
        self.sign_box.setToolTip("Add your digital signature (PAdES) to the PDF")
        self.message = QLabel("The four-week, midway and final reviews check learning "
                              "opportunities, support, performance and issues (QAMP). The "
                              "midway report fills its empty fields from the midway review.")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        for w in (self.record_button, self.pdf_button, self.sign_box):
            buttons.addWidget(w)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.message)

    def set_placement(self, detail: PlacementDetail | None) -> None:
        self.detail = detail
        self.reload()

    def reload(self) -> None:
        pid = self.detail.placement.id if self.detail else None
        if pid is None:
            self._fill([])
            return
        run_in_background(lambda: ReviewService(self.ctx).list(pid),
                          lambda rows: self._fill(rows) if self.detail and
                          self.detail.placement.id == pid else None, owner=self)

    def _fill(self, rows: list[ReviewRow]) -> None:
        self.reviews = {r.stage: r for r in rows}
        for i, stage in enumerate(self.STAGES):
            r = self.reviews.get(stage)
            values = [label(stage), f"{r.held_on:%d/%m/%Y}" if r else "not yet recorded",
                      ", ".join(label(role) for role, _ in r.attendees) if r else ""]
            for col, text in enumerate(values):
                self.table.setItem(i, col, QTableWidgetItem(text))
            for j, area in enumerate(AREAS):
                rating = r.check(area).rating if r else None
                item = QTableWidgetItem(f"■ {label(rating)}" if rating else "")
                if rating:
                    item.setForeground(QColor(RAG_COLOURS[rating]))
                    item.setToolTip(r.check(area).comment)
                self.table.setItem(i, 3 + j, item)
        if self.table.currentRow() < 0:
            self.table.selectRow(0)
        self.pdf_button.setEnabled(bool(rows))

    def current_stage(self) -> ReviewStage:
        row = self.table.currentRow()
        return self.STAGES[row if 0 <= row < len(self.STAGES) else 0]

    def record(self) -> None:
        if self.detail is None:
            return
        from pe_desktop.services.profile import ProfileService
        from pe_desktop.ui.reviews.dialog import ReviewDialog

        p = self.detail.placement
        profile = ProfileService(self.ctx).get()
        defaults = {AttendeeRole.PE: profile.full_name if profile else "",
                    AttendeeRole.STUDENT: p.student_name, AttendeeRole.OSS: p.oss_name,
                    AttendeeRole.TUTOR: p.tutor_name}
        stage = self.current_stage()
        dlg = ReviewDialog(self.ctx, p.id, stage, self.reviews.get(stage), defaults, self)
        if dlg.exec() == ReviewDialog.DialogCode.Accepted:
            self.reload()
            self.changed.emit()

    def save_pdf(self, path=None) -> None:
        if self.detail is None:
            return
        from pe_desktop.ui.widgets.pdf_save import save_pdf

        stage = self.current_stage()
        if stage not in self.reviews:
            self.message.setText(f"Record the {label(stage).lower()} first.")
            return
        p = self.detail.placement

        def done(result) -> None:
            self.last_export = result
            self.message.setText(f"Saved {result.path.name}"
                                 + (f"; signed by {result.signer}." if result.signed else "."))

        save_pdf(self.ctx, self, "review", p.id, {"stage": stage.value},
                 f"{label(stage)}-{p.student_name}", sign=self.sign_box.isChecked(),
                 path=path, on_done=done)
