"""The placement panel's Overview and Meetings tabs."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.attendance import days_remaining
from pe_desktop.domain.enums import label
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import MeetingRow, PlacementDetail
from pe_desktop.ui.widgets.delegates import SEVERITY_COLOURS
from pe_desktop.ui.widgets.forms import wrapping_label


def meeting_state(m: MeetingRow, today: date) -> tuple[str, str | None]:
    """Words for where a meeting stands, and a colour when it needs attention."""
    if m.held_on is not None:
        return f"Held {m.held_on:%d/%m/%Y}", None
    days = (m.due_date - today).days
    if days < 0:
        return f"Overdue by {-days} day{'s' if days != -1 else ''}", SEVERITY_COLOURS[2]
    if days == 0:
        return "Due today", SEVERITY_COLOURS[1]
    if days <= 14:
        return f"Due in {days} day{'s' if days != 1 else ''}", SEVERITY_COLOURS[1]
    return "Upcoming", None


class OverviewTab(QWidget):
    """Days completed against required days, the details and the status history."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Days completed")
        self.progress.setTextVisible(True)
        self.progress.setMinimumHeight(self.fontMetrics().height() + 10)
        self.days_label = QLabel()
        self.days_label.setWordWrap(True)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLabel] = {}
        for key, text in (
            ("student", "Student"), ("kind", "Placement"), ("setting", "Setting"),
            ("area", "Service area"), ("dates", "Dates"), ("pattern", "Pattern"),
            ("arrangement", "PE arrangement"), ("level", "Assessed at"),
            ("oss", "On-site supervisor"), ("tutor", "University tutor"), ("notes", "Notes"),
        ):
            lab = wrapping_label()
            lab.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.fields[key] = lab
            self.form.addRow(f"{text}:", lab)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress)
        layout.addWidget(self.days_label)
        layout.addSpacing(6)
        layout.addLayout(self.form)
        head = QLabel("Status history")
        head.setStyleSheet("font-weight: 600;")
        layout.addSpacing(6)
        layout.addWidget(head)
        layout.addWidget(self.history)
        layout.addStretch(1)

    def set_placement(self, detail: PlacementDetail | None) -> None:
        if detail is None:
            return
        p = detail.placement
        self.progress.setRange(0, max(1, p.required_days))
        self.progress.setValue(min(p.days_completed, p.required_days))
        self.progress.setFormat(f"{p.days_completed} of {p.required_days} days completed")
        left = days_remaining(p.required_days, p.days_completed)
        extra = []
        if detail.study_days:
            extra.append(f"including {detail.study_days} study day"
                         f"{'s' if detail.study_days != 1 else ''}")
        if detail.absences:
            extra.append(f"{detail.absences} day{'s' if detail.absences != 1 else ''} absent")
        self.days_label.setText(
            (f"{left} day{'s' if left != 1 else ''} to go" if left else "All required days done")
            + (f" — {'; '.join(extra)}." if extra else ".")
        )
        fw_level = p.framework_level
        try:
            fw = self.ctx.frameworks.get(p.framework_ref)
            fw_level = f"{fw.level(p.framework_level).title} ({fw.name})"
        except KeyError:
            pass

        def person(name: str, contact: str) -> str:
            return " — ".join(x for x in (name, contact) if x) or "Not recorded"

        values = {
            "student": f"{p.student_name}, {p.university}",
            "kind": f"{label(p.kind)}, {p.required_days} days"
                    + (" (statutory)" if p.statutory else ""),
            "setting": ", ".join(x for x in (p.organisation, p.team) if x),
            "area": label(p.service_area),
            "dates": f"{p.start_date:%d %B %Y} to {p.planned_end_date:%d %B %Y} (planned)",
            "pattern": f"{p.days_per_week} days a week",
            "arrangement": label(p.pe_arrangement),
            "level": fw_level,
            "oss": person(p.oss_name, p.oss_contact),
            "tutor": person(p.tutor_name, p.tutor_contact),
            "notes": p.notes or "—",
        }
        for key, value in values.items():
            self.fields[key].setText(value)
        lines = []
        for c in reversed(detail.status_history):
            lines.append(f"<b>{c.changed_on:%d/%m/%Y}</b> — {label(c.to_status)}"
                         + (f": {_escape(c.reason)}" if c.reason else ""))
        self.history.setText("<br>".join(lines) or "No changes recorded.")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class MeetingsTab(QWidget):
    """The review-meeting timeline; Enter or double-click edits a meeting."""

    edit_requested = Signal(object, bool)  # MeetingRow, mark_held

    MEETING, DUE, STATE = range(3)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.meetings: list[MeetingRow] = []
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Meeting", "Due by", "Where it stands"])
        self.table.setAccessibleName("Review meetings")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.STATE, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(lambda _i: self._edit(False))
        self.edit_button = QPushButton("Ed&it meeting…")
        self.edit_button.clicked.connect(lambda: self._edit(False))
        self.held_button = QPushButton("Mar&k held…")
        self.held_button.clicked.connect(lambda: self._edit(True))
        hint = QLabel("Due dates are worked out from the start date and required days; "
                      "change one and it stays as you set it.")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: palette(placeholder-text);")
        buttons = QHBoxLayout()
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.held_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)

    def set_placement(self, detail: PlacementDetail | None) -> None:
        keep = self.table.currentRow()
        self.meetings = list(detail.meetings) if detail else []
        today = self.ctx.today()
        self.table.setRowCount(len(self.meetings))
        for row, m in enumerate(self.meetings):
            state, colour = meeting_state(m, today)
            due = f"{m.due_date:%a %d/%m/%Y}" + (" (set by you)" if m.due_overridden else "")
            for col, text in enumerate((label(m.kind), due, state)):
                item = QTableWidgetItem(text)
                if col == self.STATE and colour:
                    item.setForeground(QColor(colour))
                if m.notes:
                    item.setToolTip(m.notes)
                self.table.setItem(row, col, item)
        if self.meetings:
            self.table.selectRow(min(max(keep, 0), len(self.meetings) - 1))

    def current(self) -> MeetingRow | None:
        row = self.table.currentRow()
        return self.meetings[row] if 0 <= row < len(self.meetings) else None

    def _edit(self, mark_held: bool) -> None:
        m = self.current()
        if m is not None:
            self.edit_requested.emit(m, mark_held)

