"""The QA page: sample requests with due dates, the selection with reasons, the
anonymised preview and approval of each selected report, the bundle and the
outbox with a "Push now" button; a second tab holds the panel's feedback on the
PE's reports. Thin over ``services/qa``; slow work runs in the background."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.requests import RequestRow, RequestService
from pe_desktop.services.qa.review import Preview, ReviewService
from pe_desktop.services.qa.sample import SampleRow
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.qa.preview import PreviewView
from pe_desktop.ui.signing import SigningSupport
from pe_desktop.ui.widgets.messages import confirm, show_error
from pe_desktop.ui.widgets.record_table import Column, RecordTable


@dataclass(frozen=True)
class SelectionLine:
    row: SampleRow
    approved: str  # "yes" | "changed" | "" | "—"


class QaPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signing = SigningSupport(ctx, self)
        self.request: RequestRow | None = None
        self.preview: Preview | None = None

        self.request_table = RecordTable([
            Column("Round", lambda r: r.round_id),
            Column("Panel", lambda r: r.panel_name),
            Column("Due", lambda r: f"{r.due:%d %b %Y}", sort=lambda r: r.due,
                   warn=lambda r: r.due < ctx.today()),
            Column("Reports signed", lambda r: f"{r.request.period_from:%b %Y} – "
                                               f"{r.request.period_to:%b %Y}"),
            Column("Rate", lambda r: f"{float(r.request.rate_percent):g}%"),
        ], self)
        self.requests = self.request_table.model_
        self.request_table.setAccessibleName("Sample requests")
        self.request_table.selectionModel().currentRowChanged.connect(self._request_chosen)
        self.import_button = QPushButton("Import request…")
        self.import_button.clicked.connect(self.import_request)

        self.line_table = RecordTable([
            Column("Selected", lambda x: "Yes" if x.row.selected else "No"),
            Column("Report", lambda x: x.row.title),
            Column("Signed", lambda x: f"{x.row.signed_on:%d %b %Y}",
                   sort=lambda x: x.row.signed_on),
            Column("Outcome", lambda x: x.row.outcome),
            Column("Why", lambda x: x.row.reason, tooltip=lambda x: x.row.reason),
            Column("Approved", lambda x: x.approved),
        ], self)
        self.lines = self.line_table.model_
        self.line_table.setAccessibleName("Reports in the sample")
        self.line_table.selectionModel().currentRowChanged.connect(self._line_chosen)
        self.counts_label = QLabel("")

        self.view = PreviewView(self)
        self.view.redaction_clicked.connect(self.undo_redaction)
        self.redact_button = QPushButton("Redact selection everywhere")
        self.redact_button.clicked.connect(self.redact_selection)
        self.approve_button = QPushButton("Approve this report")
        self.approve_button.clicked.connect(self.approve_current)

        self.org = QComboBox()
        # filled after the first show: grow with the names, never cut them
        self.org.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.bundle_button = QPushButton("Build bundle and queue")
        self.bundle_button.clicked.connect(self.build_bundle)
        from pe_desktop.services.qa.targets import TargetService
        from pe_desktop.ui.qa.outbox_view import OutboxView

        self.outbox_view = OutboxView(TargetService(ctx, self.signing.store), self)
        self.push_button = self.outbox_view.push_button
        self.targets_button = QPushButton("Targets…")
        self.targets_button.setToolTip("The panel's shared folder or WebDAV server")
        self.targets_button.clicked.connect(self.show_targets)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        from pe_desktop.ui.qa.feedback_view import FeedbackView

        self.feedback_view = FeedbackView(ctx, self.signing.store, self)
        self.feedback_view.unread_changed.connect(self._unread_changed)
        self.feedback_view.open_report.connect(self._open_report)
        self._build_layout()

    def _build_layout(self) -> None:
        top = QVBoxLayout()
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Sample requests</b>"))
        head.addStretch(1)
        head.addWidget(self.import_button)
        top.addLayout(head)
        top.addWidget(self.request_table)
        top_w = QWidget()
        top_w.setLayout(top)

        left = QVBoxLayout()
        left.addWidget(QLabel("<b>Eligible reports and why each was or was not selected</b>"))
        left.addWidget(self.counts_label)
        left.addWidget(self.line_table, 1)
        left_w = QWidget()
        left_w.setLayout(left)
        right = QVBoxLayout()
        right.addWidget(QLabel("<b>As the panel will see it</b> (original text highlighted; "
                               "click a highlight to undo it)"))
        right.addWidget(self.view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.redact_button)
        buttons.addStretch(1)
        buttons.addWidget(self.approve_button)
        right.addLayout(buttons)
        right_w = QWidget()
        right_w.setLayout(right)
        middle = QSplitter(Qt.Orientation.Horizontal)
        middle.addWidget(left_w)
        middle.addWidget(right_w)
        middle.setSizes([420, 620])

        bottom = QVBoxLayout()
        row = QHBoxLayout()
        row.addWidget(QLabel("<b>Outbox</b>"))
        row.addStretch(1)
        row.addWidget(QLabel("Your organisation:"))
        row.addWidget(self.org)
        row.addWidget(self.bundle_button)
        row.addWidget(self.targets_button)
        bottom.addLayout(row)
        bottom.addWidget(self.outbox_view)
        bottom.addWidget(self.status)
        bottom_w = QWidget()
        bottom_w.setLayout(bottom)

        split = QSplitter(Qt.Orientation.Vertical)
        for w in (top_w, middle, bottom_w):
            split.addWidget(w)
        split.setSizes([130, 460, 170])
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Peer QA")
        self.tabs.addTab(split, "Sample and bundle")
        self.tabs.addTab(self.feedback_view, "Panel feedback")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs)

    def show_targets(self) -> QWidget | None:
        """The delivery targets (``pe-desktop qa target add|list|remove``)."""
        from pe_desktop.services.qa.targets import TargetService
        from pe_desktop.ui.qa.targets_dialog import TargetsDialog

        store = self.signing.store()
        if store is None:
            return None
        dlg = TargetsDialog(TargetService(self.ctx, store), self)
        dlg.finished.connect(lambda _r: self.outbox_view.refresh())
        dlg.open()
        return dlg

    def show_tab(self, name: str) -> None:
        """``"feedback"`` shows the panel's feedback (the dashboard links here)."""
        self.tabs.setCurrentWidget(self.feedback_view if name == "feedback"
                                   else self.tabs.widget(0))

    def show_feedback(self, return_code: str) -> None:
        self.show_tab("feedback")
        self.feedback_view.refresh(return_code)

    def _unread_changed(self, unread: int) -> None:
        self.tabs.setTabText(1, f"Panel feedback ({unread} new)" if unread
                             else "Panel feedback")

    def _open_report(self, placement_id: int, kind: str) -> None:
        from pe_desktop.domain.reports import ReportKind

        navigate = getattr(self.window(), "navigate", None)
        if not callable(navigate):
            return
        page = navigate("reports", placement_id=placement_id)
        box = getattr(page, "kind_box", None)
        if box is not None:
            box.setCurrentIndex(max(0, box.findData(ReportKind(kind))))

    # -- loading ------------------------------------------------------------------
    def refresh(self) -> None:
        def load() -> list[RequestRow]:
            from pe_desktop.services.qa.transfer import sync_shares

            sync_shares(self.ctx)  # record deliveries of earlier pushes in the audit
            return RequestService(self.ctx).list()

        run_in_background(load, self._loaded, self._error, owner=self)
        self.feedback_view.refresh()
        if self.outbox_view.progress is None:
            self.outbox_view.status.setText("")  # let it count what waits again
        self.outbox_view.refresh()

    def _loaded(self, requests: list[RequestRow]) -> None:
        current = self.request.id if self.request else None
        self.requests.set_rows(requests)
        rows = [i for i, r in enumerate(requests) if r.id == current] or ([0] if requests else [])
        if rows:
            self.request_table.selectRow(rows[0])
            self._request_chosen()

    def _error(self, exc: BaseException) -> None:
        show_error(self, exc)

    def _request_chosen(self, *_: Any) -> None:
        row = self.requests.row_at(self.request_table.currentIndex())
        if row is None:
            return
        self.request = row
        self.org.clear()
        for o in row.request.organisations:
            self.org.addItem(f"{o.code} — {o.name}", o.code)
        if row.org_code:
            self.org.setCurrentIndex(max(0, self.org.findData(row.org_code)))
        self.reload_selection()

    def reload_selection(self) -> None:
        if self.request is None:
            return
        round_id = self.request.round_id

        def load() -> tuple[Any, list[SelectionLine]]:
            review = ReviewService(self.ctx)
            sel = review.selection(round_id)
            lines = []
            for r in sel.rows:
                a = review.approval(sel.request, r) if r.selected else None
                lines.append(SelectionLine(r, "—" if not r.selected else "" if a is None
                                           else "yes" if a.current else "changed"))
            return sel.counts(), lines

        run_in_background(load, self._selection_loaded, self._error, owner=self)

    def _selection_loaded(self, result: tuple[dict[str, int], list[SelectionLine]]) -> None:
        counts, lines = result
        uid = self.preview.row.report_uid if self.preview else None
        self.lines.set_rows(lines)
        self.counts_label.setText(
            f"{counts['eligible']} eligible · {counts['selected']} selected "
            f"({counts.get('epr_fail', 0)} EPR fail, {counts.get('borderline', 0)} borderline, "
            f"{counts.get('midway_concerns', 0)} midway concerns, {counts['sampled']} sampled)")
        index = next((i for i, x in enumerate(lines) if x.row.report_uid == uid), None)
        if index is None:
            index = next((i for i, x in enumerate(lines) if x.row.selected), None)
        if index is not None:
            self.line_table.selectRow(index)
            self._line_chosen()

    def _line_chosen(self, *_: Any) -> None:
        line = self.lines.row_at(self.line_table.currentIndex())
        if line is None or self.request is None:
            return
        if not line.row.selected:
            self.preview = None
            self.view.show_preview(None)
            self.view.counts.setText(f"Not selected: {line.row.reason}. Nothing of this report "
                                     "is sent.")
            return
        round_id, uid = self.request.round_id, line.row.report_uid
        run_in_background(lambda: ReviewService(self.ctx).preview(round_id, uid),
                          self._preview_loaded, self._error, owner=self)

    def _preview_loaded(self, p: Preview) -> None:
        self.preview = p
        self.view.show_preview(p)

    # -- actions --------------------------------------------------------------------
    def _after_change(self, withdrawn: list[str]) -> None:
        if withdrawn:
            self.status.setText(f"{count(len(withdrawn), 'approval')} withdrawn: the change alters "
                                "those reports; review and approve them again.")
        self.reload_selection()

    def redact_selection(self) -> None:
        text = self.view.selected_text()
        if self.request is None or not text:
            show_error(self, PEDesktopError("Select the text to redact in the preview first."))
            return
        round_id = self.request.round_id
        run_in_background(lambda: ReviewService(self.ctx).add_redaction(round_id, text),
                          self._after_change, self._error, owner=self)

    def undo_redaction(self, fi: int, ri: int) -> None:
        if self.request is None or self.view.preview is None:
            return
        text, r = self.view.redaction(fi, ri)
        if not confirm(self, "Undo redaction",
                       f"Send “{text}” as written in every report of round "
                       f"{self.request.round_id}? It was redacted as {r.category}.",
                       "Undo redaction"):
            return
        round_id = self.request.round_id
        review = ReviewService(self.ctx)
        fn = (lambda: review.remove_redaction(round_id, text)) if r.source == "user" else (
            lambda: review.keep_text(round_id, text))
        run_in_background(fn, self._after_change, self._error, owner=self)

    def approve_current(self) -> None:
        if self.preview is None or self.request is None:
            return
        round_id, uid, sha = (self.request.round_id, self.preview.row.report_uid,
                              self.preview.item.sha256)

        def done(result: Any) -> None:
            approval, _item = result
            self.status.setText(f"Approved {approval.return_code} (sha256 {approval.sha256}).")
            self.reload_selection()

        run_in_background(lambda: ReviewService(self.ctx).approve(round_id, uid, sha),
                          done, self._error, owner=self)

    def build_bundle(self) -> None:
        if self.request is None:
            return
        store = self.signing.store()
        if store is None:
            return
        from pe_desktop.services.qa.bundles import BundleService

        round_id, code = self.request.round_id, self.org.currentData()

        def done(res: Any) -> None:
            from pe_desktop.ui.panel.dialogs import grouped

            self.status.setText(f"Bundle for round {round_id} queued: {len(res.items)} "
                                f"reports, sha256 {res.sha256[:16]}…\nYour key for this "
                                f"round ({res.pseudonym}) — the panel chair will ask you to "
                                f"read it out before confirming it:\n"
                                f"{grouped(res.key_fingerprint)}")
            self.refresh()

        run_in_background(lambda: BundleService(self.ctx).queue(round_id, store, org_code=code),
                          done, self._error, owner=self)

    def import_request(self, path: str | None = None) -> None:
        """Import a sample request: ``path`` (a file opened from the desktop) or one chosen."""
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, "Import a sample request", "",
                                                  "Sample requests (*.json *.peqa)")
        if not path:
            return
        from pathlib import Path

        def done(res: Any) -> None:
            self.status.setText(("Imported" if res.new else "Already imported")
                                + f" round {res.row.round_id} from {res.row.panel_name}; "
                                  "the panel's signature was verified.")
            self.refresh()

        run_in_background(lambda: RequestService(self.ctx).import_file(Path(path)), done,
                          self._error, owner=self)
