"""The placement panel's Time tab: log time quickly (or with a timer), see each week
against the allocation, export CSV/PDF, attach the summary to a manager check-in."""

from __future__ import annotations

import math
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.timelog import LOGGED, TimeActivity, hours
from pe_desktop.domain.timelog import label as activity_label
from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementDetail
from pe_desktop.services.timelog.service import TimeInput, TimeLogService, TimeRow, TimeSummary
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.timelog.chart import TimeChart
from pe_desktop.ui.widgets.date_field import DateField
from pe_desktop.ui.widgets.messages import describe, show_error


class TimeTab(QWidget):
    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.placement_id: int | None = None
        self.rows: list[TimeRow] = []
        self.summary: TimeSummary | None = None
        self.timer_started: datetime | None = None
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)

        self.allocation = QDoubleSpinBox()
        self.allocation.setAccessibleName("Hours allocated a week")
        self.allocation.setRange(0, 40)
        self.allocation.setSingleStep(0.5)
        self.allocation.setDecimals(1)
        self.allocation.setSuffix(" h a week")
        self.allocation.editingFinished.connect(self._allocation_changed)
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        head = QHBoxLayout()
        head.addWidget(QLabel("Allocated"))
        head.addWidget(self.allocation)
        head.addWidget(self.totals, 1)

        self.chart = TimeChart()

        self.on = DateField(ctx.today(), today=ctx.today)
        self.on.setAccessibleName("Date of the time")
        self.activity = QComboBox()
        self.activity.setAccessibleName("Activity")
        for a in LOGGED:
            self.activity.addItem(activity_label(a), a.value)
        self.minutes = QSpinBox()
        self.minutes.setAccessibleName("Minutes")
        self.minutes.setRange(5, 24 * 60)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(30)
        self.minutes.setSuffix(" min")
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        self.note.setPlaceholderText("Note (optional)")
        self.note.returnPressed.connect(self.add)
        self.add_button = QPushButton("&Log time")
        self.add_button.clicked.connect(self.add)
        self.timer_button = QPushButton("Start ti&mer")
        self.timer_button.setToolTip("Time an activity; stopping fills in the minutes")
        self.timer_button.clicked.connect(self.toggle_timer)
        quick = QHBoxLayout()
        for w in (self.on, self.activity, self.minutes):
            quick.addWidget(w)
        quick.addWidget(self.note, 1)
        self.message = QLabel()
        self.message.setWordWrap(True)
        quick2 = QHBoxLayout()
        quick2.addWidget(self.add_button)
        quick2.addWidget(self.timer_button)
        quick2.addWidget(self.message, 1)

        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Date", "Activity", "Time", "Note"])
        self.table.setAccessibleName("Time logged")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.delete_button = QPushButton("Delete entry")
        self.delete_button.clicked.connect(self.delete)
        self.csv_button = QPushButton("Save CSV…")
        self.csv_button.clicked.connect(lambda: self.export(".csv"))
        self.pdf_button = QPushButton("Save PDF…")
        self.pdf_button.clicked.connect(lambda: self.export(".pdf"))
        self.attach_button = QPushButton("Attach to manager check-in…")
        self.attach_button.clicked.connect(self.attach)
        foot = QHBoxLayout()
        for b in (self.delete_button, self.csv_button, self.pdf_button, self.attach_button):
            foot.addWidget(b)
        foot.addStretch(1)

        split = QSplitter()
        split.setOrientation(split.orientation().Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(split, 1)
        layout.addLayout(quick)
        layout.addLayout(quick2)
        layout.addLayout(foot)

    # -- loading ------------------------------------------------------------
    def set_placement(self, detail: PlacementDetail | None) -> None:
        self.placement_id = detail.placement.id if detail else None
        self.reload()

    def reload(self) -> None:
        pid = self.placement_id
        if pid is None:
            self._fill(([], None))
            return
        svc = TimeLogService(self.ctx)
        run_in_background(lambda: (svc.entries(pid), svc.summary(pid)),
                          lambda r: self._fill(r) if pid == self.placement_id else None,
                          owner=self)

    def _fill(self, result: tuple[list[TimeRow], TimeSummary | None]) -> None:
        self.rows, self.summary = result
        s = self.summary
        self.chart.set_summary(s)
        if s is not None:
            self.allocation.blockSignals(True)
            self.allocation.setValue(s.allocation / 60)
            self.allocation.blockSignals(False)
            self.totals.setText(
                f"{hours(s.total)} recorded over {len(s.weeks)} weeks · average "
                f"{hours(s.average)} a week · {count(s.weeks_over, 'week')} over the allocation")
        else:
            self.totals.clear()
        self.table.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, text in enumerate((f"{row.on:%a %d/%m/%Y}", activity_label(row.activity),
                                      hours(row.minutes), row.note)):
                self.table.setItem(r, c, QTableWidgetItem(text))

    # -- actions ------------------------------------------------------------------
    def add(self) -> None:
        if self.placement_id is None:
            return
        data = TimeInput(self.on.value(), TimeActivity(self.activity.currentData()),
                         self.minutes.value(), self.note.text())
        try:
            TimeLogService(self.ctx).add(self.placement_id, data)
        except Exception as exc:  # noqa: BLE001 - shown under the row, nothing saved
            self.message.setText(describe(exc))
            return
        self.message.setText(f"Logged {hours(data.minutes)} of "
                             f"{activity_label(data.activity).lower()}.")
        self.note.clear()
        self._saved()

    def toggle_timer(self) -> None:
        if self.timer_started is None:
            self.timer_started = self.ctx.now()
            self.ticker.start()
            self._tick()
            return
        elapsed = (self.ctx.now() - self.timer_started).total_seconds()
        self.timer_started = None
        self.ticker.stop()
        self.timer_button.setText("Start ti&mer")
        self.on.set_value(self.ctx.today())
        self.minutes.setValue(max(5, math.ceil(elapsed / 60)))
        self.message.setText("Timer stopped: choose the activity and press Log time.")
        self.note.setFocus()

    def _tick(self) -> None:
        if self.timer_started is None:
            return
        secs = int((self.ctx.now() - self.timer_started).total_seconds())
        self.timer_button.setText(f"Stop ti&mer ({secs // 3600}:{secs // 60 % 60:02d}:"
                                  f"{secs % 60:02d})")

    def delete(self) -> None:
        r = self.table.currentRow()
        if not 0 <= r < len(self.rows):
            return
        row = self.rows[r]
        if row.automatic:
            self.message.setText("Supervision time comes from the supervision session; change "
                                 "the session's length on the Supervision page.")
            return
        TimeLogService(self.ctx).delete(row.id)
        self._saved()

    def _allocation_changed(self) -> None:
        if self.placement_id is None:
            return
        try:
            TimeLogService(self.ctx).set_allocation(self.placement_id,
                                                    round(self.allocation.value() * 60))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self._saved()

    def export(self, suffix: str, path: Path | None = None) -> None:
        if self.placement_id is None or self.summary is None:
            return
        from pe_desktop.services.timelog.export import export_time_log
        from pe_desktop.ui.widgets.pdf_save import ask_save_path

        stem = f"time-log-{self.summary.student_initials.lower()}-{self.ctx.today():%Y-%m-%d}"
        out = path or ask_save_path(self, "Save time log", stem, suffix,
                                    "CSV (*.csv)" if suffix == ".csv" else "PDF (*.pdf)")
        if out is None:
            return
        pid = self.placement_id

        def done(result) -> None:
            self.last_export = result
            self.message.setText(f"Saved {result.path.name}.")

        run_in_background(lambda: export_time_log(self.ctx, pid, out), done,
                          lambda exc: show_error(self, exc), owner=self)

    def attach(self, checkin_id: int | None = None) -> None:
        if self.placement_id is None:
            return
        from pe_desktop.services.currency.service import CurrencyService

        if checkin_id is None:
            checkins = CurrencyService(self.ctx).overview().checkins
            if not checkins:
                self.message.setText("Record a manager check-in on the Currency page first.")
                return
            names = [f"{c.held_on:%d/%m/%Y} — {c.manager}" for c in checkins]
            choice, ok = QInputDialog.getItem(self, "Attach time summary",
                                              "The manager check-in to attach it to:", names,
                                              0, False)
            if not ok:
                return
            checkin_id = checkins[names.index(choice)].id
        TimeLogService(self.ctx).attach_to_checkin(checkin_id, self.placement_id)
        self.message.setText("Time summary attached to the manager check-in; it appears in "
                             "your currency statement.")

    def _saved(self) -> None:
        self.reload()
        self.changed.emit()
