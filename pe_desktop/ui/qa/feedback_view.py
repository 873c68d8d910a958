"""The PE's side of panel feedback on the Peer QA page: fetch and verify it (in the
background, with progress and Cancel), read it beside the report it is about, mark
it read and log it as CPD. Thin over :class:`~pe_desktop.services.qa.feedback.FeedbackInbox`,
the service ``pe-desktop qa feedback`` uses."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.feedback import FeedbackInbox, FeedbackPull, FeedbackRow, OriginalReport
from pe_desktop.ui.background import Cancelled, Progress, run_in_background
from pe_desktop.ui.widgets.messages import describe
from pe_desktop.ui.widgets.record_table import Column, RecordTable

ERROR_STYLE = "color: #b3261e;"


def feedback_html(row: FeedbackRow) -> str:
    """The panel's ratings and comments, as the PE reads them."""
    fb = row.feedback
    parts = [f"<h3>{escape(row.panel_name)} · round {escape(row.round_id)} · "
             f"{escape(row.return_code)}</h3>"]
    leak = fb.get("leak") or {}
    if leak.get("reported"):
        parts.append("<p style='color:#b3261e'><b>The panel found identifying detail "
                     f"({escape(str(leak.get('where', '')))}).</b> The sample was withdrawn "
                     "from review; check the anonymisation of that part before the next "
                     "round.</p>")
    if fb.get("moderated"):
        parts.append("<p><i>Reviewers disagreed; this is the panel's moderated view.</i>"
                     + (f"<br><b>Reasons:</b> {escape(fb['moderation_reasons'])}"
                        if fb.get("moderation_reasons") else "") + "</p>")
    crit = fb.get("criteria") or []
    if crit:
        parts.append("<table border='1' cellspacing='0' cellpadding='4' width='100%'>"
                     "<tr><th align='left'>Criterion</th><th align='left'>Rating</th>"
                     "<th align='left'>Comments</th></tr>")
        for c in crit:
            comments = "<br>".join(escape(x) for x in c.get("comments") or [])
            parts.append(f"<tr><td>{escape(c.get('title', ''))}</td>"
                         f"<td><b>{escape(c.get('rating_label', ''))}</b></td>"
                         f"<td>{comments}</td></tr>")
        parts.append("</table>")
    if fb.get("comment"):
        parts.append(f"<p><b>Overall:</b> {escape(fb['comment'])}</p>")
    if fb.get("themes"):
        parts.append("<p><b>Themes:</b> " + escape(", ".join(fb["themes"])) + "</p>")
    for e in fb.get("good_practice") or []:
        parts.append(f"<p><b>Good practice:</b> “{escape(e)}”</p>")
    return "".join(parts)


def original_html(report: OriginalReport) -> str:
    parts = [f"<h3>{escape(report.title)} · version {report.version}</h3>"]
    for heading, text in report.sections:
        body = "<br>".join(escape(line) for line in text.splitlines())
        parts.append(f"<h4>{escape(heading)}</h4><p>{body}</p>")
    return "".join(parts)


class FeedbackView(QWidget):
    """Feedback list, the original report beside the panel's view, and the actions."""

    #: (placement_id, kind) — open that report on the Reports page.
    open_report = Signal(int, str)
    #: the number of unread items changed (the page's tab title shows it)
    unread_changed = Signal(int)

    def __init__(self, ctx: AppContext, store: Callable[[], Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inbox = FeedbackInbox(ctx)
        self._store = store
        self.progress: Progress | None = None
        self.fetch_button = QPushButton("Fetch feedback")
        self.fetch_button.setToolTip("Fetch the panel's feedback on your reports from your "
                                     "targets and verify its signature")
        self.fetch_button.clicked.connect(self.fetch)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel fetching feedback")
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.hide()
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.table = RecordTable([
            Column("Report", lambda r: r.report_title),
            Column("Round", lambda r: r.round_id),
            Column("Return code", lambda r: r.return_code),
            Column("Received", lambda r: f"{self.ctx.local_date(r.received_at):%d %b %Y}",
                   sort=lambda r: r.received_at),
            Column("Read", lambda r: "Read" if r.read_at else "New",
                   warn=lambda r: r.read_at is None),
            Column("CPD", lambda r: "Logged" if r.cpd_entry_id else ""),
        ], self)
        self.table.setAccessibleName("Panel feedback on your reports")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_current())
        self.report = QTextBrowser()
        self.report.setAccessibleName("Your report as the panel reviewed it")
        self.feedback = QTextBrowser()
        self.feedback.setAccessibleName("The panel's feedback")
        self.read_button = QPushButton("Mark as read")
        self.read_button.clicked.connect(self.mark_read)
        self.cpd_button = QPushButton("Log as CPD (1 hour)")
        self.cpd_button.setToolTip("Adds a CPD entry for reading this feedback; it counts "
                                   "towards your currency")
        self.cpd_button.clicked.connect(self.log_cpd)
        self.open_button = QPushButton("Open the report")
        self.open_button.clicked.connect(self._open_report)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(QLabel("<b>Panel feedback on your reports</b>"))
        head.addStretch(1)
        head.addWidget(self.bar)
        head.addWidget(self.cancel_button)
        head.addWidget(self.fetch_button)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(QLabel("Your report (as you wrote it)"))
        ll.addWidget(self.report, 1)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(QLabel("The panel's ratings and comments"))
        rl.addWidget(self.feedback, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([500, 500])
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.read_button)
        buttons.addWidget(self.cpd_button)
        lay = QVBoxLayout(self)
        lay.addLayout(head)
        lay.addWidget(self.status)
        lay.addWidget(self.table, 1)
        lay.addWidget(split, 3)
        lay.addLayout(buttons)

    # -- loading ------------------------------------------------------------------
    def refresh(self, keep: str | None = None) -> None:
        current = self.table.current_row()
        keep = keep or (current.return_code if current else None)
        run_in_background(self.inbox.list, lambda rows: self._listed(rows, keep),
                          self._failed, owner=self)

    def _listed(self, rows: list[FeedbackRow], keep: str | None) -> None:
        self.table.model_.set_rows(rows)
        index = next((i for i, r in enumerate(rows) if r.return_code == keep), 0)
        if rows:
            self.table.selectRow(index)
            self.show_current()
        else:
            self.report.setHtml("")
            self.feedback.setHtml("<p>No feedback yet. When the panel has reviewed your "
                                  "sample, press <b>Fetch feedback</b>.</p>")
        self.unread_changed.emit(sum(1 for r in rows if r.read_at is None))
        self._update_buttons()

    def current(self) -> FeedbackRow | None:
        return self.table.current_row()

    def show_current(self) -> None:
        row = self.current()
        self._update_buttons()
        if row is None:
            return
        self.feedback.setHtml(feedback_html(row))
        code = row.return_code

        def shown(report: OriginalReport) -> None:
            if (cur := self.current()) is not None and cur.return_code == code:
                self.report.setHtml(original_html(report))

        def missing(exc: BaseException) -> None:
            self.report.setHtml(f"<p><i>{escape(describe(exc))}</i></p>")

        run_in_background(lambda: self.inbox.original(code), shown, missing, owner=self)

    def _update_buttons(self) -> None:
        row = self.current()
        busy = self.progress is not None
        self.fetch_button.setEnabled(not busy)
        self.read_button.setEnabled(row is not None and row.read_at is None)
        self.cpd_button.setEnabled(row is not None and row.cpd_entry_id is None)
        self.open_button.setEnabled(row is not None and row.placement_id is not None)

    # -- actions --------------------------------------------------------------------
    def fetch(self) -> None:
        store = self._store()
        if store is None:
            return
        progress = Progress()
        progress.changed.connect(self._progress)
        self.progress = progress
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.bar.setValue(0)
        self.bar.show()
        self.status.setStyleSheet("")
        self.status.setText("Fetching feedback…")
        self._update_buttons()

        def work() -> tuple[bool, list[FeedbackPull]]:
            from pe_desktop.services.qa.targets import TargetService

            if not TargetService(self.ctx, store).list():
                return False, []
            return True, self.inbox.pull(store, progress=progress.report)

        run_in_background(work, self._fetched, self._fetch_failed, owner=self)

    def cancel(self) -> None:
        if self.progress is not None:
            self.progress.cancel()
            self.cancel_button.setEnabled(False)
            self.status.setText("Cancelling…")

    def _progress(self, done: int, total: int, message: str) -> None:
        self.bar.setValue(int(1000 * done / total) if total else 0)
        self.status.setText(message)

    def _finish(self) -> None:
        self.progress = None
        self.bar.hide()
        self.cancel_button.hide()
        self._update_buttons()

    def _fetched(self, result: tuple[bool, list[FeedbackPull]]) -> None:
        self._finish()
        has_targets, pulled = result
        if not has_targets:
            self.status.setStyleSheet(ERROR_STYLE)
            self.status.setText("No targets yet: add the panel's shared folder or WebDAV "
                                "server with Targets… on the 'Sample and bundle' tab.")
            return
        new = sum(1 for p in pulled if p.status in ("new", "updated"))
        bad = [p for p in pulled if p.status == "rejected"]
        lines = [f"{new} new, {sum(1 for p in pulled if p.status == 'same')} already here"
                 + (f", {len(bad)} rejected" if bad else "") + "."]
        lines += [f"Rejected {p.source.rpartition('/')[2]}: {p.detail}" for p in bad]
        self.status.setStyleSheet(ERROR_STYLE if bad else "")
        self.status.setText("\n".join(lines))
        self.refresh()

    def _fetch_failed(self, exc: BaseException) -> None:
        self._finish()
        cancelled = isinstance(exc, Cancelled)
        self.status.setStyleSheet("" if cancelled else ERROR_STYLE)
        self.status.setText("Cancelled; the feedback already verified is kept."
                            if cancelled else describe(exc))
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.status.setStyleSheet(ERROR_STYLE)
        self.status.setText(describe(exc))

    def mark_read(self) -> None:
        row = self.current()
        if row is None:
            return
        code = row.return_code

        def done(_: Any) -> None:
            self.status.setStyleSheet("")
            self.status.setText(f"Recorded that you read the feedback on {code}.")
            self.refresh(code)

        run_in_background(lambda: self.inbox.mark_read(code), done, self._failed, owner=self)

    def log_cpd(self) -> None:
        row = self.current()
        if row is None:
            return
        code = row.return_code

        def done(entry: int) -> None:
            self.status.setStyleSheet("")
            self.status.setText(f"Logged as CPD (entry {entry}); it counts towards your "
                                "currency.")
            self.refresh(code)

        run_in_background(lambda: self.inbox.log_cpd(code), done, self._failed, owner=self)

    def _open_report(self) -> None:
        row = self.current()
        if row is not None and row.placement_id is not None and row.kind:
            self.open_report.emit(row.placement_id, row.kind)
