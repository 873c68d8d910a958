"""The Reports page: write, check, sign off, reopen and export midway reports and EPRs."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import NotFoundError
from pe_desktop.domain.reports import ReportKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.reports.evidence import evidence_available
from pe_desktop.services.reports.service import ReportService, ReportView
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.reports.dialogs import (
    ConfirmationDialog,
    ReasonDialog,
    SignOffDialog,
    checklist_item,
)
from pe_desktop.ui.reports.editor import ReportEditor, content_to_fields, fields_to_content
from pe_desktop.ui.reports.exports import ReportExports
from pe_desktop.ui.signing import SigningSupport
from pe_desktop.ui.widgets.editor_dialog import Autosaver
from pe_desktop.ui.widgets.messages import show_error
from pe_desktop.ui.widgets.placement_picker import PlacementPicker


class ReportsPage(QWidget, ReportExports):
    #: ``True``/``False`` restores/discards an autosaved draft without asking (tests).
    restore_drafts: bool | None = None

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.autosaver = Autosaver(ctx, "", "Report", self._draft_fields, parent=self)
        self.autosaver.enabled = False
        self.autosaver.saved.connect(self._draft_saved)
        self.service = ReportService(ctx)
        self.signing = SigningSupport(ctx, self)
        self.view: ReportView | None = None
        self.dirty = False
        self._placement_id: int | None = None
        self._kind = ReportKind.MIDWAY
        self._version: int | None = None

        outer = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.picker = PlacementPicker(ctx, self)
        bar.addWidget(QLabel("Placement"))
        bar.addWidget(self.picker, 1)
        self.kind_box = QComboBox()
        self.kind_box.setAccessibleName("Report")
        for kind in ReportKind:
            self.kind_box.addItem(label(kind), kind)
        bar.addWidget(self.kind_box)
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Version")
        self.version_box.setMinimumContentsLength(24)
        bar.addWidget(self.version_box)
        outer.addLayout(bar)
        self.status = QLabel()
        self.status.setWordWrap(True)
        outer.addWidget(self.status)
        from pe_desktop.ui.qa.report_banner import PanelFeedbackBanner

        self.qa_banner = PanelFeedbackBanner(ctx, self)  # the panel's feedback, if any
        outer.addWidget(self.qa_banner)

        self.stack = QStackedWidget()
        self.empty = QWidget()
        empty_layout = QVBoxLayout(self.empty)
        self.empty_label = QLabel("Choose a placement.")
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start_button = QPushButton("Start writing")
        self.start_button.clicked.connect(self.start_report)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignCenter)
        empty_layout.addStretch(1)
        self.stack.addWidget(self.empty)

        split = QSplitter(Qt.Orientation.Horizontal)
        self.editor = ReportEditor()
        split.addWidget(self.editor)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(QLabel("<b>Before you sign</b>"))
        self.checklist = QListWidget()
        self.checklist.setAccessibleName("Completeness checklist")
        self.checklist.setWordWrap(True)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        side.setMinimumWidth(320)
        side_layout.addWidget(self.checklist, 1)
        self.save_button = QPushButton("Save  (Ctrl+S)")
        self.sign_button = QPushButton("Sign off and lock…")
        self.student_button = QPushButton("Record student's confirmation…")
        self.oss_button = QPushButton("Record supervisor's confirmation…")
        self.send_oss_button = QPushButton("Send to on-site supervisor…")
        self.send_oss_button.setToolTip("Their comments and confirmation come back signed")
        self.reopen_button = QPushButton("Reopen as a new version…")
        self.export_button = QPushButton("Export PDF…")
        self.export_signed_button = QPushButton("Export digitally signed PDF…")
        self.more_button = QPushButton("Other PDFs for this placement")
        self.more_menu = QMenu(self.more_button)
        self.sign_others = self.more_menu.addAction("Sign these PDFs")
        self.sign_others.setCheckable(True)
        self.more_menu.addSeparator()
        for kind_key, text in (("portfolio", "Placement portfolio…"),
                               ("evidence", "Evidence index…"),
                               ("supervision", "Supervision log…"),
                               ("observation", "Latest direct observation…")):
            action = self.more_menu.addAction(text)
            action.triggered.connect(lambda _=False, k=kind_key: self.export_other(k))
        self.more_button.setMenu(self.more_menu)
        self.verify_button = QPushButton("Verify a signed PDF…")
        self.identity_button = QPushButton("Signing identity…")
        for b in (self.save_button, self.sign_button, self.student_button, self.oss_button,
                  self.send_oss_button, self.reopen_button, self.export_button, self.export_signed_button,
                  self.more_button, self.verify_button, self.identity_button):
            side_layout.addWidget(b)
        self.confirmations = QLabel()
        self.confirmations.setWordWrap(True)
        side_layout.addWidget(self.confirmations)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        self.stack.addWidget(split)
        outer.addWidget(self.stack, 1)

        self.picker.placement_changed.connect(self._placement_changed)
        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.version_box.activated.connect(self._version_changed)
        self.editor.changed.connect(self._edited)
        self.editor.concern_requested.connect(self._concern_requested)
        self.save_button.clicked.connect(self.save)
        self.sign_button.clicked.connect(self.sign_off)
        self.student_button.clicked.connect(lambda: self.record_confirmation("student"))
        self.oss_button.clicked.connect(lambda: self.record_confirmation("oss"))
        self.send_oss_button.clicked.connect(self.send_to_oss)
        self.reopen_button.clicked.connect(self.reopen)
        self.export_button.clicked.connect(lambda: self.export(sign=False))
        self.export_signed_button.clicked.connect(lambda: self.export(sign=True))
        self.verify_button.clicked.connect(self.verify)
        self.identity_button.clicked.connect(self.show_identity)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self._update_buttons()

    # -- page protocol ---------------------------------------------------------------
    def refresh(self) -> None:
        self.picker.reload(self._placement_id)

    def open_placement(self, placement_id: int) -> None:
        self.picker.select(placement_id)

    def about_to_close(self) -> None:
        """Nothing lost: a draft with unsaved edits is saved when the window closes."""
        if self.dirty and self.view is not None and not self.view.version.locked:
            try:
                self.service.save(self.view.version.id, self.editor.content())
                self.dirty = False
                self.autosaver.cancel_pending()
                self.autosaver.drafts.discard(self.autosaver.key)
            except Exception:  # noqa: BLE001 - closing must not fail
                pass

    # -- unsaved changes -------------------------------------------------------------
    def _leave_ok(self) -> bool:
        """Ask before leaving unsaved edits: Save, Discard or Cancel."""
        if not self.dirty:
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes",
            f"Save your changes to the {label(self._kind).lower()} first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Save:
            return self.save(sync=True)
        self.autosaver.cancel_pending()
        if self.autosaver.key:
            self.autosaver.drafts.discard(self.autosaver.key)
        self.dirty = False
        return True

    def _placement_changed(self, placement_id: int | None) -> None:
        if placement_id == self._placement_id:
            return
        if not self._leave_ok():
            self.picker.blockSignals(True)
            self.picker.setCurrentIndex(self.picker.findData(self._placement_id))
            self.picker.blockSignals(False)
            return
        self._placement_id = placement_id
        self._version = None
        self.load()

    def _kind_changed(self, _index: int) -> None:
        kind = self.kind_box.currentData()
        if kind == self._kind:
            return
        if not self._leave_ok():
            self.kind_box.blockSignals(True)
            self.kind_box.setCurrentIndex(self.kind_box.findData(self._kind))
            self.kind_box.blockSignals(False)
            return
        self._kind = kind
        self._version = None
        self.load()

    def _version_changed(self, _index: int) -> None:
        number = self.version_box.currentData()
        if self.view is None or number == self.view.version.number:
            return
        if not self._leave_ok():
            self.version_box.setCurrentIndex(self.version_box.findData(self.view.version.number))
            return
        self._version = None if number == self.view.latest_number else number
        self.load()

    def _edited(self) -> None:
        if self.view is None or self.view.version.locked:
            return
        self.dirty = True
        self.autosaver.touch()
        self._show_checklist(self.service.checklist(self.view, self.editor.content()))
        self._update_status()
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------
    def load(self) -> None:
        pid, kind, version = self._placement_id, self._kind, self._version
        if pid is None:
            self.view = None
            self.empty_label.setText("Add a placement on the Students & placements page first.")
            self.start_button.hide()
            self.stack.setCurrentWidget(self.empty)
            self._update_buttons()
            return

        def fetch() -> ReportView | None:
            try:
                return self.service.get(pid, kind, version)
            except NotFoundError:
                if version is not None:
                    raise
                return None

        self.status.setText("Loading…")
        run_in_background(fetch, lambda view: self._show(pid, kind, view),
                          lambda exc: self._failed(exc))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText("")
        show_error(self, exc)

    def _show(self, pid: int, kind: ReportKind, view: ReportView | None) -> None:
        if (pid, kind) != (self._placement_id, self._kind):
            return  # the user moved on while this loaded
        self.view = view
        self.dirty = False
        self.qa_banner.show_for(pid, str(kind))
        if view is None:
            self.empty_label.setText(f"There is no {label(kind).lower()} for this placement yet.")
            self.start_button.setText(f"Start the {label(kind).lower()}")
            self.start_button.show()
            self.stack.setCurrentIndex(0)
            self.status.setText("")
            self.version_box.clear()
            self._update_buttons()
            return
        self.autosaver.cancel_pending()
        self.editor.load(view)
        editable = not view.version.locked and view.is_latest
        self.autosaver.key = f"report-version:{view.version.id}"
        self.autosaver.title = f"{label(view.kind)} — {view.details.student}"
        self.autosaver.enabled = editable
        self.version_box.blockSignals(True)
        self.version_box.clear()
        for v in view.versions:
            self.version_box.addItem(v.describe(), v.number)
        self.version_box.setCurrentIndex(self.version_box.findData(view.version.number))
        self.version_box.blockSignals(False)
        self._show_checklist(view.checklist)
        self.stack.setCurrentIndex(1)
        self._update_status()
        self._update_buttons()
        if editable:
            self._offer_draft(view)

    # -- autosaved drafts ----------------------------------------------------------------
    def _draft_fields(self) -> dict:
        return content_to_fields(self.editor.content())

    def _draft_saved(self) -> None:
        if self.dirty:
            self.status.setText(self.status.text().replace(
                "Unsaved changes", "Unsaved changes (draft kept safe)"))

    def _offer_draft(self, view: ReportView) -> None:
        draft = self.autosaver.drafts.load(self.autosaver.key)
        if draft is None or draft.fields == content_to_fields(view.version.content):
            return
        restore = self.restore_drafts
        if restore is None:
            when = draft.saved_at.astimezone().strftime("%d %b %Y %H:%M")
            box = QMessageBox(QMessageBox.Icon.Question, "Unsaved changes found",
                              f"This report has changes from {when} that were never saved "
                              "(PE Desktop was closed unexpectedly). Restore them?", parent=self)
            ok = box.addButton("Restore changes", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Discard them", QMessageBox.ButtonRole.DestructiveRole)
            box.exec()
            restore = box.clickedButton() is ok
        if restore:
            self.editor.set_content(fields_to_content(draft.fields))
        else:
            self.autosaver.drafts.discard(self.autosaver.key)

    def start_report(self) -> None:
        pid, kind = self._placement_id, self._kind
        if pid is None:
            return
        run_in_background(lambda: self.service.open(pid, kind),
                          lambda view: (self._show(pid, kind, view),
                                        self.editor.focus_first_empty()),
                          lambda exc: show_error(self, exc))

    def _show_checklist(self, items: list) -> None:
        self.checklist.clear()
        for item in items:
            self.checklist.addItem(checklist_item(item))

    def _update_status(self) -> None:
        view = self.view
        if view is None:
            self.status.setText("")
            return
        v = view.version
        parts = [f"<b>{label(view.kind)}</b> — {v.describe()}"]
        if v.locked:
            parts.append("Locked: reopen it to make changes.")
        elif not view.is_latest:
            parts.append(f"An older version; version {view.latest_number} is the current one.")
        elif self.dirty:
            parts.append("<span style='color:#b36b00'>Unsaved changes</span>")
        else:
            parts.append("All changes saved.")
        if v.checklist_override:
            parts.append(f"Signed with items outstanding: {v.override_reason}")
        self.status.setText(" · ".join(parts))
        conf = []
        if v.locked:
            conf.append("Student: " + (v.student_confirmation.text() if v.student_confirmation
                                        else "not yet recorded"))
        if v.locked or v.oss_reply:
            conf.append("On-site supervisor: " + (v.oss_confirmation.text()
                                                   if v.oss_confirmation else "not yet recorded"))
        if v.oss_reply:
            conf.append(v.oss_reply.text())
        self.confirmations.setText("<br>".join(conf))

    def _update_buttons(self) -> None:
        view = self.view
        has = view is not None
        editable = has and not view.version.locked and view.is_latest
        signed_latest = has and view.version.locked and view.is_latest
        self.save_button.setEnabled(editable and self.dirty)
        self.sign_button.setEnabled(editable)
        self.student_button.setEnabled(has and view.version.locked)
        self.oss_button.setEnabled(has and view.version.locked and not (
            view.version.oss_reply and view.version.oss_reply.confirmed))
        self.send_oss_button.setEnabled(has and view.is_latest)
        self.reopen_button.setEnabled(signed_latest)
        self.export_button.setEnabled(has)
        self.export_signed_button.setEnabled(has)
        self.kind_box.setEnabled(self._placement_id is not None)
        self.more_button.setEnabled(self._placement_id is not None and evidence_available())
        if not evidence_available():
            self.more_button.setToolTip("Needs the supervision and evidence records")

    # -- actions ---------------------------------------------------------------------
    def _concern_requested(self, what: str) -> None:
        from pe_desktop.ui.concerns import report_link

        report_link.handle(self, what)

    def save(self, sync: bool = False) -> bool:
        """Save the draft. Returns False if it could not be saved (message shown)."""
        view = self.view
        if view is None or view.version.locked or not self.dirty:
            return True
        try:
            saved = self.service.save(view.version.id, self.editor.content(),
                                      expected_updated_at=view.version.updated_at)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.dirty = False
        self.autosaver.cancel_pending()
        self.autosaver.drafts.discard(self.autosaver.key)
        self.view = replace(view, version=saved)
        if not sync:
            self._version = None
            self.load()
        self._update_status()
        self._update_buttons()
        return True

    def sign_off(self) -> None:
        if self.view is None or not self.save(sync=True):
            return
        self.load_now()
        view = self.view
        assert view is not None
        content = view.version.content
        dlg = SignOffDialog(label(view.kind), view.checklist, self,
                            recommendation=label(content.recommendation)
                            if content.recommendation else "",
                            borderline=content.borderline)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.service.sign(view.version.id, override=bool(dlg.override_reason),
                              override_reason=dlg.override_reason)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.load()

    def load_now(self) -> None:
        """Reload synchronously (after a save, before a dialog needs fresh data)."""
        if self._placement_id is not None:
            self._show(self._placement_id, self._kind,
                       self.service.get(self._placement_id, self._kind, self._version))

    def record_confirmation(self, who: str) -> None:
        view = self.view
        if view is None:
            return
        who_label = "student" if who == "student" else "on-site supervisor"
        default = view.details.student if who == "student" else view.details.oss_name
        dlg = ConfirmationDialog(who_label, default, self.ctx.today(), self)
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        name, on, how = dlg.values()
        try:
            self.service.record_confirmation(view.version.id, who, name, on, how)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.load()

    def send_to_oss(self) -> None:
        from pe_desktop.ui.oss.report_send import send_from_page

        send_from_page(self)

    def reopen(self) -> None:
        view = self.view
        if view is None:
            return
        dlg = ReasonDialog(
            "Reopen report",
            f"Version {view.version.number} stays signed and viewable. A new draft, version "
            f"{view.latest_number + 1}, starts as a copy of it. Why is it being reopened?",
            self,
        )
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.service.reopen(view.version.id, dlg.text())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self._version = None
        self.load()

