"""The OSS comments on, and confirms, the section of a report the PE sent."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.services.context import AppContext
from pe_desktop.services.oss.report_asks import Ask
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import show_error


class ReplyDialog(QDialog):
    """``signing`` gives the secret store; ``has_targets`` enables *Sign and send*."""

    def __init__(self, ctx: AppContext, ask: Ask, signing, has_targets: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ask = ask
        self.signing = signing
        self.result_text = ""
        done = ask.replied_on is not None
        self.setWindowTitle(f"{ask.title} — your comments for {ask.pe_name or 'the PE'}")
        self.setMinimumWidth(620)
        layout = QVBoxLayout(self)
        intro = QLabel(f"<p><b>{ask.pe_name or 'The practice educator'}</b> asks for your "
                       f"comments on the <b>{ask.title.lower()}</b> for "
                       f"<b>{ask.student_first_name}</b>. Your reply is signed with your key "
                       "and only the PE can read it; once sent it cannot change.</p>")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        domains = QLabel(", ".join(f"{d.get('number', '')}. {d.get('title', '')}"
                                   for d in ask.domains))
        domains.setWordWrap(True)
        form.addRow("Domains", domains)
        self.summary = QPlainTextEdit(ask.pe_summary or "(no summary yet)")
        self.summary.setReadOnly(True)
        self.summary.setMaximumHeight(150)
        self.summary.setTabChangesFocus(True)
        self.summary.setAccessibleName("The PE's draft summary")
        form.addRow("The PE's &summary", self.summary)
        form.labelForField(self.summary).setBuddy(self.summary)
        self.comments = QPlainTextEdit(ask.comments)
        self.comments.setPlaceholderText("Your comments on the student's progress")
        self.comments.setMinimumHeight(140)
        self.comments.setTabChangesFocus(True)
        self.comments.setAccessibleName("Your comments")
        self.comments.setReadOnly(done)
        form.addRow("Your comme&nts", self.comments)
        form.labelForField(self.comments).setBuddy(self.comments)
        layout.addLayout(form)
        text = ask.confirmation_text.replace("&", "&&")
        self.confirm = QCheckBox(text.replace("confirm", "c&onfirm", 1) if "confirm" in text
                                 else "I c&onfirm: " + text, self)
        self.confirm.setAccessibleName("Confirm the report section")
        self.confirm.setChecked(ask.confirmed)
        self.confirm.setEnabled(not done)
        layout.addWidget(self.confirm)
        self.state = QLabel(ask.state)
        self.state.setStyleSheet("color: palette(mid);")
        layout.addWidget(self.state)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.send_button = buttons.addButton("Sign and s&end",
                                             QDialogButtonBox.ButtonRole.ActionRole)
        self.folder_button = buttons.addButton("Sign and save to a &folder…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.draft_button = buttons.addButton("Save &draft",
                                              QDialogButtonBox.ButtonRole.ActionRole)
        self.send_button.setEnabled(has_targets and not done)
        if not has_targets:
            self.send_button.setToolTip("No targets yet: save to a folder instead")
        self.folder_button.setEnabled(not done)
        self.draft_button.setEnabled(not done)
        self.send_button.clicked.connect(lambda: self.sign(None))
        self.folder_button.clicked.connect(self.sign_to_folder)
        self.draft_button.clicked.connect(self.save_draft)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save_draft(self) -> None:
        from pe_desktop.services.oss.report_asks import save_draft

        try:
            self.ask = save_draft(self.ctx, self.ask.id, self.comments.toPlainText(),
                                  self.confirm.isChecked())
        except Exception as exc:  # noqa: BLE001 - one message, nothing changed
            show_error(self, exc, "Draft not saved")
            return
        self.state.setText("Draft saved — not sent yet")

    def sign_to_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Save your signed reply for the PE in")
        if chosen:
            self.sign(Path(chosen))

    def sign(self, folder: Path | None) -> None:
        from pe_desktop.services.oss.report_asks import reply

        store = self.signing.store()
        if store is None:
            return
        comments, confirmed = self.comments.toPlainText(), self.confirm.isChecked()

        def work():
            from pe_desktop.services.qa.transfer import push

            sent = reply(self.ctx, store, self.ask.id, comments, confirmed, folder)
            return sent, (None if folder else push(self.ctx, store))

        def done(result) -> None:
            sent, report = result
            self.result_text = (f"Signed and saved {sent.file_name} in {folder}" if folder
                                else f"Signed and sent to {self.ask.pe_name or 'the PE'}")
            if report is not None and not report.ok:
                self.result_text = ("Signed and queued; sending failed: "
                                    + "; ".join(d.error for d in report.failures))
            self.accept()

        def failed(exc: BaseException) -> None:
            for b in (self.send_button, self.folder_button):
                b.setEnabled(True)
            show_error(self, exc, "Reply not sent")

        for b in (self.send_button, self.folder_button):
            b.setEnabled(False)
        run_in_background(work, done, failed, owner=self)
