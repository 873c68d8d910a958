"""Exporting, signing and verifying report PDFs from the Reports page."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QProgressDialog,
)

from pe_desktop.domain.reports import label
from pe_desktop.ui.background import Cancelled, Progress, run_in_background
from pe_desktop.ui.signing import IdentityDialog
from pe_desktop.ui.widgets.messages import show_error


def safe_filename(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-").lower() or "report"


class ReportExports:
    """Mixed into :class:`ReportsPage`; uses its widgets and ``ctx``."""

    def _settings(self) -> QSettings:
        return QSettings()

    def _ask_path(self, stem: str, sign: bool) -> Path | None:
        last = self._settings().value("reports/last_dir", str(Path.home()))
        stem = safe_filename(stem) + ("-signed" if sign else "")
        path, _ = QFileDialog.getSaveFileName(self, "Export PDF", str(Path(last) / f"{stem}.pdf"),
                                              "PDF (*.pdf)")
        if not path:
            return None
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        self._settings().setValue("reports/last_dir", str(Path(path).parent))
        return Path(path)

    def export(self, sign: bool) -> None:
        view = self.view
        if view is None or not self.save(sync=True):
            return
        self._export(view.kind.value, {"version": view.version.number},
                     f"{label(view.kind)}-{view.details.student}-v{view.version.number}", sign)

    def export_other(self, kind: str) -> None:
        """Portfolio, evidence index, supervision log or observation for this placement."""
        if self._placement_id is None or not self.save(sync=True):
            return
        student = self.picker.currentText().split(" — ")[0]
        self._export(kind, {}, f"{kind}-{student}", self.sign_others.isChecked())

    def _export(self, kind: str, options: dict, stem: str, sign: bool) -> None:
        store = None
        if sign:
            store = self.signing.store()
            if store is None:
                return
        out = self._ask_path(stem, sign)
        if out is None:
            return
        self.run_export(kind, options, out, sign, store)

    def run_export(self, kind: str, options: dict, out: Path, sign: bool, store: Any) -> None:
        from pe_desktop.services.documents.kinds import PdfRequest
        from pe_desktop.services.signing.pdf_export import export_pdf

        pid = self._placement_id
        progress = Progress()
        dialog = QProgressDialog("Preparing…", "Cancel", 0, 3, self)
        dialog.setWindowTitle("Export PDF")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        progress.changed.connect(lambda done, total, msg: (dialog.setMaximum(total),
                                                           dialog.setValue(done),
                                                           dialog.setLabelText(msg)))
        dialog.canceled.connect(progress.cancel)
        request = PdfRequest(pid, options, progress=progress.report)

        def done(result: Any) -> None:
            dialog.reset()
            msg = f"Saved {result.path.name} ({result.pages} pages)."
            if result.signed:
                msg += f" Signed; certificate SHA-256 {result.fingerprint}."
            self.status.setText(msg)
            self.last_export = result

        def failed(exc: BaseException) -> None:
            dialog.reset()
            if not isinstance(exc, Cancelled):
                show_error(self, exc)

        self.last_export = None
        run_in_background(
            lambda: export_pdf(self.ctx, kind, request, out, sign=sign, store=store),
            done, failed,
        )

    def verify(self) -> None:
        last = self._settings().value("reports/last_dir", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(self, "Verify a signed PDF", str(last),
                                              "PDF (*.pdf)")
        if path:
            self.run_verify(Path(path))

    def run_verify(self, path: Path) -> None:
        from pe_desktop.export.signing import verify_file

        def done(report: Any) -> None:
            self.last_verify = report
            box = QMessageBox(
                QMessageBox.Icon.Information if report.ok else QMessageBox.Icon.Warning,
                "Signature check",
                ("The document is intact and unchanged since it was signed." if report.ok
                 else f"Not confirmed: {report.reason}"
                 if report.status == "chain-incomplete"
                 else f"Verification failed: {report.reason}"),
                parent=self,
            )
            box.setDetailedText("\n".join(report.lines()))
            box.setInformativeText(path.name)
            box.open()

        at = self.ctx.now()
        run_in_background(lambda: verify_file(path, at=at), done, lambda exc: show_error(self, exc))

    def show_identity(self) -> None:
        store = self.signing.store()
        if store is None:
            return
        IdentityDialog(self.ctx, store, self).exec()
