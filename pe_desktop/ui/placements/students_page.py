"""Students & placements: the lists, their dialogs and the placement panel."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.placements.service import PlacementRow, PlacementService
from pe_desktop.services.placements.students import StudentRow, StudentService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.placements.panel import PlacementPanel
from pe_desktop.ui.placements.student_actions import StudentActions
from pe_desktop.ui.placements.student_models import (
    Keys,
    PlacementTableModel,
    SearchProxy,
    StudentTableModel,
)
from pe_desktop.ui.widgets.column_fit import fit_columns
from pe_desktop.ui.widgets.delegates import ID_ROLE, ProgressDelegate
from pe_desktop.ui.widgets.messages import show_error
from pe_desktop.ui.widgets.undo_bar import UndoBar


@dataclass(frozen=True)
class _Lists:
    """What a background load hands the GUI thread, folded and grouped already.

    ``only``: the load covered that one student (their row, if any, and their
    placements), not everyone.
    """

    students: list[StudentRow]
    student_keys: list[Keys]
    placements_by_student: dict[int, list[PlacementRow]]
    only: int | None = None


def _load_lists(students: StudentService, placements: PlacementService,
                include_archived: bool, only: int | None = None) -> _Lists:
    if only is not None:
        rows = [r for r in students.list(include_archived=True, student_id=only)
                if include_archived or not r.archived]
        mine = placements.list(include_archived=True, student_id=only)
        return _Lists(rows, StudentTableModel.keys_for(rows), {only: mine}, only)
    rows = students.list(include_archived=include_archived)
    by_student: dict[int, list[PlacementRow]] = defaultdict(list)
    for p in placements.list(include_archived=True):
        by_student[p.student_id].append(p)
    return _Lists(rows, StudentTableModel.keys_for(rows), dict(by_student))


def _table(model: SearchProxy, name: str, optional: tuple[int, ...] = ()) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    view.setWordWrap(False)
    view.fitter = fit_columns(view, optional=optional)  # fills its pane, never scrolls sideways
    return view


class StudentsPage(QWidget, StudentActions):
    """``refresh()`` reloads in the background and emits :attr:`loaded`."""

    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.students_service = StudentService(ctx)
        self.placements_service = PlacementService(ctx)
        self.students: list[StudentRow] = []
        self.placements_by_student: dict[int, list[PlacementRow]] = {}
        self._pending_placement: int | None = None
        self._pending_student: int | None = None
        self._loading = False
        self._stale = False

        # -- toolbar ---------------------------------------------------------
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter by name, student ID, university, programme…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter students")
        self.show_archived = QCheckBox("Show archi&ved")
        self.new_student_button = QPushButton("New &student…")
        self.new_student_button.setToolTip("Add a student (Ctrl+N)")
        self.new_placement_button = QPushButton("New &placement…")
        self.new_placement_button.setToolTip("Add a placement for the selected student "
                                             "(Ctrl+Shift+N)")
        self.edit_student_button = QPushButton("Edit st&udent…")
        self.archive_student_button = QPushButton("Archive student")
        bar = QHBoxLayout()
        bar.addWidget(self.filter, 1)
        bar.addWidget(self.show_archived)
        for b in (self.new_student_button, self.new_placement_button,
                  self.edit_student_button, self.archive_student_button):
            bar.addWidget(b)

        self.undo_bar = UndoBar()

        # -- students --------------------------------------------------------
        self.student_model = StudentTableModel(self)
        self.student_proxy = SearchProxy(self)
        self.student_proxy.setSourceModel(self.student_model)
        # Narrow pane: the student ID, placement count and cohort step aside first.
        self.student_view = _table(self.student_proxy, "Students", (
            StudentTableModel.NUMBER, StudentTableModel.PLACEMENTS, StudentTableModel.COHORT))
        self.student_view.sortByColumn(StudentTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.count_label = QLabel()
        self.count_label.setStyleSheet("color: palette(placeholder-text);")

        # -- placements of the selected student -------------------------------
        self.placement_model = PlacementTableModel(self)
        self.placement_proxy = SearchProxy(self)
        self.placement_proxy.setSourceModel(self.placement_model)
        # The organisation is in the panel's title beside it; the planned end in its overview.
        self.placement_view = _table(self.placement_proxy, "Placements", (
            PlacementTableModel.ORGANISATION, PlacementTableModel.END))
        self.placement_view.sortByColumn(PlacementTableModel.START, Qt.SortOrder.DescendingOrder)
        self.placement_view.setItemDelegateForColumn(
            PlacementTableModel.DAYS, ProgressDelegate(self.placement_view))
        self.placements_title = QLabel("Placements")
        self.placements_title.setStyleSheet("font-weight: 600;")
        self.placements_title.setWordWrap(True)

        left_top = QWidget()
        lt = QVBoxLayout(left_top)
        lt.setContentsMargins(0, 0, 0, 0)
        lt.addWidget(self.student_view, 1)
        lt.addWidget(self.count_label)
        left_bottom = QWidget()
        lb = QVBoxLayout(left_bottom)
        lb.setContentsMargins(0, 0, 0, 0)
        lb.addWidget(self.placements_title)
        lb.addWidget(self.placement_view, 1)
        left = QSplitter(Qt.Orientation.Vertical)
        left.addWidget(left_top)
        left.addWidget(left_bottom)
        left.setStretchFactor(0, 3)
        left.setStretchFactor(1, 2)
        left.setChildrenCollapsible(False)

        self.panel = PlacementPanel(ctx)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        self.splitter.setChildrenCollapsible(False)
        self._sized = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(bar)
        layout.addWidget(self.undo_bar)
        layout.addWidget(self.splitter, 1)

        # -- wiring ----------------------------------------------------------
        self.filter.textChanged.connect(self._filter_changed)
        self.show_archived.toggled.connect(lambda _on: self.refresh())
        self.new_student_button.clicked.connect(self.new_student)
        self.new_placement_button.clicked.connect(self.new_placement)
        self.edit_student_button.clicked.connect(self.edit_student)
        self.archive_student_button.clicked.connect(self.archive_student)
        self.student_view.selectionModel().currentRowChanged.connect(self._student_changed)
        self.student_view.activated.connect(lambda _i: self.edit_student())
        self.placement_view.selectionModel().currentRowChanged.connect(self._placement_changed)
        self.placement_view.activated.connect(lambda _i: self.edit_placement())
        self.panel.changed.connect(lambda _pid: self.refresh())
        self.panel.edit_requested.connect(self.edit_placement)
        self.panel.archive_requested.connect(self.archive_placement)
        self._build_actions()
        self._update_buttons()
        # Loaded by refresh(), which the main window calls when it shows the page.

    def _build_actions(self) -> None:
        def action(text: str, keys: QKeySequence | str | QKeySequence.StandardKey | None,
                   slot) -> QAction:  # noqa: ANN001
            act = QAction(text, self)
            if keys:
                act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(lambda _=False: slot())
            self.addAction(act)
            return act

        # Ctrl+N / Ctrl+Shift+N belong to the main window (they work from every page).
        self.new_student_action = action("New student", "", self.new_student)
        self.new_placement_action = action("New placement", "", self.new_placement)
        self.find_action = action("Find", QKeySequence.StandardKey.Find, self.focus_filter)
        self.save_action = action("Save", QKeySequence.StandardKey.Save, self.panel.save)
        self.undo_action = action("Undo", QKeySequence.StandardKey.Undo, self.undo)
        self.edit_action = action("Edit", "F2", self._edit_focused)
        self.archive_action = action("Archive", QKeySequence.StandardKey.Delete,
                                     self._archive_focused)
        self.escape_action = action("Clear filter", "Escape", self._clear_filter)

    # -- loading -----------------------------------------------------------
    def refresh(self, student_id: int | None = None) -> None:
        """Reload in the background: both lists, or with ``student_id`` only that
        student's row and placements (after a change to them alone). A load in
        flight is followed by one more (of everything)."""
        if self._loading:
            self._stale = True
            return
        if not self.students:
            student_id = None
        include = self.show_archived.isChecked()
        self._loading = True
        self._stale = False

        students, placements = self.students_service, self.placements_service
        run_in_background(lambda: _load_lists(students, placements, include, student_id),
                          self._apply, self._failed)

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        show_error(self, exc, "Students could not be loaded")

    def _apply(self, lists: _Lists) -> None:
        self._loading = False
        if self._stale:
            self.refresh()
            return
        keep_student = self._pending_student or self.current_student_id()
        keep_placement = self._pending_placement or self.panel.placement_id
        self._pending_student = None
        if lists.only is None:
            self.students = lists.students
            self.placements_by_student = lists.placements_by_student
            self.student_model.update_rows(self.students, lists.student_keys)
        else:
            sid = lists.only
            self.students = sorted([*(s for s in self.students if s.id != sid), *lists.students],
                                   key=lambda s: s.full_name)
            self.placements_by_student[sid] = lists.placements_by_student[sid]
            self.student_model.patch(lists.students, lists.student_keys,
                                     remove=() if lists.students else (sid,))
        self._update_count()
        if self._pending_placement is not None:
            pid, self._pending_placement = self._pending_placement, None
            self.open_placement(pid, reload_if_missing=False)
        elif keep_student is not None and self._select_student(keep_student):
            self._select_placement(keep_placement)
        elif self.student_proxy.rowCount() > 0:
            self.student_view.setCurrentIndex(self.student_proxy.index(0, 0))
        else:
            self._student_changed(QModelIndex())
        self.loaded.emit()

    def _update_count(self) -> None:
        shown, total = self.student_proxy.rowCount(), self.student_model.rowCount()
        if total == 0:
            self.count_label.setText("No students yet: add one with New student (Ctrl+N).")
        elif shown == total:
            self.count_label.setText(f"{total} student{'s' if total != 1 else ''}")
        elif shown == 0:
            self.count_label.setText(f"No student matches “{self.filter.text()}” "
                                     "(Esc clears the filter).")
        else:
            self.count_label.setText(f"{shown} of {total} students match")

    # -- selection ---------------------------------------------------------
    def current_student_id(self) -> int | None:
        idx = self.student_view.currentIndex()
        value = idx.data(ID_ROLE) if idx.isValid() else None
        return int(value) if value is not None else None

    def current_student(self) -> StudentRow | None:
        sid = self.current_student_id()
        return next((s for s in self.students if s.id == sid), None)

    def _select_student(self, student_id: int) -> bool:
        row = self.student_model.row_for_id(student_id)
        if row < 0:
            return False
        proxy_index = self.student_proxy.mapFromSource(self.student_model.index(row, 0))
        if not proxy_index.isValid():
            return False
        already = self.student_view.currentIndex() == proxy_index
        self.student_view.setCurrentIndex(proxy_index)
        self.student_view.scrollTo(proxy_index)
        if already:  # no currentRowChanged: refresh the placements shown ourselves
            self._student_changed(proxy_index)
        return True

    def _select_placement(self, placement_id: int | None) -> bool:
        if placement_id is None:
            return False
        row = self.placement_model.row_for_id(placement_id)
        if row < 0:
            return False
        proxy_index = self.placement_proxy.mapFromSource(self.placement_model.index(row, 0))
        self.placement_view.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.placement_view.scrollTo(proxy_index)
        self.panel.show_placement(placement_id)
        return True

    def _student_changed(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        sid = current.data(ID_ROLE) if current.isValid() else None
        student = next((s for s in self.students if s.id == sid), None)
        rows = self.placements_by_student.get(int(sid), []) if sid is not None else []
        if not self.show_archived.isChecked():
            rows = [p for p in rows if not p.archived]
        keep = self.panel.placement_id
        self.placement_model.update_rows(rows)
        if student is None:
            self.placements_title.setText("Placements")
        elif rows:
            self.placements_title.setText(f"Placements of {student.display_name}")
        else:
            self.placements_title.setText(f"No placements for {student.display_name} yet: "
                                          "add one with New placement (Ctrl+Shift+N).")
        if not self._select_placement(keep):
            if self.placement_proxy.rowCount():
                first = self.placement_proxy.index(0, 0)
                self._select_placement(int(first.data(ID_ROLE)))
            else:
                self.panel.show_placement(None)
        self._update_buttons()

    def _placement_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        pid = current.data(ID_ROLE) if current.isValid() else None
        if pid is None or int(pid) == self.panel.placement_id:
            return
        if not self.panel.show_placement(int(pid)):
            # The user stayed on the unsaved week: put the selection back.
            self.placement_view.selectionModel().blockSignals(True)
            self.placement_view.selectionModel().setCurrentIndex(
                previous, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.placement_view.selectionModel().blockSignals(False)

    def _update_buttons(self) -> None:
        student = self.current_student()
        for b in (self.edit_student_button, self.archive_student_button):
            b.setEnabled(student is not None)
        self.new_placement_button.setEnabled(bool(self.students))
        if student is not None:
            self.archive_student_button.setText(
                "Unarchive student" if student.archived else "Archive student")

    def show_tab(self, name: str) -> None:
        self.panel.show_tab(name)

    def open_placement(self, placement_id: int, reload_if_missing: bool = True) -> None:
        """Select the placement's student and show the placement."""
        if self._loading:
            self._pending_placement = placement_id
            return
        owner = next((sid for sid, rows in self.placements_by_student.items()
                      if any(p.id == placement_id for p in rows)), None)
        if owner is None:
            if reload_if_missing:  # added since the lists were loaded
                self._pending_placement = placement_id
                self.refresh()
            return
        if self.student_model.row_for_id(owner) < 0 or not self._select_student(owner):
            # Hidden by the filter or archived: clear what hides it, then retry.
            if self.filter.text():
                self.filter.clear()
            if self.student_model.row_for_id(owner) < 0:
                self._pending_placement = placement_id
                self.show_archived.setChecked(True)
                return
            self._select_student(owner)
        placement = next(p for p in self.placements_by_student[owner] if p.id == placement_id)
        if placement.archived and not self.show_archived.isChecked():
            self._pending_placement = placement_id
            self.show_archived.setChecked(True)
            return
        self._select_placement(placement_id)

    # -- filter ------------------------------------------------------------
    def _filter_changed(self, text: str) -> None:
        self.student_proxy.set_search(text)
        self._update_count()
        if not self.student_view.currentIndex().isValid() and self.student_proxy.rowCount():
            self.student_view.setCurrentIndex(self.student_proxy.index(0, 0))

    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _clear_filter(self) -> None:
        if self.filter.text():
            self.filter.clear()
            self.student_view.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            total = max(self.splitter.width(), 900)
            self.splitter.setSizes([total * 9 // 20, total * 11 // 20])
        if not self.isAncestorOf(self.focusWidget() or self):
            QTimer.singleShot(0, self.student_view.setFocus)

    # -- students ----------------------------------------------------------
