"""Attendance for one placement, a week (Monday to Friday) at a time.

Each day is "not recorded", attended, absent (with a reason) or a study day.
"All attended" fills every open day of the week; Save writes the week in one
transaction. Days before the start are locked; future days can only be marked
absent (planned leave).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import AttendanceKind, label
from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.attendance import AttendanceEntry, AttendanceService, week_of
from pe_desktop.services.placements.service import PlacementRow
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.forms import FormErrors, error_label
from pe_desktop.ui.widgets.messages import show_error

#: Combo entries in order: None means "not recorded".
CHOICES: list[AttendanceKind | None] = [
    None, AttendanceKind.ATTENDED, AttendanceKind.ABSENT, AttendanceKind.STUDY,
]
State = dict[date, AttendanceEntry | None]


def default_week(p: PlacementRow, today: date) -> date:
    """The Monday of the week to show first: this week, clamped to the placement."""
    day = min(max(today, p.start_date), max(p.planned_end_date, p.start_date))
    return week_of(day)[0]


class DayRow:
    """The widgets for one day."""

    def __init__(self, day: date, parent: QWidget) -> None:
        self.day = day
        self.caption = QLabel(parent)
        self.kind = QComboBox(parent)
        for choice in CHOICES:
            self.kind.addItem("Not recorded" if choice is None else label(choice), choice)
        self.reason = QLineEdit(parent)
        self.reason.setPlaceholderText("Reason for absence")
        self.error = error_label(parent)
        self.kind.currentIndexChanged.connect(self._sync_reason)
        self._sync_reason()

    def _sync_reason(self, *_: object) -> None:
        self.reason.setEnabled(self.kind.currentData() == AttendanceKind.ABSENT.value
                               and self.kind.isEnabled())

    def set_day(self, day: date, locked: str, future: bool) -> None:
        self.day = day
        self.caption.setText(f"{day:%A %d %b}")
        self.kind.setAccessibleName(f"Attendance on {day:%A %d %B}")
        self.reason.setAccessibleName(f"Reason for absence on {day:%A %d %B}")
        self.kind.setEnabled(not locked)
        self.kind.setToolTip(locked or ("Only absences (such as agreed leave) can be recorded "
                                        "ahead" if future else ""))
        model = self.kind.model()
        assert isinstance(model, QStandardItemModel)
        for i, choice in enumerate(CHOICES):
            item = model.item(i)
            if item is not None:
                item.setEnabled(not (future and choice in (AttendanceKind.ATTENDED,
                                                           AttendanceKind.STUDY)))
        self._sync_reason()

    def set_entry(self, entry: AttendanceEntry | None) -> None:
        self.kind.setCurrentIndex(CHOICES.index(entry.kind if entry else None))
        self.reason.setText(entry.reason if entry else "")
        self._sync_reason()

    def entry(self) -> AttendanceEntry | None:
        data = self.kind.currentData()
        if data is None:
            return None
        kind = AttendanceKind(data)
        reason = self.reason.text().strip() if kind == AttendanceKind.ABSENT else ""
        return AttendanceEntry(self.day, kind, reason)

    @property
    def editable(self) -> bool:
        return self.kind.isEnabled()


class AttendanceEditor(QWidget):
    """Emits :attr:`saved` after a week has been written."""

    saved = Signal()
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = AttendanceService(ctx)
        self.placement: PlacementRow | None = None
        self.monday = week_of(ctx.today())[0]
        self._loaded: State = {}
        self._busy = False

        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.prev_button = QPushButton("◀ Previous week")
        self.prev_button.setShortcut(QKeySequence("Alt+Left"))
        self.prev_button.setToolTip("Previous week (Alt+Left)")
        self.this_button = QPushButton("This week")
        self.this_button.setShortcut(QKeySequence("Alt+Home"))
        self.this_button.setToolTip("This week (Alt+Home)")
        self.next_button = QPushButton("Next week ▶")
        self.next_button.setShortcut(QKeySequence("Alt+Right"))
        self.next_button.setToolTip("Next week (Alt+Right)")
        self.prev_button.clicked.connect(lambda: self.go_to_week(self.monday - timedelta(7)))
        self.next_button.clicked.connect(lambda: self.go_to_week(self.monday + timedelta(7)))
        self.this_button.clicked.connect(
            lambda: self.go_to_week(week_of(self.ctx.today())[0]))
        nav = QHBoxLayout()
        nav.addWidget(self.prev_button)
        nav.addWidget(self.this_button)
        nav.addWidget(self.next_button)
        nav.addStretch(1)

        self.summary = QLabel()
        self.errors = FormErrors(self.summary)
        grid = QGridLayout()
        grid.setColumnStretch(2, 1)
        grid.setHorizontalSpacing(12)
        self.rows: list[DayRow] = []
        for i in range(5):
            row = DayRow(self.monday + timedelta(i), self)
            grid.addWidget(row.caption, 2 * i, 0)
            grid.addWidget(row.kind, 2 * i, 1)
            grid.addWidget(row.reason, 2 * i, 2)
            grid.addWidget(row.error, 2 * i + 1, 1, 1, 2)
            row.kind.currentIndexChanged.connect(self._changed)
            row.reason.textChanged.connect(self._changed)
            self.rows.append(row)

        self.all_button = QPushButton("&All attended")
        self.all_button.setToolTip("Mark every open day of this week attended (Alt+A)")
        self.all_button.clicked.connect(self.mark_all_attended)
        self.save_button = QPushButton("Save &week")
        self.save_button.setToolTip("Save this week (Ctrl+S)")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("Discard changes")
        self.revert_button.clicked.connect(lambda: self._show_state(self._loaded))
        self.week_totals = QLabel()
        self.week_totals.setStyleSheet("color: palette(placeholder-text);")
        actions = QHBoxLayout()
        actions.addWidget(self.all_button)
        actions.addStretch(1)
        actions.addWidget(self.week_totals)
        actions.addWidget(self.revert_button)
        actions.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(nav)
        layout.addWidget(self.summary)
        layout.addLayout(grid)
        layout.addLayout(actions)
        layout.addStretch(1)
        self._changed()

    # -- state -------------------------------------------------------------
    def set_placement(self, placement: PlacementRow | None, keep_week: bool = False) -> None:
        same = (placement is not None and self.placement is not None
                and placement.id == self.placement.id)
        if same and keep_week and self.is_dirty():
            self.placement = placement  # a refresh: keep the unsaved week as typed
            return
        self.placement = placement
        self.setEnabled(placement is not None)
        if placement is None:
            return
        if not (keep_week and same):
            self.monday = default_week(placement, self.ctx.today())
        self._load()

    def state(self) -> State:
        return {r.day: r.entry() for r in self.rows if r.editable}

    def is_dirty(self) -> bool:
        return self.placement is not None and any(
            entry != self._loaded.get(day) for day, entry in self.state().items()
        )

    def _changed(self, *_: object) -> None:
        dirty = self.is_dirty()
        self.save_button.setEnabled(dirty and not self._busy)
        self.revert_button.setEnabled(dirty and not self._busy)
        counts: dict[str, int] = {}
        for r in self.rows:
            e = r.entry()
            if e is not None:
                counts[label(e.kind).lower()] = counts.get(label(e.kind).lower(), 0) + 1
        text = ", ".join(f"{n} {k}" for k, n in counts.items()) or "nothing recorded"
        self.week_totals.setText(f"This week: {text}" + (" (unsaved)" if dirty else ""))

    def _load(self) -> None:
        p = self.placement
        if p is None:
            return
        monday = self.monday
        friday = monday + timedelta(4)
        today = self.ctx.today()
        self.title.setText(f"Week of {monday:%d %B %Y}")
        for i, r in enumerate(self.rows):
            day = monday + timedelta(i)
            locked = "Before the placement started" if day < p.start_date else ""
            r.set_day(day, locked, day > today)
        self.prev_button.setEnabled(monday > p.start_date)
        pid = p.id

        def done(entries: list[AttendanceEntry]) -> None:
            if self.placement is None or self.placement.id != pid or self.monday != monday:
                return  # the user moved on while loading
            by_day = {e.day: e for e in entries}
            self._loaded = {r.day: by_day.get(r.day) for r in self.rows if r.editable}
            self._show_state(by_day)
            self.loaded.emit()

        run_in_background(lambda: self.service.entries(pid, monday, friday), done)

    def _show_state(self, by_day: dict[date, AttendanceEntry | None]) -> None:
        self.errors.clear()
        for r in self.rows:
            r.set_entry(by_day.get(r.day))
        self._changed()

    # -- actions -----------------------------------------------------------
    def go_to_week(self, monday: date) -> bool:
        """Show another week; asks first if this week has unsaved changes."""
        if not self.confirm_leave():
            return False
        self.monday = week_of(monday)[0]
        self._load()
        return True

    def confirm_leave(self) -> bool:
        """True when it is fine to show something else (saved, discarded or clean)."""
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, "Unsaved attendance",
            f"Save the attendance for the week of {self.monday:%d %B}?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_now()
        return answer == QMessageBox.StandardButton.Discard

    def mark_all_attended(self) -> None:
        today = self.ctx.today()
        for r in self.rows:
            if r.editable and r.day <= today:
                r.kind.setCurrentIndex(CHOICES.index(AttendanceKind.ATTENDED))
                r.reason.clear()

    def save_now(self) -> bool:
        """Save synchronously (used when leaving the week); True if saved."""
        if self.placement is None:
            return False
        try:
            self.service.save_days(self.placement.id, self._changes())
        except ValidationError as exc:
            self._show_problems(exc.problems)
            return False
        except PEDesktopError as exc:
            show_error(self, exc, "Attendance not saved")
            return False
        self._after_save()
        return True

    def save(self) -> None:
        if self.placement is None or not self.is_dirty():
            return
        pid, changes = self.placement.id, self._changes()
        self._busy = True
        self._changed()

        def failed(exc: BaseException) -> None:
            self._busy = False
            self._changed()
            if isinstance(exc, ValidationError):
                self._show_problems(exc.problems)
            else:
                show_error(self, exc, "Attendance not saved")

        def done(_: object) -> None:
            self._busy = False
            self._after_save()

        run_in_background(lambda: self.service.save_days(pid, changes), done, failed)

    def _changes(self) -> State:
        return {d: e for d, e in self.state().items() if e != self._loaded.get(d)}

    def _after_save(self) -> None:
        self._loaded = self.state()
        self.errors.clear()
        self._changed()
        self.saved.emit()

    def _show_problems(self, problems: dict[str, str]) -> None:
        self.errors.labels = {r.day.isoformat(): r.error for r in self.rows}
        self.errors.widgets = {r.day.isoformat(): r.kind for r in self.rows}
        for r in self.rows:
            if r.day.isoformat() in problems and r.entry() is not None \
                    and r.entry().kind == AttendanceKind.ABSENT:  # type: ignore[union-attr]
                self.errors.widgets[r.day.isoformat()] = r.reason
        self.errors.show(problems)
        self._changed()
