"""The Data protection dialog: backup locations and rotation, retention, check, audit, key.

Every action that reads or rewrites much (check, verify, rotate, retention)
runs in the background with progress; the window never freezes.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.backup.settings import load_settings, save_settings
from pe_desktop.services.context import AppContext
from pe_desktop.ui.protection.dialogs import back_up_now, show_recovery_key, store_description
from pe_desktop.ui.protection.work import run_with_progress
from pe_desktop.ui.widgets.messages import confirm, show_error


def _spin(value: int, maximum: int = 1000) -> QSpinBox:
    box = QSpinBox()
    box.setRange(0, maximum)
    box.setValue(value)
    return box


class DataProtectionDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Data protection")
        layout = QVBoxLayout(self)
        layout.addWidget(self._encryption_box())
        layout.addWidget(self._backup_box())
        layout.addWidget(self._retention_box())
        layout.addWidget(self._checks_box())
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        layout.addWidget(self.result_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(620, 0)

    # -- sections ---------------------------------------------------------------
    def _encryption_box(self) -> QGroupBox:
        box = QGroupBox("Encryption")
        form = QFormLayout(box)
        form.addRow("Database and files", QLabel("encrypted (SQLCipher, AES-256; files "
                                                 "AES-256-GCM)"))
        form.addRow("Key kept in", QLabel(store_description(self.ctx)))
        self.rotate_button = QPushButton("Rotate key…")
        self.rotate_button.clicked.connect(self.rotate_key)
        form.addRow("", self.rotate_button)
        return box

    def _backup_box(self) -> QGroupBox:
        s = load_settings(self.ctx.paths)
        box = QGroupBox("Automatic backups (encrypted)")
        form = QFormLayout(box)
        row = QHBoxLayout()
        self.keep_daily, self.keep_weekly, self.keep_monthly = (
            _spin(s.keep_daily), _spin(s.keep_weekly), _spin(s.keep_monthly))
        for label, spin in (("daily", self.keep_daily), ("weekly", self.keep_weekly),
                            ("monthly", self.keep_monthly)):
            row.addWidget(spin)
            row.addWidget(QLabel(label))
        row.addStretch(1)
        form.addRow("Keep", row)
        loc = QHBoxLayout()
        self.second = QLineEdit(s.second_location)
        self.second.setPlaceholderText("optional: a USB stick or synced folder")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        loc.addWidget(self.second, 1)
        loc.addWidget(browse)
        form.addRow("Second copy in", loc)
        form.addRow("Backups folder", QLabel(str(self.ctx.paths.backups)))
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(
            lambda: back_up_now(self.ctx, self, self.result_label.setText))
        form.addRow("", self.backup_button)
        return box

    def _retention_box(self) -> QGroupBox:
        from pe_desktop.services.retention.policy import load_policy

        policy = load_policy(self.ctx)
        box = QGroupBox("Retention of students' data")
        form = QFormLayout(box)
        self.years = _spin(policy.default_years, 100)
        self.years.setMinimum(1)
        self.years.setSuffix(" years after the last placement ended")
        form.addRow("Keep", self.years)
        self.mode = QComboBox()
        self.mode.addItem("Anonymise", "anonymise")
        self.mode.addItem("Delete", "delete")
        self.mode.setCurrentIndex(0 if policy.mode == "anonymise" else 1)
        form.addRow("Then", self.mode)
        row = QHBoxLayout()
        self.preview_button = QPushButton("Preview…")
        self.preview_button.clicked.connect(self.preview_retention)
        self.apply_button = QPushButton("Apply now…")
        self.apply_button.clicked.connect(self.apply_retention)
        row.addWidget(self.preview_button)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        form.addRow("", row)
        return box

    def _checks_box(self) -> QGroupBox:
        box = QGroupBox("Checks")
        row = QHBoxLayout(box)
        self.check_button = QPushButton("Check data…")
        self.check_button.clicked.connect(self.run_check)
        self.verify_button = QPushButton("Verify audit trail")
        self.verify_button.clicked.connect(self.verify_audit)
        self.anchor_button = QPushButton("Verify against a file…")
        self.anchor_button.setToolTip("Also check that the trail still holds the chain head "
                                      "recorded in a signed PDF you exported or a QA bundle "
                                      "you shared ('pe-desktop audit verify --pdf/--bundle')")
        self.anchor_button.clicked.connect(self.verify_against_file)
        row.addWidget(self.check_button)
        row.addWidget(self.verify_button)
        row.addWidget(self.anchor_button)
        row.addStretch(1)
        return box

    # -- actions ----------------------------------------------------------------
    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Second backup folder")
        if folder:
            self.second.setText(folder)

    def save(self) -> None:
        from pe_desktop.services.retention.policy import load_policy, save_policy

        try:
            settings = replace(load_settings(self.ctx.paths),
                               keep_daily=self.keep_daily.value(),
                               keep_weekly=self.keep_weekly.value(),
                               keep_monthly=self.keep_monthly.value(),
                               second_location=self.second.text().strip())
            save_settings(self.ctx.paths, settings)
            save_policy(self.ctx, replace(load_policy(self.ctx), default_years=self.years.value(),
                                          mode=self.mode.currentData()))
        except PEDesktopError as exc:
            show_error(self, exc)
            return
        self.accept()

    def run_check(self) -> None:
        from pe_desktop.services.backup.check import run_check

        def done(result) -> None:
            checked = ", ".join(f"{n} {k}" for k, n in result.checked.items())
            self.result_label.setText(
                f"All intact ({checked})." if result.ok else f"Problem: {result.problems[0]}")

        run_with_progress(self, "Checking", lambda p: run_check(self.ctx, p), done)

    def verify_audit(self) -> None:
        from pe_desktop.services import audit

        def done(outcome) -> None:
            n, problem = outcome
            self.result_label.setText(f"Audit trail intact: {n} events." if problem is None
                                      else f"Audit trail broken: {problem.message}")

        run_with_progress(self, "Verifying the audit trail", lambda _p: audit.verify(self.ctx),
                          done)

    def verify_against_file(self) -> None:
        """The chain checked against the head a signed PDF or a QA bundle carries:
        a trail rewritten after that file left the laptop no longer holds it."""
        from pe_desktop.services import audit
        from pe_desktop.services.audit.anchors import file_anchor

        path, _ = QFileDialog.getOpenFileName(
            self, "A signed PDF or QA bundle you sent", "",
            "Signed PDF or QA bundle (*.pdf *.age *.peqa *.zip);;All files (*)")
        if not path:
            return
        name = Path(path).name
        store = self.ctx.store
        if store is None and not name.lower().endswith(".pdf"):  # a bundle needs the QA keys
            from pe_desktop.ui.signing import SigningSupport

            store = SigningSupport(self.ctx, self).store()
            if store is None:
                return

        def work(_p):
            head = file_anchor(self.ctx, store, Path(path))
            return audit.verify(self.ctx, head)

        def done(outcome) -> None:
            n, problem = outcome
            self.result_label.setText(
                f"Audit trail intact: {n} events, still holding the chain head recorded in "
                f"{name}." if problem is None else f"Audit trail broken: {problem.message}")

        run_with_progress(self, f"Verifying the audit trail against {name}", work, done)

    def rotate_key(self) -> None:
        from pe_desktop.services.protection.rotation import rotate

        if not confirm(self, "Rotate the key?",
                       "Re-encrypt your data, backups and files under a new key? You will get a "
                       "new recovery key to print; the old one will stop working.", "Rotate"):
            return
        run_with_progress(self, "Rotating the key", lambda p: rotate(self.ctx, p),
                          lambda key: show_recovery_key(self.ctx, key, self))

    def preview_retention(self) -> None:
        from pe_desktop.services.retention.service import preview

        def done(due) -> None:
            if not due:
                self.result_label.setText("Nothing is due under the retention policy.")
                return
            names = "; ".join(f"{d.name} ({d.university}, due {d.due_on:%d/%m/%Y})"
                              for d in due[:10])
            more = f" and {len(due) - 10} more" if len(due) > 10 else ""
            self.result_label.setText(f"{len(due)} students due: {names}{more}.")

        run_with_progress(self, "Finding data due under the policy",
                          lambda _p: preview(self.ctx), done)

    def apply_retention(self) -> None:
        from pe_desktop.services.retention.service import apply, preview

        due = preview(self.ctx)
        if not due:
            self.result_label.setText("Nothing is due under the retention policy.")
            return
        mode = self.mode.currentData()
        if not confirm(self, "Apply the retention policy?",
                       f"{mode.capitalize()} the data of {len(due)} students? A backup is taken "
                       "first and the action is recorded in the audit trail.", mode.capitalize()):
            return
        run_with_progress(self, "Applying the retention policy",
                          lambda _p: apply(self.ctx, mode=mode),
                          lambda r: self.result_label.setText(
                              f"{r.mode.capitalize()}d {r.students} students; backup "
                              f"{Path(r.backup).name}."))
