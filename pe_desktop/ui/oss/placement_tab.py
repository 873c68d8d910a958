"""The PE's "On-site supervisor" tab on a placement: invite, import, annotate.

Imported records are listed with the OSS as author; the PE adds an annotation
beside a record, never edits it. A banner says when a first package waits for
the PE to confirm the OSS's key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.wording import count
from pe_desktop.services.context import AppContext
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.signing import SigningSupport
from pe_desktop.ui.widgets.column_fit import fit_columns
from pe_desktop.ui.widgets.messages import show_error


class OssTab(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.signing = SigningSupport(ctx, self)
        self.placement_id: int | None = None
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("background: #fff4ce; border: 1px solid #e0c060; "
                                  "border-radius: 4px; padding: 6px;")
        self.banner.hide()
        layout.addWidget(self.banner)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QGridLayout()  # two by two: the tab stays narrow beside the student list
        self.invite_button = QPushButton("&Invite on-site supervisor…")
        self.invite_button.clicked.connect(self.invite)
        self.pull_button = QPushButton("Check targets for records")
        self.pull_button.clicked.connect(self.pull)
        self.import_button = QPushButton("Import package file…")
        self.import_button.clicked.connect(self.import_file)
        self.annotate_button = QPushButton("Annotate…")
        self.annotate_button.clicked.connect(self.annotate)
        for i, b in enumerate((self.invite_button, self.pull_button, self.import_button,
                               self.annotate_button)):
            row.addWidget(b, i // 2, i % 2)
        row.setColumnStretch(2, 1)
        layout.addLayout(row)
        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName("On-site supervisors and their keys")
        self.table.setHorizontalHeaderLabels(["Record", "Signed by", "Imported", "Your annotation"])
        fit_columns(self.table)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        layout.addWidget(self.table, 1)
        self.rows: list = []

    def set_placement(self, detail) -> None:  # PlacementDetail | None
        self.placement_id = detail.placement.id if detail is not None else None
        # Its queries run on the GUI thread: a hidden tab (the usual case while the PE
        # moves through students) loads when it is shown.
        self._stale = not self.isVisible()
        if not self._stale:
            self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if getattr(self, "_stale", False):
            self.refresh()

    def refresh(self) -> None:
        from pe_desktop.services.oss.records_pe import imported, invitations

        self._stale = False
        self.table.setRowCount(0)
        if self.placement_id is None:
            return
        invs = invitations(self.ctx, self.placement_id)
        self.rows = imported(self.ctx, self.placement_id)
        if not invs:
            self.summary.setText("No on-site supervisor invited yet. An invitation carries the "
                                 "student's first name, the framework and your public keys.")
        else:
            last = invs[-1]
            pinned = (f"Key confirmed: {last.pinned_name} ({last.pinned_fingerprint[:23]}…)."
                      if last.pinned_fingerprint else "No record received yet.")
            from pe_desktop.services.oss.report_section import requests_for

            sections = [f"{'Midway report' if k == 'midway' else 'EPR'} v{n} sent {on}"
                        + (" (answered)" if done else " (waiting)")
                        for k, n, on, done in requests_for(self.ctx, self.placement_id)]
            self.summary.setText(f"{count(len(invs), 'invitation')}, the latest valid until "
                                 f"{last.expires_on:%d %b %Y}. {pinned}"
                                 + (" Report sections: " + "; ".join(sections) + "."
                                    if sections else ""))
        for r in self.rows:
            i = self.table.rowCount()
            self.table.insertRow(i)
            what = {"observation": f"Direct observation #{r.record_id}",
                    "supervision": f"Supervision note #{r.record_id}",
                    "report": "Report comments (signed reply)"}.get(r.kind, r.kind)
            for c, text in enumerate((what, r.oss_name,
                                      f"{self.ctx.local_date(r.imported_at):%d %b %Y}",
                                      r.annotation)):
                self.table.setItem(i, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)

    # -- actions -------------------------------------------------------------
    def invite(self) -> None:
        from pe_desktop.services.oss.invitation import issue

        if self.placement_id is None:
            return
        out, _ = QFileDialog.getSaveFileName(self, "Save the invitation for the on-site "
                                                   "supervisor", "invitation.peinvite",
                                             "PE Desktop invitation (*.peinvite)")
        if not out:
            return
        store = self.signing.store()
        if store is None:
            return
        try:
            inv = issue(self.ctx, store, self.placement_id, Path(out))
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc, "Invitation not written")
            return
        self.banner.setText(f"Invitation for {inv.student_first_name} saved to {out}. Give it "
                            f"to the on-site supervisor; your key fingerprint is "
                            f"{inv.pe_fingerprint[:23]}…")
        self.banner.show()
        self.refresh()

    def import_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import an on-site supervisor's record", "",
                                              "OSS package (*.pepkg);;All (*)")
        if path:
            self._run(lambda store, fp: [self._import_one(store, Path(path), fp)])

    def pull(self) -> None:
        from pe_desktop.services.oss.importer import pull

        self._run(lambda store, fp: pull(self.ctx, store, trust_fingerprint=fp))

    def _import_one(self, store, path: Path, fp):
        from pe_desktop.services.oss.importer import PullResult, TrustNeeded, import_file
        from pe_desktop.services.packages.errors import PackageRejected

        try:
            return PullResult("file", path.name, import_file(self.ctx, store, path,
                                                             trust_fingerprint=fp), "")
        except TrustNeeded as exc:
            return PullResult("file", path.name, None, str(exc), "trust", exc)
        except PackageRejected as exc:
            return PullResult("file", path.name, None, str(exc), exc.reason)

    def _run(self, job, fp: str | None = None) -> None:
        store = self.signing.store()
        if store is None:
            return
        self.pull_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.pull_button.setEnabled(True)
            show_error(self, exc, "Import failed")

        run_in_background(lambda: job(store, fp), lambda res: self._done(res, job), failed,
                          owner=self)

    def _done(self, results, job) -> None:
        from pe_desktop.ui.oss.trust_dialog import TrustDialog

        self.pull_button.setEnabled(True)
        ok = [r for r in results if r.imported]
        refused = [r for r in results if not r.imported and not r.trust]
        trust = next((r.trust for r in results if r.trust), None)
        lines = [f"Imported {count(len(ok), 'record')} from on-site supervisors."] if ok else []
        lines += [f"Refused {r.name}: {r.error}" for r in refused]
        self.banner.setText("\n".join(lines) or "Nothing new from on-site supervisors.")
        self.banner.show()
        self.refresh()
        if trust is not None:
            dlg = TrustDialog(trust.oss_name, trust.fingerprint, trust.first_name, self)
            self.trust_dialog = dlg
            dlg.accepted.connect(lambda: self._run(job, trust.fingerprint))
            self.banner.setText(self.banner.text() + f"\nA first record from {trust.oss_name} "
                                "waits for you to confirm their key.")
            dlg.open()

    def annotate(self) -> None:
        from pe_desktop.services.oss.records_pe import annotate

        i = self.table.currentRow()
        if not 0 <= i < len(self.rows):
            return
        r = self.rows[i]
        text, ok = QInputDialog.getMultiLineText(self, "Annotate", f"Your note beside "
                                                 f"{r.oss_name}'s record (theirs stays as "
                                                 "signed):", r.annotation)
        if ok:
            try:
                annotate(self.ctx, r.id, text)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
            self.refresh()
