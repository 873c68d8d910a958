"""Sidebar page "Evidence": a placement's coverage matrix, direct observations,
service-user/carer feedback, evidence items, and full-text search."""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.evidence_vocab import EvidenceKind, label
from pe_desktop.domain.frameworks import default_registry
from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.coverage import CoverageMatrix, CoverageService
from pe_desktop.services.evidence.items import AttachmentRow, EvidenceItemRow, EvidenceService
from pe_desktop.services.evidence.observations import (
    FeedbackRow,
    ObservationRow,
    ObservationService,
)
from pe_desktop.services.search import MARK_END, MARK_START, SearchHit, SearchService
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.evidence.coverage_matrix import CoverageMatrixWidget
from pe_desktop.ui.evidence.item_editor import EvidenceItemEditor
from pe_desktop.ui.evidence.observation_editors import FeedbackEditor, ObservationEditor
from pe_desktop.ui.evidence.progress_chart import progress_view
from pe_desktop.ui.placements.requirements_dialog import RequirementsDialog
from pe_desktop.ui.record_opener import open_record
from pe_desktop.ui.widgets.html_delegate import HtmlDelegate
from pe_desktop.ui.widgets.messages import confirm, show_error
from pe_desktop.ui.widgets.placement_picker import PlacementPicker
from pe_desktop.ui.widgets.record_table import Column, RecordTable

_DOMAINS = {d.key: d for fw in default_registry().all() for d in fw.domains}


def _domain_numbers(keys: tuple[str, ...]) -> str:
    """Domain numbers ("2, 5, 7") — compact for a table cell; titles in the tooltip."""
    nums = sorted(_DOMAINS[k].number for k in keys if k in _DOMAINS)
    return ", ".join(map(str, nums)) or "—"


OBS_COLUMNS = [
    Column("Date", lambda r: f"{r.observed_on:%d/%m/%Y}", sort=lambda r: r.observed_on),
    Column("Status", lambda r: label(r.status), warn=lambda r: not r.completed),
    Column("Observer", lambda r: r.observer_name or label(r.observer_role)),
    Column("Role", lambda r: r.observer_role_detail or label(r.observer_role)),
    Column("Consent", lambda r: "✔" if r.consent_obtained else "—"),
    Column("Domains judged", lambda r: str(len(r.judgements)) if r.judgements else "—"),
    Column("Setting", lambda r: " ".join(r.setting.split())[:100]),
]
FEEDBACK_COLUMNS = [
    Column("Date", lambda r: f"{r.received_on:%d/%m/%Y}", sort=lambda r: r.received_on),
    Column("From", lambda r: label(r.source)),
    Column("How", lambda r: label(r.method)),
    Column("Linked observation", lambda r: "✔" if r.observation_id else "—"),
    Column("Domains", lambda r: str(len(r.domains)) if r.domains else "—"),
    Column("What was said", lambda r: " ".join(r.content.split())[:120]),
]
ITEM_COLUMNS = [
    Column("Date", lambda r: f"{r.item_date:%d/%m/%Y}", sort=lambda r: r.item_date),
    Column("Kind", lambda r: label(r.kind)),
    Column("Title", lambda r: r.title),
    Column("Domains", lambda r: _domain_numbers(r.domain_keys),
           tooltip=lambda r: "\n".join(f"{_DOMAINS[k].number}. {_DOMAINS[k].title}"
                                        for k in r.domain_keys if k in _DOMAINS)),
    Column("Files", lambda r: str(len(r.attachments)) if r.attachments else "—"),
]


@dataclass(frozen=True)
class EvidenceBundle:
    placement_id: int
    matrix: CoverageMatrix
    observations: list[ObservationRow]
    feedback: list[FeedbackRow]
    items: list[EvidenceItemRow]
    broken: list[AttachmentRow]  # attachments whose file is missing or altered


def marked_html(text: str) -> str:
    """Escape user text, then turn the search markers into bold highlights."""
    return (html.escape(text).replace(MARK_START, "<b style='background:#fff1a8'>")
            .replace(MARK_END, "</b>"))


class _ListTab(QWidget):
    """A table of records with New / Open / Delete buttons."""

    def __init__(self, columns: list[Column], new_text: str, parent: QWidget) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.new_button = QPushButton(new_text, self)
        self.open_button = QPushButton("&Open", self)
        self.delete_button = QPushButton("&Delete", self)
        for b in (self.new_button, self.open_button, self.delete_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = RecordTable(columns, self)
        self.table.setAccessibleName(new_text.replace("&", "").replace("New ", "").rstrip("…")
                                     .strip().capitalize() + " list")
        layout.addWidget(self.table, 1)
        for key, button in ((QKeySequence(Qt.Key.Key_Return), self.open_button),
                            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_button)):
            sc = QShortcut(key, self.table, activated=button.click)
            sc.setContext(Qt.ShortcutContext.WidgetShortcut)  # only while the table has focus
        self.table.doubleClicked.connect(lambda _i: self.open_button.click())


class EvidencePage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bundle: EvidenceBundle | None = None
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel("<h2>Evidence</h2>", self))
        head.addStretch(1)
        self.picker = PlacementPicker(ctx, self)
        self.picker.placement_changed.connect(lambda _pid: self.reload())
        head.addWidget(QLabel("&Placement", self, buddy=self.picker))
        head.addWidget(self.picker, 4)  # the whole placement name where there is room
        self.req_button = QPushButton("Re&quirements…", self)
        self.req_button.clicked.connect(self._edit_requirements)
        head.addWidget(self.req_button)
        layout.addLayout(head)
        self.file_warning = QLabel(self)
        self.file_warning.setObjectName("fileWarning")
        self.file_warning.setWordWrap(True)
        self.file_warning.setStyleSheet(
            "QLabel#fileWarning { color: #b3261e; background: #fdecea; border: 1px solid #f3b8b3;"
            " border-radius: 4px; padding: 6px; }")
        self.file_warning.hide()
        layout.addWidget(self.file_warning)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        self.matrix = CoverageMatrixWidget(self)
        self.matrix.open_requested.connect(self.open_record)
        self.matrix.add_requested.connect(self._add_from_matrix)
        self.matrix.framework_changed.connect(self.reload)
        self._matrix_pid: int | None = None
        self.tabs.addTab(self.matrix, "&Coverage")
        self.progress_area, self.progress_chart = progress_view(self)
        self.tabs.addTab(self.progress_area, "Pro&gress")

        self.obs_tab = _ListTab(OBS_COLUMNS, "&New observation", self)
        self.obs_tab.new_button.clicked.connect(self.new_observation)
        self.obs_tab.open_button.clicked.connect(
            lambda: self._open_current(self.obs_tab, "observation"))
        self.obs_tab.delete_button.clicked.connect(self._delete_observation)
        self.tabs.addTab(self.obs_tab, "Direct &observations")

        self.fb_tab = _ListTab(FEEDBACK_COLUMNS, "&New feedback", self)
        self.fb_tab.new_button.clicked.connect(self.new_feedback)
        self.fb_tab.open_button.clicked.connect(lambda: self._open_current(self.fb_tab, "feedback"))
        self.fb_tab.delete_button.clicked.connect(self._delete_feedback)
        self.tabs.addTab(self.fb_tab, "Service-user / carer &feedback")

        self.items_tab = _ListTab(ITEM_COLUMNS, "&New evidence item", self)
        self.items_tab.new_button.clicked.connect(lambda: self.new_item())
        self.items_tab.open_button.clicked.connect(lambda: self._open_current(self.items_tab, "item"))
        self.items_tab.delete_button.clicked.connect(self._delete_item)
        self.tabs.addTab(self.items_tab, "Evidence &items")

        self.search_tab = QWidget(self)
        sl = QVBoxLayout(self.search_tab)
        sr = QHBoxLayout()
        self.search_box = QLineEdit(self.search_tab)
        self.search_box.setPlaceholderText(
            "Search supervision notes, observations, feedback and evidence (Ctrl+F)")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search")
        self.search_scope = QCheckBox("This placement only", self.search_tab)
        sr.addWidget(self.search_box, 1)
        sr.addWidget(self.search_scope)
        sl.addLayout(sr)
        self.search_status = QLabel("", self.search_tab)
        sl.addWidget(self.search_status)
        self.results = QListWidget(self.search_tab)
        self.results.setItemDelegate(HtmlDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setAccessibleName("Search results")
        self.results.itemActivated.connect(self._open_hit)
        self.results.itemDoubleClicked.connect(self._open_hit)
        sl.addWidget(self.results, 1)
        self.tabs.addTab(self.search_tab, "&Search")
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(200)
        self._search_timer.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_box.returnPressed.connect(self.run_search)
        self.search_scope.toggled.connect(lambda _c: self.run_search())
        self.search_box.installEventFilter(self)

        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.focus_search)

    # -- page API -----------------------------------------------------------------
    def refresh(self) -> None:
        self.picker.reload()

    def open_placement(self, placement_id: int) -> None:
        self.picker.select(placement_id)

    def placement_id(self) -> int | None:
        return self.picker.current_placement_id()

    def focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.search_tab)
        self.search_box.setFocus()
        self.search_box.selectAll()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        from PySide6.QtCore import QEvent

        if obj is self.search_box and event.type() == QEvent.Type.KeyPress and \
                event.key() == Qt.Key.Key_Down and self.results.count():
            self.results.setFocus()
            self.results.setCurrentRow(0)
            return True
        return super().eventFilter(obj, event)

    # -- loading --------------------------------------------------------------------
    def reload(self) -> None:
        pid = self.placement_id()
        for w in (self.req_button, self.obs_tab, self.fb_tab, self.items_tab, self.matrix):
            w.setEnabled(pid is not None)
        if pid is None:
            self.bundle = None
            self.file_warning.hide()
            self.matrix.set_matrix(None)
            self.progress_chart.set_progress(None)
            self.matrix.summary.setText("No placements yet: add one on the Students & placements page.")
            return
        self.matrix.summary.setText("Loading…")

        view_ref = self.matrix.chosen_framework() if pid == self._matrix_pid else None
        self._matrix_pid = pid

        def load() -> EvidenceBundle:
            obs = ObservationService(self.ctx)
            ev = EvidenceService(self.ctx)
            matrix = CoverageService(self.ctx).matrix(pid, view_ref)
            return EvidenceBundle(pid, matrix, obs.list(pid),
                                  obs.list_feedback(pid), ev.list(pid), ev.verify_all(pid))

        run_in_background(load, self._show, lambda e: show_error(self, e))

    def _show(self, b: EvidenceBundle) -> None:
        if b.placement_id != self.placement_id():
            return
        keep = {t: getattr(t.table.current_row(), "id", None)
                for t in (self.obs_tab, self.fb_tab, self.items_tab)}
        self.bundle = b
        self.matrix.set_frameworks([(f.ref, f.name) for f in self.ctx.frameworks.all()],
                                   b.matrix.placement_framework_ref, b.matrix.framework_ref)
        self.matrix.set_matrix(b.matrix)
        self.progress_chart.set_progress(b.matrix.progress)
        if b.broken:
            names = "; ".join(a.problem for a in b.broken[:5]) + ("; …" if len(b.broken) > 5 else "")
            self.file_warning.setText(
                f"⚠ {len(b.broken)} attachment{'s are' if len(b.broken) != 1 else ' is'} missing "
                f"or altered: {names}. Restore from a backup or attach the original again.")
        self.file_warning.setVisible(bool(b.broken))
        self.obs_tab.table.set_rows(b.observations, keep[self.obs_tab])
        self.fb_tab.table.set_rows(b.feedback, keep[self.fb_tab])
        self.items_tab.table.set_rows(b.items, keep[self.items_tab])
        obs = b.matrix.observations
        tab = self.tabs.indexOf
        self.tabs.setTabText(tab(self.obs_tab), f"Direct &observations ({obs.completed}/{obs.required})")
        self.tabs.setTabText(tab(self.fb_tab), f"Service-user / carer &feedback ({len(b.feedback)})")
        self.tabs.setTabText(tab(self.items_tab), f"Evidence &items ({len(b.items)})")
        behind = len(b.matrix.progress.behind()) if b.matrix.progress else 0
        self.tabs.setTabText(tab(self.progress_area),
                             f"Pro&gress ({behind} behind)" if behind else "Pro&gress")

    # -- records ----------------------------------------------------------------------
    def _exec(self, dialog) -> bool:
        saved: list[object] = []
        dialog.saved.connect(saved.append)
        dialog.exec()
        if saved:
            self.reload()
        return bool(saved)

    def open_record(self, kind: str, record_id: int) -> None:
        if open_record(self.ctx, self, kind, record_id):
            self.reload()

    def _open_current(self, tab: _ListTab, kind: str) -> None:
        row = tab.table.current_row()
        if row is not None:
            self.open_record(kind, row.id)

    def new_record(self) -> None:
        """Ctrl+N (the main window's shortcut) on this page."""
        self._new_in_current_tab()

    def _new_in_current_tab(self) -> None:
        w = self.tabs.currentWidget()
        if w is self.obs_tab:
            self.new_observation()
        elif w is self.fb_tab:
            self.new_feedback()
        else:
            self.new_item()

    def new_observation(self) -> None:
        pid = self.placement_id()
        if pid is not None:
            self._exec(ObservationEditor(self.ctx, pid, parent=self))

    def new_feedback(self) -> None:
        pid = self.placement_id()
        if pid is not None:
            self._exec(FeedbackEditor(self.ctx, pid, parent=self))

    def new_item(self, domain_key: str | None = None, kind: EvidenceKind | None = None) -> None:
        pid = self.placement_id()
        if pid is not None:
            self._exec(EvidenceItemEditor(self.ctx, pid, parent=self, kind=kind,
                                          domain_key=domain_key))

    def _add_from_matrix(self, domain_key: str, kind: EvidenceKind | None) -> None:
        if self.matrix.chosen_framework():  # viewing another framework: its keys are not ours
            domain_key = None
        if kind == EvidenceKind.DIRECT_OBSERVATION:
            self.new_observation()
        elif kind == EvidenceKind.SERVICE_USER_FEEDBACK:
            self.new_feedback()
        elif kind == EvidenceKind.SUPERVISION:
            window = self.window()
            if hasattr(window, "navigate"):
                window.navigate("supervision", placement_id=self.placement_id())
        else:
            self.new_item(domain_key, kind)

    def _delete(self, tab: _ListTab, what: str, describe, delete) -> None:
        row = tab.table.current_row()
        if row is None:
            return
        if not confirm(self, f"Delete {what}", f"Delete {describe(row)}? This cannot be undone.",
                       "Delete"):
            return
        try:
            delete(row.id)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.reload()

    def _delete_observation(self) -> None:
        self._delete(self.obs_tab, "observation",
                     lambda r: f"the observation of {r.observed_on:%d/%m/%Y} and its judgements",
                     ObservationService(self.ctx).delete)

    def _delete_feedback(self) -> None:
        self._delete(self.fb_tab, "feedback", lambda r: f"the feedback of {r.received_on:%d/%m/%Y}",
                     ObservationService(self.ctx).delete_feedback)

    def _delete_item(self) -> None:
        self._delete(self.items_tab, "evidence item",
                     lambda r: f"'{r.title}'" + (f" and its {count(len(r.attachments), 'attachment')}"
                                                 if r.attachments else ""),
                     EvidenceService(self.ctx).delete)

    def _edit_requirements(self) -> None:
        pid = self.placement_id()
        if pid is not None and RequirementsDialog(self.ctx, pid, self).exec():
            self.reload()

    # -- search --------------------------------------------------------------------------
    def run_search(self) -> None:
        self._search_timer.stop()
        query = self.search_box.text()
        pid = self.placement_id() if self.search_scope.isChecked() else None
        if not query.strip():
            self.results.clear()
            self.search_status.setText("")
            return
        run_in_background(lambda: (query, SearchService(self.ctx).search(query, pid)),
                          self._show_hits, lambda e: show_error(self, e))

    def _show_hits(self, result: tuple[str, list[SearchHit]]) -> None:
        query, hits = result
        if query != self.search_box.text():
            return  # a newer search is on its way
        self.results.clear()
        self.search_status.setText(
            f"{len(hits)} result{'s' if len(hits) != 1 else ''}" + (" (best 50 shown)" if len(hits) == 50 else ""))
        for h in hits:
            text = (f"<span style='color:#555'>{html.escape(h.kind_label)} · "
                    f"{html.escape(h.placement_label)}</span><br><b>{marked_html(h.title)}</b>"
                    f"<br>{marked_html(h.snippet)}")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, h)
            self.results.addItem(item)

    def _open_hit(self, item: QListWidgetItem) -> None:
        h: SearchHit = item.data(Qt.ItemDataRole.UserRole)
        if open_record(self.ctx, self, h.kind, h.record_id):
            self.reload()
            self.run_search()
