"""The form for one QAMP review: date, who attended, four checks with a RAG rating each."""

from __future__ import annotations

from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.reviews import (
    AREAS,
    PROMPTS,
    RAG_COLOURS,
    AttendeeRole,
    Rag,
    ReviewStage,
    label,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.reviews.service import CheckInput, ReviewInput, ReviewRow, ReviewService
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.forms import error_label, save_cancel_buttons
from pe_desktop.ui.widgets.messages import describe


def _swatch(colour: str) -> QIcon:
    pix = QPixmap(12, 12)
    pix.fill(QColor(colour))
    return QIcon(pix)


class ReviewDialog(QDialog):
    """Records (or edits) the review for ``stage``; ``defaults`` names people by role."""

    def __init__(self, ctx: AppContext, placement_id: int, stage: ReviewStage,
                 existing: ReviewRow | None, defaults: dict[AttendeeRole, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.placement_id = placement_id
        self.stage = stage
        self.saved_row: ReviewRow | None = None
        self.setWindowTitle(f"{label(stage)} (QAMP)")
        self.resize(760, 640)
        self.errors = error_label(self)
        body = QWidget()
        lay = QVBoxLayout(body)
        form = QFormLayout()
        self.held_on = DateField(existing.held_on if existing else ctx.today(), parent=body,
                                 today=ctx.today)
        self.held_on.setAccessibleName("Date held")
        form.addRow("&Held on", self.held_on)
        lay.addLayout(form)

        who = QGroupBox("Who attended")
        grid = QGridLayout(who)
        present = dict(existing.attendees) if existing else {}
        self.attended: dict[AttendeeRole, tuple[QCheckBox, QLineEdit]] = {}
        for i, role in enumerate(AttendeeRole):
            box = QCheckBox(label(role))
            box.setChecked(role in present if existing else role in (AttendeeRole.PE,
                                                                     AttendeeRole.STUDENT))
            name = QLineEdit(present.get(role) or defaults.get(role, ""))
            name.setAccessibleName(f"Name: {label(role)}")
            name.setPlaceholderText("Name")
            grid.addWidget(box, i, 0)
            grid.addWidget(name, i, 1)
            self.attended[role] = (box, name)
        lay.addWidget(who)

        self.checks: dict = {}
        for area in AREAS:
            group = QGroupBox(label(area))
            g = QVBoxLayout(group)
            prompt = QLabel(PROMPTS[area])
            prompt.setStyleSheet("color: palette(placeholder-text);")
            g.addWidget(prompt)
            rating = QComboBox()
            rating.setAccessibleName(f"Rating: {label(area)}")
            rating.addItem("Not rated", None)
            for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
                rating.addItem(_swatch(RAG_COLOURS[rag]), label(rag), rag.value)
            comment = QPlainTextEdit()
            comment.setAccessibleName(f"Comment: {label(area)}")
            comment.setTabChangesFocus(True)
            comment.setFixedHeight(64)
            if existing:
                c = existing.check(area)
                rating.setCurrentIndex(max(0, rating.findData(c.rating.value if c.rating
                                                              else None)))
                comment.setPlainText(c.comment)
            g.addWidget(rating)
            g.addWidget(comment)
            lay.addWidget(group)
            self.checks[area] = (rating, comment)
        self.notes = QPlainTextEdit(existing.notes if existing else "")
        self.notes.setAccessibleName("Notes")
        self.notes.setPlaceholderText("Anything else agreed at the review")
        self.notes.setFixedHeight(60)
        lay.addWidget(QLabel("Notes"))
        lay.addWidget(self.notes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.addWidget(self.errors)
        outer.addWidget(scroll, 1)
        outer.addWidget(save_cancel_buttons(self, self.save))

    def collect(self) -> ReviewInput:
        attendees = tuple((role, name.text()) for role, (box, name) in self.attended.items()
                          if box.isChecked())
        checks = tuple(
            CheckInput(area, Rag(rating.currentData()) if rating.currentData() else None,
                       comment.toPlainText())
            for area, (rating, comment) in self.checks.items())
        return ReviewInput(self.stage, self.held_on.value(), attendees, checks,
                           self.notes.toPlainText())

    def save(self) -> None:
        try:
            self.saved_row = ReviewService(self.ctx).save(self.placement_id, self.collect())
        except Exception as exc:  # noqa: BLE001 - shown in the dialog, nothing saved
            self.errors.setText(describe(exc))
            self.errors.show()
            return
        self.accept()
