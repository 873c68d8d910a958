"""The on-site supervisor's app: the students they supervise, the PE's own
observation and supervision editors, sending signed records, and their PDF
record of students supervised — nothing else."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.evidence_vocab import ObserverRole
from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss import profile as oss_profile
from pe_desktop.services.oss.keys import require_identity
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.signing import SigningSupport
from pe_desktop.ui.widgets.messages import show_error


class OssWindow(QMainWindow):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signing = SigningSupport(ctx, self)
        ident = require_identity(ctx)
        self.setWindowTitle(f"PE Desktop — on-site supervisor: {ident.name}")
        self.resize(980, 620)
        central = QWidget(self)
        outer = QVBoxLayout(central)
        intro = QLabel(f"<b>{ident.name}</b> · on-site supervisor · your key "
                       f"<code>{ident.fingerprint}</code>")
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        outer.addWidget(intro)
        split = QSplitter(self)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.addWidget(QLabel("Students you supervise"))
        self.students = QListWidget(left)
        self.students.setMinimumWidth(240)
        self.students.currentRowChanged.connect(self._load_records)
        ll.addWidget(self.students, 1)
        self.join_button = QPushButton("Join an invitation…", left)
        self.join_button.clicked.connect(self.join_invitation)
        ll.addWidget(self.join_button)
        split.addWidget(left)
        right = QWidget()
        rl = QVBoxLayout(right)
        self.student_label = QLabel()
        self.student_label.setWordWrap(True)
        rl.addWidget(self.student_label)
        self.records = QTableWidget(0, 4, right)
        self.records.setHorizontalHeaderLabels(["Date", "Record", "Domains", "State"])
        self.records.horizontalHeader().setStretchLastSection(True)
        self.records.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.records.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.records.doubleClicked.connect(lambda *_: self.open_selected())
        rl.addWidget(self.records, 1)
        buttons = QHBoxLayout()
        self.new_obs = QPushButton("New &observation…")
        self.new_obs.clicked.connect(self.new_observation)
        self.new_sup = QPushButton("New &supervision note…")
        self.new_sup.clicked.connect(self.new_supervision)
        self.send_button = QPushButton("Sign and s&end to the PE")
        self.send_button.clicked.connect(self.send)
        self.save_button = QPushButton("Save packages to a folder…")
        self.save_button.clicked.connect(lambda: self.send(ask_folder=True))
        for b in (self.new_obs, self.new_sup, self.send_button, self.save_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.pdf_button = QPushButton("My record (PDF)…")
        self.pdf_button.clicked.connect(self.export_pdf)
        buttons.addWidget(self.pdf_button)
        rl.addLayout(buttons)
        rl.addWidget(QLabel("Report sections the PE asked you to comment on"))
        self.asks = QTableWidget(0, 3, right)
        self.asks.setAccessibleName("Report sections to comment on")
        self.asks.setHorizontalHeaderLabels(["Received", "Report", "State"])
        self.asks.horizontalHeader().setStretchLastSection(True)
        self.asks.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.asks.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.asks.setMaximumHeight(130)
        self.asks.doubleClicked.connect(lambda *_: self.open_ask())
        rl.addWidget(self.asks)
        ask_row = QHBoxLayout()
        self.check_asks = QPushButton("&Check for report sections")
        self.check_asks.clicked.connect(self.pull_asks)
        self.open_ask_file = QPushButton("Open a report section &file…")
        self.open_ask_file.clicked.connect(self.receive_ask_file)
        self.reply_button = QPushButton("Comment and confir&m…")
        self.reply_button.clicked.connect(self.open_ask)
        for b in (self.check_asks, self.open_ask_file, self.reply_button):
            ask_row.addWidget(b)
        ask_row.addStretch(1)
        rl.addLayout(ask_row)
        split.addWidget(right)
        split.setSizes([260, 720])
        outer.addWidget(split, 1)
        self.setCentralWidget(central)
        self.refresh()

    # -- data ----------------------------------------------------------------
    def refresh(self) -> None:
        row = max(self.students.currentRow(), 0)
        self.supervisees = oss_profile.supervisees(self.ctx)
        self.students.blockSignals(True)
        self.students.clear()
        for sv in self.supervisees:
            item = QListWidgetItem(f"{sv.first_name}\n{count(sv.observations, 'observation')}, "
                                   f"{count(sv.supervisions, 'supervision')}")
            self.students.addItem(item)
        self.students.blockSignals(False)
        if self.supervisees:
            self.students.setCurrentRow(min(row, len(self.supervisees) - 1))
        self._load_records(self.students.currentRow())

    def current(self) -> oss_profile.Supervisee | None:
        i = self.students.currentRow()
        return self.supervisees[i] if 0 <= i < len(self.supervisees) else None

    def _load_records(self, _row: int) -> None:
        from pe_desktop.services.evidence.observations import ObservationService
        from pe_desktop.services.supervision import SupervisionService

        sv = self.current()
        for b in (self.new_obs, self.new_sup, self.send_button, self.save_button,
                  self.check_asks, self.open_ask_file):
            b.setEnabled(sv is not None)
        self.records.setRowCount(0)
        self.asks.setRowCount(0)
        self.reply_button.setEnabled(False)
        self.rows: list[tuple[str, object]] = []
        if sv is None:
            self.student_label.setText("Join the invitation file your student's practice "
                                       "educator gave you to start.")
            return
        fw = self.ctx.frameworks.get(sv.framework)
        self.student_label.setText(
            f"<b>{sv.first_name}</b> · {fw.name} · practice educator {sv.pe_name or '—'} · "
            f"invitation valid until {sv.expires_on:%d %b %Y}")
        sent = set(oss_profile.finished(self.ctx, sv.placement_id))
        entries = [("observation", o, o.observed_on) for o in
                   ObservationService(self.ctx).list(sv.placement_id)]
        entries += [("supervision", x, x.held_on) for x in
                    SupervisionService(self.ctx).list_sessions(sv.placement_id)]
        entries.sort(key=lambda e: e[2], reverse=True)
        for kind, rec, on in entries:
            domains = rec.domains  # type: ignore[attr-defined]
            if oss_profile.is_sent(self.ctx, kind, rec.id):  # type: ignore[attr-defined]
                state = "Sent to the PE (signed)"
            elif (kind, rec.id) in sent:  # type: ignore[attr-defined]
                state = "Finished — not sent yet"
            else:
                state = "Draft (planned)"
            r = self.records.rowCount()
            self.records.insertRow(r)
            what = "Direct observation" if kind == "observation" else "Supervision note"
            for c, text in enumerate((f"{on:%d %b %Y}", what, f"{count(len(domains), 'domain')}", state)):
                self.records.setItem(r, c, QTableWidgetItem(text))
            self.rows.append((kind, rec))
        self._load_asks(sv.placement_id)

    # -- report sections -----------------------------------------------------------
    def _load_asks(self, placement_id: int) -> None:
        from pe_desktop.services.oss.report_asks import asks

        self.ask_rows = asks(self.ctx, placement_id)
        self.asks.setRowCount(0)
        for a in self.ask_rows:
            r = self.asks.rowCount()
            self.asks.insertRow(r)
            for c, text in enumerate((f"{a.received_on:%d %b %Y}", a.title, a.state)):
                self.asks.setItem(r, c, QTableWidgetItem(text))
        self.asks.resizeColumnsToContents()
        self.reply_button.setEnabled(bool(self.ask_rows))

    def pull_asks(self) -> None:
        from pe_desktop.services.oss.report_asks import pull

        store = self.signing.store()
        if store is None:
            return
        run_in_background(lambda: pull(self.ctx, store), self._asks_received,
                          lambda e: show_error(self, e, "Nothing received"), owner=self)

    def receive_ask_file(self) -> None:
        from pe_desktop.services.oss.report_asks import Received, receive_file

        path, _ = QFileDialog.getOpenFileName(self, "Open a report section from the PE", "",
                                              "PE Desktop package (*.pepkg);;All (*)")
        if not path:
            return
        store = self.signing.store()
        if store is None:
            return
        run_in_background(lambda: [Received(Path(path).name, receive_file(self.ctx, store,
                                                                           Path(path)))],
                          self._asks_received, lambda e: show_error(self, e, "Not opened"),
                          owner=self)

    def _asks_received(self, results) -> None:
        got = [r for r in results if r.ask]
        msg = f"{count(len(got), 'report section')} received" if got else "No new report sections"
        refused = [f"{r.name}: {r.error}" for r in results if not r.ask]
        if refused:
            msg += "; refused " + "; ".join(refused)
        self.statusBar().showMessage(msg, 15000)
        self.last_status = msg
        self.refresh()

    def open_ask(self) -> None:
        from pe_desktop.services.qa.targets import TargetService
        from pe_desktop.ui.oss.reply_dialog import ReplyDialog

        rows = getattr(self, "ask_rows", [])
        i = max(self.asks.currentRow(), 0)
        if not rows:
            return
        dlg = ReplyDialog(self.ctx, rows[min(i, len(rows) - 1)], self.signing,
                          bool(TargetService(self.ctx).list()), self)

        def closed(_result: int) -> None:
            if dlg.result_text:
                self.statusBar().showMessage(dlg.result_text, 15000)
                self.last_status = dlg.result_text
            self.refresh()

        dlg.finished.connect(closed)
        dlg.open()
        self.reply_dialog = dlg

    # -- editors -------------------------------------------------------------
    def new_observation(self) -> None:
        from pe_desktop.domain.evidence_vocab import ObservationStatus
        from pe_desktop.ui.evidence.observation_editors import ObservationEditor

        sv = self.current()
        if sv is None:
            return
        dlg = ObservationEditor(self.ctx, sv.placement_id, parent=self)
        if not dlg.observer_name.text():
            ident = require_identity(self.ctx)
            dlg.status.setCurrentIndex(dlg.status.findData(ObservationStatus.COMPLETED.value))
            dlg.observer_role.setCurrentIndex(
                dlg.observer_role.findData(ObserverRole.ONSITE_SUPERVISOR.value))
            dlg.observer_name.setText(ident.name)
        self._show(dlg)

    def new_supervision(self) -> None:
        from pe_desktop.domain.evidence_vocab import SupervisionType
        from pe_desktop.ui.supervision.editor import SupervisionEditor

        sv = self.current()
        if sv is None:
            return
        dlg = SupervisionEditor(self.ctx, sv.placement_id, parent=self)
        dlg.kind.setCurrentIndex(dlg.kind.findData(SupervisionType.ONSITE_SUPERVISOR.value))
        self._show(dlg)

    def open_selected(self) -> None:
        from pe_desktop.ui.evidence.observation_editors import ObservationEditor
        from pe_desktop.ui.supervision.editor import SupervisionEditor

        sv = self.current()
        i = self.records.currentRow()
        if sv is None or not 0 <= i < len(self.rows):
            return
        kind, rec = self.rows[i]
        if kind == "observation":
            dlg = ObservationEditor(self.ctx, sv.placement_id, rec, parent=self)  # type: ignore[arg-type]
        else:
            dlg = SupervisionEditor(self.ctx, sv.placement_id, rec, parent=self)  # type: ignore[arg-type]
        if oss_profile.is_sent(self.ctx, kind, rec.id):  # type: ignore[attr-defined]
            dlg.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            dlg.setWindowTitle(dlg.windowTitle() + " — sent to the PE, read only")
        self._show(dlg)

    def _show(self, dlg) -> None:
        dlg.saved.connect(lambda *_: self.refresh())
        dlg.open()
        self.editor = dlg

    # -- sending ------------------------------------------------------------
    def send(self, ask_folder: bool = False) -> None:
        from pe_desktop.services.qa.targets import TargetService

        folder: Path | None = None
        if ask_folder or not TargetService(self.ctx).list():
            chosen = QFileDialog.getExistingDirectory(self, "Save signed packages for the PE in")
            if not chosen:
                return
            folder = Path(chosen)
        store = self.signing.store()
        if store is None:
            return

        def work():
            from pe_desktop.services.oss.send import send
            from pe_desktop.services.qa.transfer import push

            sent = send(self.ctx, store, folder)
            report = None if folder else push(self.ctx, store)
            return sent, report

        self.send_button.setEnabled(False)
        run_in_background(work, self._sent, self._failed, owner=self)

    def _sent(self, result) -> None:
        sent, report = result
        self.send_button.setEnabled(True)
        msg = f"{count(len(sent), 'record')} signed and encrypted for the PE"
        if report is not None:
            msg += f"; {report.summary()}"
            if not report.ok:
                msg += " — " + "; ".join(d.error for d in report.failures)
        self.statusBar().showMessage(msg, 15000)
        self.last_status = msg
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self.send_button.setEnabled(True)
        show_error(self, exc, "Sending failed")

    def export_pdf(self) -> None:
        out, _ = QFileDialog.getSaveFileName(self, "Save your record of students supervised",
                                             "students-supervised.pdf", "PDF (*.pdf)")
        if not out:
            return
        from pe_desktop.services.oss.statement import write_statement

        run_in_background(lambda: write_statement(self.ctx, Path(out)),
                          lambda p: self.statusBar().showMessage(f"Saved {p}", 10000),
                          lambda e: show_error(self, e), owner=self)

    def join_invitation(self) -> None:
        from pe_desktop.ui.oss.join_dialog import JoinDialog

        dlg = JoinDialog(self.ctx, self.signing, self, ask_name=False)
        dlg.accepted.connect(self.refresh)
        dlg.open()
