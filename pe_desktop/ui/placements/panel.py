"""One placement: header, actions and tabs (overview, meetings, attendance, ...).

Other features add tabs through :data:`pe_desktop.ui.placements.tabs.PLACEMENT_TABS`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.enums import PlacementStatus, label
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import MeetingRow, PlacementDetail, PlacementService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.placements.attendance_editor import AttendanceEditor
from pe_desktop.ui.placements.overview import MeetingsTab, OverviewTab
from pe_desktop.ui.placements.student_models import STATUS_COLOURS
from pe_desktop.ui.placements.tabs import PLACEMENT_TABS
from pe_desktop.ui.widgets.messages import show_error

log = logging.getLogger(__name__)


class PlacementPanel(QWidget):
    """Shows the placement given to :meth:`show_placement`.

    ``changed`` is emitted with the placement id after anything on it was saved;
    ``edit_requested`` / ``archive_requested`` ask the page to act.
    """

    changed = Signal(int)
    loaded = Signal(int)
    edit_requested = Signal(int)
    archive_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.detail: PlacementDetail | None = None
        self.placement_id: int | None = None
        self._in_flight: int | None = None  # placement whose detail is loading
        self._again: bool | None = None  # reload once more when it arrives (keep_week)

        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.title.setWordWrap(True)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.edit_button = QPushButton("&Edit…")
        self.edit_button.setToolTip("Edit this placement (F2)")
        self.status_button = QPushButton("Change s&tatus…")
        self.archive_button = QPushButton("Arc&hive")
        self.archive_button.setToolTip("Hide this placement from lists and the dashboard")
        self.edit_button.clicked.connect(self._request_edit)
        self.status_button.clicked.connect(self.change_status)
        self.archive_button.clicked.connect(self._request_archive)
        head = QHBoxLayout()
        titles = QVBoxLayout()
        titles.addWidget(self.title)
        titles.addWidget(self.status)
        head.addLayout(titles, 1)
        for b in (self.edit_button, self.status_button, self.archive_button):
            head.addWidget(b, 0, Qt.AlignmentFlag.AlignTop)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.overview = OverviewTab(ctx)
        self.meetings = MeetingsTab(ctx)
        self.attendance = AttendanceEditor(ctx)
        self.tabs.addTab(self.overview, "&Overview")
        self.tabs.addTab(self.meetings, "&Meetings")
        self.tabs.addTab(self.attendance, "Atte&ndance")
        self.extra_tabs: list[QWidget] = []
        for spec in PLACEMENT_TABS:
            try:
                tab = spec.load()(ctx, self)
            except Exception:  # noqa: BLE001 - one broken tab must not hide the placement
                log.exception("placement tab %s failed to load", spec.title)
                continue
            self.extra_tabs.append(tab)
            self.tabs.addTab(tab, spec.title)
        self.meetings.edit_requested.connect(self.edit_meeting)
        for tab in self.extra_tabs:
            signal = getattr(tab, "changed", None)
            if signal is not None and hasattr(signal, "connect"):
                signal.connect(lambda *_: self._saved())
        self.attendance.saved.connect(self._attendance_saved)

        body = QWidget()
        body_lay = QVBoxLayout(body)
        body_lay.setContentsMargins(0, 0, 0, 0)
        body_lay.addLayout(head)
        # A planned placement whose start date has passed: offer to make it active.
        self.start_offer = QWidget()
        offer = QHBoxLayout(self.start_offer)
        offer.setContentsMargins(8, 4, 8, 4)
        self.start_offer.setStyleSheet("background: #fff4d6;")
        self.start_label = QLabel()
        self.start_label.setWordWrap(True)
        self.activate_button = QPushButton("Mark a&ctive")
        self.activate_button.clicked.connect(self.mark_active)
        offer.addWidget(self.start_label, 1)
        offer.addWidget(self.activate_button)
        self.start_offer.hide()
        body_lay.addWidget(self.start_offer)
        # The tabs scroll rather than widen the panel: a wide tab must never squeeze
        # the student list beside it into horizontal scrolling (defect 15).
        self.tabs_area = QScrollArea()
        self.tabs_area.setWidgetResizable(True)
        self.tabs_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.tabs_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs_area.setAccessibleName("Placement tabs")
        self.tabs_area.setWidget(self.tabs)
        body_lay.addWidget(self.tabs_area, 1)
        self.placeholder = QLabel("Choose a placement to see its days, meetings and attendance.")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setStyleSheet("color: palette(placeholder-text);")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def show_tab(self, name: str) -> None:
        """``"overview"``, ``"meetings"`` or ``"attendance"``."""
        tab = {"overview": self.overview, "meetings": self.meetings,
               "attendance": self.attendance}.get(name)
        if tab is not None:
            self.tabs.setCurrentWidget(tab)

    def add_tab(self, widget: QWidget, title: str) -> int:
        """Add a tab at run time (tabs listed in PLACEMENT_TABS are added already)."""
        self.extra_tabs.append(widget)
        return self.tabs.addTab(widget, title)

    # -- loading -----------------------------------------------------------
    def show_placement(self, placement_id: int | None) -> bool:
        """Show a placement; False if the user chose to stay (unsaved attendance)."""
        if placement_id != self.placement_id and not self.attendance.confirm_leave():
            return False
        self.placement_id = placement_id
        if placement_id is None:
            self.detail = None
            self.stack.setCurrentIndex(0)
            self.attendance.set_placement(None)
            return True
        self.reload(keep_week=True)
        return True

    def reload(self, keep_week: bool = False) -> None:
        """Load the placement's detail in the background. Requests made while a load
        for the same placement is in flight are folded into one more load after it
        (its result is applied once, not once per request)."""
        pid = self.placement_id
        if pid is None:
            return
        if self._in_flight == pid:
            self._again = keep_week if self._again is None else (self._again and keep_week)
            return
        self._in_flight, self._again = pid, None

        def arrived(detail: PlacementDetail) -> None:
            if self._in_flight != pid:  # another placement is loading since
                self._apply(detail, keep_week)  # (ignored unless still shown)
                return
            self._in_flight = None
            again, self._again = self._again, None
            if again is not None:
                self.reload(keep_week=keep_week and again)
            else:
                self._apply(detail, keep_week)

        def failed(exc: BaseException) -> None:
            if self._in_flight == pid:
                self._in_flight, self._again = None, None
            show_error(self, exc, "The placement could not be loaded")

        run_in_background(lambda: PlacementService(self.ctx).detail(pid), arrived, failed,
                          owner=self)

    def _apply(self, detail: PlacementDetail, keep_week: bool) -> None:
        if detail.placement.id != self.placement_id:
            return
        self.detail = detail
        p = detail.placement
        self.title.setText(f"{p.student_name} — {label(p.kind).lower()}, {p.organisation}")
        colour = STATUS_COLOURS.get(p.status, "palette(text)")
        self.status.setText(
            f"<span style='color:{colour}; font-weight:600'>{label(p.status)}</span>"
            f" · {p.days_completed} of {p.required_days} days"
            f" · {p.start_date:%d %b %Y} to {p.planned_end_date:%d %b %Y}"
            + (" · archived" if p.archived else "")
        )
        self.archive_button.setText("Unarc&hive" if p.archived else "Arc&hive")
        started = p.status == PlacementStatus.PLANNED and p.start_date <= self.ctx.today()
        self.start_offer.setVisible(started)
        if started:
            self.start_label.setText(f"This placement started on {p.start_date:%d %B %Y} but "
                                     "is still planned.")
        self.overview.set_placement(detail)
        self.meetings.set_placement(detail)
        self.attendance.set_placement(p, keep_week=keep_week)
        for tab in self.extra_tabs:
            setter = getattr(tab, "set_placement", None)
            if callable(setter):
                setter(detail)
        self.stack.setCurrentIndex(1)
        self.loaded.emit(p.id)

    # -- actions -----------------------------------------------------------
    def _request_edit(self) -> None:
        if self.placement_id is not None:
            self.edit_requested.emit(self.placement_id)

    def _request_archive(self) -> None:
        if self.placement_id is not None:
            self.archive_requested.emit(self.placement_id)

    def change_status(self) -> None:
        if self.detail is None:
            return
        from pe_desktop.ui.placements.status_dialog import StatusDialog

        dlg = StatusDialog(self.ctx, self.detail.placement, self)
        if dlg.exec() == StatusDialog.DialogCode.Accepted:
            self._saved()

    def mark_active(self) -> None:
        """Planned → active from the start date (recorded in the status history)."""
        if self.detail is None:
            return
        p = self.detail.placement
        try:
            PlacementService(self.ctx).change_status(p.id, PlacementStatus.ACTIVE, p.start_date,
                                                     "Placement started")
        except PEDesktopError as exc:
            show_error(self, exc, "Status not changed")
            return
        self._saved()

    def edit_meeting(self, meeting: MeetingRow, mark_held: bool = False) -> None:
        if meeting.concern_id is not None:  # a concerns meeting: kept with its concern
            from pe_desktop.services.concerns.service import ConcernService
            from pe_desktop.ui.concerns.tab import open_concern_dialog

            concern = ConcernService(self.ctx).get(meeting.concern_id)
            if open_concern_dialog(self.ctx, concern.placement_id, concern, self):
                self._saved()
            return
        from pe_desktop.ui.placements.meeting_dialog import MeetingDialog

        dlg = MeetingDialog(self.ctx, meeting, mark_held, self)
        if dlg.exec() == MeetingDialog.DialogCode.Accepted:
            self._saved()

    def save(self) -> None:
        """Ctrl+S: save the attendance week if it has changes."""
        self.attendance.save()

    def _attendance_saved(self) -> None:
        self._saved(keep_week=True)

    def _saved(self, keep_week: bool = True) -> None:
        self.reload(keep_week=keep_week)
        if self.placement_id is not None:
            self.changed.emit(self.placement_id)
