"""The PE sends a report's on-site supervisor section to the OSS.

:class:`SendSectionDialog` shows exactly what leaves the laptop (the student's
first name, the report, the domains and the PE's draft summary) and for whom it
is encrypted; :func:`send_from_page` runs it for the Reports page.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.oss.report_section import SectionPreview
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import show_error


class SendSectionDialog(QDialog):
    """Preview of the OSS section; ``choice`` is ``"targets"`` or ``"folder"`` once accepted."""

    def __init__(self, preview: SectionPreview, has_targets: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = ""
        self.setWindowTitle("Send the on-site supervisor's section")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(f"<p>Signed by you and encrypted so only <b>{preview.oss_name}</b> "
                       f"(key <code>{preview.oss_fingerprint[:23]}…</code>) can read it. "
                       "They add their comments and confirm in their app; their signed reply "
                       "fills the report's on-site supervisor section.</p>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        form.addRow("Student", QLabel(preview.student_first_name))
        form.addRow("Report", QLabel(preview.title))
        domains = QLabel(", ".join(f"{d['number']}. {d['title']}" for d in preview.domains))
        domains.setWordWrap(True)
        form.addRow("Domains", domains)
        self.summary = QPlainTextEdit(preview.summary or "(no summary written yet)")
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(140)
        self.summary.setAccessibleName("Your draft summary, as sent")
        self.summary.setTabChangesFocus(True)
        form.addRow("Your &draft summary", self.summary)
        form.labelForField(self.summary).setBuddy(self.summary)
        layout.addLayout(form)
        note = QLabel("Nothing else about the student, the placement or the report is sent.")
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(mid);")
        layout.addWidget(note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.targets_button = buttons.addButton("&Send through your targets",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.targets_button.setEnabled(has_targets)
        if not has_targets:
            self.targets_button.setToolTip("No targets yet: add one on the Peer QA page")
        self.folder_button = buttons.addButton("Save to a &folder…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.targets_button.clicked.connect(lambda: self._choose("targets"))
        self.folder_button.clicked.connect(lambda: self._choose("folder"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def send_from_page(page) -> None:  # page: ReportsPage
    """Preview, then sign, encrypt and send (or save) the current version's OSS section."""
    from pe_desktop.services.oss.report_section import preview, send_section
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.ui.signing import SigningSupport

    view = page.view
    if view is None:
        return
    if getattr(page, "dirty", False):
        page.save()
    try:
        pv = preview(page.ctx, view.version.id)
    except Exception as exc:  # noqa: BLE001 - one message, nothing sent
        show_error(page, exc, "Not sent")
        return
    dlg = SendSectionDialog(pv, bool(TargetService(page.ctx).list()), page)
    page.send_section_dialog = dlg
    if dlg.exec() != QDialog.DialogCode.Accepted:
        return
    folder: Path | None = None
    if dlg.choice == "folder":
        chosen = QFileDialog.getExistingDirectory(page, "Save the section for the supervisor in")
        if not chosen:
            return
        folder = Path(chosen)
    store = SigningSupport(page.ctx, page).store()
    if store is None:
        return

    def work():
        from pe_desktop.services.qa.transfer import push

        sent = send_section(page.ctx, store, view.version.id, folder)
        return sent, (None if folder else push(page.ctx, store))

    def done(result) -> None:
        sent, report = result
        msg = (f"Sent the on-site supervisor's section to {sent.preview.oss_name}"
               if report is not None else f"Saved {sent.file_name} in {folder}")
        if report is not None and not report.ok:
            msg = "Queued; sending failed: " + "; ".join(d.error for d in report.failures)
        page.last_status = msg
        page.status.setText(msg)

    run_in_background(work, done, lambda e: show_error(page, e, "Not sent"), owner=page)
