"""Sidebar page "Supervision": a placement's supervision log, held against
expected, open actions, acknowledgements and agenda templates."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.evidence_vocab import label
from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.services.supervision import SessionRow, SupervisionOverview, SupervisionService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.placements.requirements_dialog import RequirementsDialog
from pe_desktop.ui.supervision.editor import SupervisionEditor
from pe_desktop.ui.widgets.messages import confirm, show_error
from pe_desktop.ui.widgets.placement_picker import PlacementPicker
from pe_desktop.ui.widgets.record_table import Column, RecordTable

COLUMNS = [
    Column("Date", lambda r: f"{r.held_on:%a %d/%m/%Y}", sort=lambda r: r.held_on),
    Column("Type", lambda r: label(r.kind)),
    Column("Length", lambda r: f"{r.duration_minutes} min"),
    Column("Domains", lambda r: str(len(r.domains)) if r.domains else "—",
           tooltip=lambda r: ", ".join(r.domains)),
    Column("Open actions", lambda r: str(r.open_actions) if r.actions else "—"),
    Column("Student acknowledgement",
           lambda r: f"✔ {r.acknowledged_by}" if r.acknowledged else "Pending",
           warn=lambda r: not r.acknowledged),
    Column("Discussion", lambda r: " ".join(r.discussion.split())[:120]),
]


class SupervisionPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.service = SupervisionService(ctx)
        self.overview: SupervisionOverview | None = None
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        title = QLabel("<h2>Supervision</h2>", self)
        head.addWidget(title)
        head.addStretch(1)
        self.picker = PlacementPicker(ctx, self)
        self.picker.placement_changed.connect(self._load)
        head.addWidget(QLabel("&Placement", self, buddy=self.picker))
        head.addWidget(self.picker, 4)  # the whole placement name where there is room
        self.req_button = QPushButton("Re&quirements…", self)
        self.req_button.clicked.connect(self._edit_requirements)
        head.addWidget(self.req_button)
        layout.addLayout(head)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)

        buttons = QHBoxLayout()
        self.new_button = QPushButton("&New session", self)
        self.new_button.setToolTip("Ctrl+N")
        self.new_button.clicked.connect(lambda: self.new_session(carry=False))
        self.carry_button = QPushButton("New from open a&ctions", self)
        self.carry_button.setToolTip("A new session whose agenda starts with every open action (Ctrl+Shift+N)")
        self.carry_button.clicked.connect(lambda: self.new_session(carry=True))
        self.edit_button = QPushButton("&Open", self)
        self.edit_button.clicked.connect(self.edit_current)
        self.delete_button = QPushButton("&Delete", self)
        self.delete_button.clicked.connect(self.delete_current)
        self.templates_button = QPushButton("Agenda &templates…", self)
        self.templates_button.clicked.connect(self._edit_templates)
        for b in (self.new_button, self.carry_button, self.edit_button, self.delete_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.templates_button)
        layout.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Vertical, self)
        self.table = RecordTable(COLUMNS, split)
        self.table.setAccessibleName("Supervision sessions")
        self.table.doubleClicked.connect(lambda _i: self.edit_current())
        actions_box = QWidget(split)
        al = QVBoxLayout(actions_box)
        al.setContentsMargins(0, 6, 0, 0)
        al.addWidget(QLabel("<b>Open actions</b> — tick when done (carried forward until then)"))
        self.actions = QListWidget(actions_box)
        self.actions.setAccessibleName("Open actions")
        self.actions.itemChanged.connect(self._action_toggled)
        al.addWidget(self.actions)
        split.addWidget(self.table)
        split.addWidget(actions_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout.addWidget(split, 1)

        for key, slot in ((QKeySequence(Qt.Key.Key_Return), self.edit_current),
                          (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_current)):
            sc = QShortcut(key, self.table, activated=slot)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the table has focus
        self._set_enabled(False)

    # -- page API --------------------------------------------------------------
    def refresh(self) -> None:
        self.picker.reload()

    def open_placement(self, placement_id: int) -> None:
        self.picker.select(placement_id)

    def placement_id(self) -> int | None:
        return self.picker.current_placement_id()

    # -- loading -----------------------------------------------------------------
    def _set_enabled(self, on: bool) -> None:
        for w in (self.new_button, self.carry_button, self.edit_button, self.delete_button,
                  self.req_button):
            w.setEnabled(on)

    def _load(self, placement_id: int | None = None, keep_id: int | None = None) -> None:
        pid = self.placement_id() if placement_id is None else placement_id
        if pid is None:
            self.overview = None
            self.table.set_rows([])
            self.actions.clear()
            self.summary.setText("No placements yet: add one on the Students & placements page.")
            self._set_enabled(False)
            return
        self.summary.setText("Loading…")
        run_in_background(lambda: self.service.overview(pid),
                          lambda ov: self._show(ov, keep_id),
                          lambda e: show_error(self, e))

    def reload(self, keep_id: int | None = None) -> None:
        self._load(None, keep_id)

    def _show(self, ov: SupervisionOverview, keep_id: int | None = None) -> None:
        if ov.placement_id != self.placement_id():
            return  # the user picked another placement meanwhile
        self.overview = ov
        self._set_enabled(True)
        st = ov.status
        colour = "#b3261e" if st.overdue else "inherit"
        self.summary.setText(
            f"<span style='color:{colour}'>{'⚠ ' if st.overdue else ''}{st.summary()}</span>"
            + (f" — last session {st.last_held:%d/%m/%Y}" if st.last_held else "")
            + f" · {len(ov.open_actions)} open action{'s' if len(ov.open_actions) != 1 else ''}"
            + f" · {sum(1 for s in ov.sessions if not s.acknowledged)} awaiting acknowledgement")
        self.table.set_rows(ov.sessions, keep_id)
        self.actions.blockSignals(True)
        self.actions.clear()
        for a in ov.open_actions:
            due = f" — due {a.due_date:%d/%m/%Y}" if a.due_date else ""
            overdue = a.due_date is not None and a.due_date < self.ctx.today()
            item = QListWidgetItem(
                f"{a.description}" + (f" ({a.owner})" if a.owner else "") + due
                + f"   [from {a.session_date:%d/%m/%Y}]")
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            if overdue:
                item.setForeground(Qt.GlobalColor.darkRed)
            self.actions.addItem(item)
        if not ov.open_actions:
            self.actions.addItem(QListWidgetItem("No open actions."))
        self.actions.blockSignals(False)

    # -- commands -------------------------------------------------------------------
    # Ctrl+N / Ctrl+Shift+N (the main window's shortcuts) on this page
    def new_record(self) -> None:
        self.new_session(False)

    def new_record_alt(self) -> None:
        self.new_session(True)

    def new_session(self, carry: bool = False) -> None:
        pid = self.placement_id()
        if pid is None:
            return
        agenda = self.service.open_actions_agenda(pid) if carry else ""
        self._run_editor(SupervisionEditor(self.ctx, pid, agenda=agenda, parent=self))

    def current_session(self) -> SessionRow | None:
        return self.table.current_row()

    def edit_current(self) -> None:
        row = self.current_session()
        if row is None or self.placement_id() is None:
            return
        try:
            fresh = self.service.get(row.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._run_editor(SupervisionEditor(self.ctx, row.placement_id, fresh, parent=self))

    def _run_editor(self, editor: SupervisionEditor) -> None:
        saved: list[SessionRow] = []
        editor.saved.connect(saved.append)
        editor.exec()
        if saved:
            self.reload(saved[-1].id)

    def delete_current(self) -> None:
        row = self.current_session()
        if row is None:
            return
        extra = f" and its {count(len(row.actions), 'action')}" if row.actions else ""
        if not confirm(self, "Delete supervision session",
                       f"Delete the supervision session of {row.held_on:%d/%m/%Y}{extra}? "
                       "This cannot be undone.", "Delete"):
            return
        try:
            self.service.delete(row.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.reload()

    def _action_toggled(self, item: QListWidgetItem) -> None:
        action_id = item.data(Qt.ItemDataRole.UserRole)
        if action_id is None:
            return
        done = self.ctx.today() if item.checkState() == Qt.CheckState.Checked else None
        try:
            self.service.set_action_done(action_id, done)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.reload(getattr(self.current_session(), "id", None))

    def _edit_requirements(self) -> None:
        pid = self.placement_id()
        if pid is not None and RequirementsDialog(self.ctx, pid, self).exec():
            self.reload()

    def _edit_templates(self) -> None:
        TemplatesDialog(self.service, self).exec()


class TemplatesDialog(QDialog):
    """Edit the agenda templates offered in the supervision editor."""

    def __init__(self, service: SupervisionService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Agenda templates")
        self.resize(640, 420)
        self.service = service
        layout = QHBoxLayout(self)
        left = QVBoxLayout()
        self.list = QListWidget(self)
        self.list.setAccessibleName("Agenda templates")
        self.list.currentRowChanged.connect(self._show)
        left.addWidget(self.list)
        new = QPushButton("&New template", self)
        new.clicked.connect(self._new)
        delete = QPushButton("&Delete", self)
        delete.clicked.connect(self._delete)
        left.addWidget(new)
        left.addWidget(delete)
        layout.addLayout(left, 1)
        right = QVBoxLayout()
        self.name = QLineEdit(self)
        self.name.setPlaceholderText("Template name")
        self.name.setAccessibleName("Template name")
        self.body = QPlainTextEdit(self)
        self.body.setAccessibleName("Template text")
        right.addWidget(self.name)
        right.addWidget(self.body, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        right.addWidget(buttons)
        layout.addLayout(right, 2)
        self._reload()

    def _reload(self, select: str | None = None) -> None:
        self.templates = self.service.templates()
        self.list.clear()
        for t in self.templates:
            self.list.addItem(t.name)
        names = [t.name for t in self.templates]
        self.list.setCurrentRow(names.index(select) if select in names else 0)

    def _show(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            self.name.setText(self.templates[row].name)
            self.body.setPlainText(self.templates[row].body)

    def _new(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentRow(-1)
        self.name.setText("")
        self.body.setPlainText("")
        self.name.setFocus()

    def _current_id(self) -> int | None:
        row = self.list.currentRow()
        if 0 <= row < len(self.templates) and self.templates[row].id:
            return self.templates[row].id
        return None

    def _save(self) -> None:
        try:
            t = self.service.save_template(self.name.text(), self.body.toPlainText(), self._current_id())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._reload(t.name)

    def _delete(self) -> None:
        tid = self._current_id()
        if tid and confirm(self, "Delete template", f"Delete the template '{self.name.text()}'?",
                           "Delete"):
            self.service.delete_template(tid)
            self._reload()
