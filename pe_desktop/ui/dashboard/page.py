"""The dashboard: what needs doing next across all placements."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.dashboard import DashboardData, DashboardService, Severity
from pe_desktop.services.profile import ProfileData, ProfileService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.dashboard.models import AttentionModel, ProgressModel
from pe_desktop.ui.widgets.delegates import (
    ID_ROLE,
    SEVERITY_COLOURS,
    AttentionDelegate,
    ProgressDelegate,
)


@dataclass(frozen=True)
class _Loaded:
    profile: ProfileData | None
    data: DashboardData


def _load(ctx: AppContext) -> _Loaded:
    return _Loaded(ProfileService(ctx).get(), DashboardService(ctx).load())


#: Attention items that open a page other than Students & placements.
#: Items that open a particular tab of the placement on Students & placements.
CATEGORY_TABS = {"meeting": "meetings", "attendance": "attendance", "status": "overview",
                 "qa_feedback": "feedback"}

CATEGORY_PAGES = {
    "supervision": "supervision",
    "observations": "evidence",
    "report": "reports",
    "currency": "currency",
    "qa": "qa",
    "qa_feedback": "qa",
}


class _Tile(QFrame):
    """A number with a caption ("3 / overdue")."""

    def __init__(self, caption: str, colour: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.number = QLabel("–")
        self.number.setStyleSheet(f"font-size: 20pt; font-weight: 600; color: {colour};")
        self.caption = QLabel(caption)
        lay = QVBoxLayout(self)
        lay.addWidget(self.number)
        lay.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, n: int) -> None:
        self.number.setText(str(n))


class DashboardPage(QWidget):
    """Loads in the background; emits :attr:`populated` once data is shown."""

    populated = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.data: DashboardData | None = None
        self._loading = False
        self._stale = False

        self.greeting = QLabel("Dashboard")
        self.greeting.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.subtitle = QLabel("Loading…")
        self.subtitle.setWordWrap(True)  # a failure's message is longer than the date
        self.subtitle.setStyleSheet("color: palette(placeholder-text);")

        self.overdue_tile = _Tile("overdue", SEVERITY_COLOURS[2])
        self.due_tile = _Tile("due in the next 14 days", SEVERITY_COLOURS[1])
        self.open_tile = _Tile("open placements", SEVERITY_COLOURS[0])
        tiles = QHBoxLayout()
        for t in (self.overdue_tile, self.due_tile, self.open_tile):
            tiles.addWidget(t)

        self.attention_model = AttentionModel(self)
        self.attention = QListView()
        self.attention.setObjectName("attention")
        self.attention.setAccessibleName("Needs attention")
        self.attention.setModel(self.attention_model)
        self.attention.setItemDelegate(AttentionDelegate(self.attention))
        self.attention.setUniformItemSizes(True)
        self.attention.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.attention.activated.connect(self._open_index)
        self.attention.clicked.connect(self._open_index)
        self.attention_empty = QLabel("Nothing overdue or due in the next 14 days.")
        self.attention_empty.setStyleSheet("color: palette(placeholder-text); padding: 8px;")

        self.progress_model = ProgressModel(self)
        self.progress = QTableView()
        self.progress.setObjectName("progress")
        self.progress.setAccessibleName("Open placements")
        self.progress.setModel(self.progress_model)
        self.progress.setItemDelegateForColumn(ProgressModel.DAYS, ProgressDelegate(self.progress))
        self.progress.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.progress.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.progress.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress.verticalHeader().hide()
        self.progress.verticalHeader().setDefaultSectionSize(
            int(self.fontMetrics().height() * 2.2))
        self.progress.setShowGrid(False)
        self.progress.setAlternatingRowColors(True)
        header = self.progress.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ProgressModel.PLACEMENT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ProgressModel.DAYS, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ProgressModel.DAYS, 200)
        header.setHighlightSections(False)
        self.progress.activated.connect(self._open_index)

        attention_box = self._section("Needs attention", self.attention, self.attention_empty)
        progress_box = self._section("Open placements", self.progress)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(attention_box)
        split.addWidget(progress_box)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)

        content = QWidget()
        content_lay = QVBoxLayout(content)
        content_lay.setContentsMargins(0, 0, 0, 0)
        content_lay.addLayout(tiles)
        content_lay.addWidget(split, 1)

        self.empty = self._build_empty_state()
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 10)
        layout.addWidget(self.greeting)
        layout.addWidget(self.subtitle)
        layout.addSpacing(6)
        layout.addWidget(self.stack, 1)

    @staticmethod
    def _section(title: str, view: QWidget, empty: QLabel | None = None) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 8, 0, 0)
        head = QLabel(title)
        head.setStyleSheet("font-size: 12pt; font-weight: 600;")
        head.setBuddy(view)
        lay.addWidget(head)
        lay.addWidget(view, 1)
        if empty is not None:
            lay.addWidget(empty)
            empty.hide()
        return box

    def _build_empty_state(self) -> QWidget:
        box = QWidget()
        lay = QVBoxLayout(box)
        lay.addStretch(1)
        text = QLabel(
            "<h3>No placements yet</h3>"
            "<p>Add your first student, then their placement. PE Desktop works out the "
            "review meeting dates and keeps count of the days completed; what needs doing "
            "next will show here.</p>"
            "<p>Keys: <b>Ctrl+2</b> students and placements, <b>Ctrl+N</b> new student, "
            "<b>Ctrl+Shift+N</b> new placement.</p>"
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.add_student_button = QPushButton("Add your first student…")
        self.add_student_button.clicked.connect(self._add_first_student)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.add_student_button)
        row.addStretch(1)
        self.empty_currency = QLabel(
            "Your own currency record is incomplete: open <b>Currency</b> (Ctrl+6) to add "
            "your registration, CPD and past students."
        )
        self.empty_currency.setWordWrap(True)
        self.empty_currency.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_currency.hide()
        lay.addWidget(text)
        lay.addLayout(row)
        lay.addWidget(self.empty_currency)
        lay.addStretch(2)
        return box

    # -- loading -----------------------------------------------------------
    def refresh(self) -> None:
        """Reload in the background (the main window calls this when showing the page).

        A refresh asked for while one is loading runs once that one is in.
        """
        if self._loading:
            self._stale = True
            return
        self._loading = True
        self._stale = False
        run_in_background(lambda: _load(self.ctx), self._apply, self._failed)

    def _failed(self, exc: BaseException) -> None:
        from pe_desktop.ui.widgets.messages import describe

        self._loading = False
        self.subtitle.setText(f"The dashboard could not be loaded: {describe(exc)} "
                              "File → Data protection → Check data… says what is wrong.")

    def _apply(self, loaded: _Loaded) -> None:
        self._loading = False
        if self._stale:
            self.refresh()  # something changed while loading: show the newer data
            return
        data = loaded.data
        self.data = data
        name = loaded.profile.full_name.split()[0] if loaded.profile else ""
        first = bool(getattr(self.window(), "first_visit", False))
        if not name:
            self.greeting.setText("Dashboard")
        else:  # "back" only once they have been here before
            self.greeting.setText(f"Welcome to PE Desktop, {name}" if first
                                  else f"Welcome back, {name}")
        self.subtitle.setText(f"{data.today:%A %d %B %Y}")
        overdue = sum(1 for i in data.items if i.severity == Severity.OVERDUE)
        due = sum(1 for i in data.items if i.severity == Severity.DUE)
        self.overdue_tile.set_value(overdue)
        self.due_tile.set_value(due)
        self.open_tile.set_value(len(data.placements))
        self.attention_model.set_items(data.items)
        self.progress_model.set_rows(data.placements, data.next_meetings)
        self.attention_empty.setVisible(not data.items)
        self.attention.setVisible(bool(data.items))
        # Getting started: nothing open and nothing about placements to do. The PE's
        # own currency items alone do not hide the guidance; they get a pointer.
        placement_items = [i for i in data.items if i.category != "currency"]
        getting_started = not data.placements and not placement_items
        self.empty_currency.setVisible(getting_started and bool(data.items))
        self.stack.setCurrentIndex(1 if getting_started else 0)
        self.populated.emit()

    # -- actions -----------------------------------------------------------
    def _open_index(self, index: QModelIndex) -> None:
        placement_id = index.data(ID_ROLE)
        page = "students"
        tab = None
        if index.model() is self.attention_model:
            category = self.attention_model.items[index.row()].category
            page = CATEGORY_PAGES.get(category, page)
            tab = CATEGORY_TABS.get(category)
        if placement_id is not None:
            self.open_placement_page(int(placement_id), page, tab)
        elif page != "students":  # e.g. the PE's own currency: no placement to open
            navigate = getattr(self.window(), "navigate", None)
            if callable(navigate):
                navigate(page, **({"tab": tab} if tab else {}))

    def open_placement_page(self, placement_id: int, page: str = "students",
                            tab: str | None = None) -> None:
        window = self.window()
        navigate = getattr(window, "navigate", None)
        if callable(navigate):
            navigate(page, placement_id=placement_id, **({"tab": tab} if tab else {}))

    def _add_first_student(self) -> None:
        navigate = getattr(self.window(), "navigate", None)
        if callable(navigate):
            page = navigate("students")
            new_student = getattr(page, "new_student", None)
            if callable(new_student):
                new_student()
