"""GUI side of signing: the secret store for this session and the identity dialog."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.secret_store import (
    SECRETS_FILENAME,
    PassphraseNeeded,
    SecretStore,
    SecretStoreError,
    WrongPassphrase,
)
from pe_desktop.ui.reports.dialogs import PassphraseDialog
from pe_desktop.ui.widgets.messages import confirm, show_error

#: Passphrase attempts before giving up (the user can start again).
TRIES = 3


class SigningSupport:
    """Opens the SecretStore once per session, asking for a passphrase on the GUI thread.

    Opening the encrypted secrets file reads the signing key's passphrase with it
    (one key derivation); the store keeps it, so later exports derive nothing.
    After :attr:`IDLE_MS` without a signature the store is forgotten (the next
    signature asks again): secrets stay in memory only while the PE is signing.
    ``store_factory`` replaces the real store (tests use an in-memory one).
    """

    store_factory: Callable[[], SecretStore] | None = None
    IDLE_MS = 15 * 60 * 1000

    def __init__(self, ctx: AppContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self._store: SecretStore | None = None
        self._idle = QTimer(parent)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self.forget)

    def forget(self) -> None:
        """Drop the open store and the secrets it holds."""
        self._idle.stop()
        if self._store is not None and self._store is not self.ctx.store:
            self._store.forget()
        # The store unlocked at start-up (the data key's) lives for the session: only
        # this reference to it goes.
        self._store = None

    def store(self) -> SecretStore | None:
        """The store, or None when the user cancelled."""
        store = self._open()
        if store is not None:
            self._idle.start(self.IDLE_MS)
        return store

    def _open(self) -> SecretStore | None:
        from pe_desktop.services.signing.identity import SECRET_NAME

        if self._store is not None:
            return self._store
        if SigningSupport.store_factory is not None:
            self._store = SigningSupport.store_factory()
            return self._store
        if self.ctx.store is not None:  # unlocked at start-up: no second prompt
            self._store = self.ctx.store
            return self._store
        from pe_desktop.services.secret_store import probe_native_backend

        native = None
        if os.environ.get("PE_DESKTOP_SECRET_STORE", "auto") != "file":
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                native = probe_native_backend()
            except SecretStoreError as exc:  # a locked keyring: never a second store
                native = exc
            finally:
                QApplication.restoreOverrideCursor()
        if isinstance(native, SecretStoreError):
            show_error(self.parent, native)
            return None
        if native is not None:
            backend, name = native
            self._store = SecretStore(backend, "native", f"the system keyring ({name})")
            return self._store
        keys = self.ctx.paths.keys
        creating = not (keys / SECRETS_FILENAME).exists()
        try:
            if creating:  # refused at once if the key's secret is in an absent keyring
                SecretStore.open_encrypted_file(keys, lambda _c: "")
        except PassphraseNeeded:
            pass
        except SecretStoreError as exc:
            show_error(self.parent, exc)
            return None
        for attempt in range(TRIES):
            dlg = PassphraseDialog(creating, str(keys / SECRETS_FILENAME), self.parent)
            if attempt:
                dlg.setWindowTitle(f"Passphrase for your secrets (try {attempt + 1} of {TRIES})")
            if dlg.exec() != QDialog.DialogCode.Accepted:
                return None
            phrase = dlg.passphrase()
            try:
                QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
                try:
                    self._store = SecretStore.open_encrypted_file(
                        keys, lambda _c, p=phrase: p, preload=(SECRET_NAME,))
                finally:
                    QApplication.restoreOverrideCursor()
                return self._store
            except WrongPassphrase as exc:
                left = TRIES - attempt - 1
                show_error(self.parent, exc, "Wrong passphrase" + (
                    f": {left} more {'try' if left == 1 else 'tries'}" if left else ""))
            except SecretStoreError as exc:
                show_error(self.parent, exc)
                return None
        return None


class IdentityDialog(QDialog):
    """Shows the signing certificate; creates one or imports an employer's PKCS#12."""

    def __init__(self, ctx: AppContext, store: SecretStore, parent: QWidget | None = None
                 ) -> None:
        super().__init__(parent)
        from pe_desktop.services.signing.identity import SigningIdentityService

        self.ctx = ctx
        self.svc = SigningIdentityService(ctx.paths.keys, store)
        self.setWindowTitle("Your signing identity")
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.info)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.create_button = buttons.addButton("Create self-issued certificate…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.import_button = buttons.addButton("Import from employer (.p12)…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button = buttons.addButton("Save certificate…",
                                               QDialogButtonBox.ButtonRole.ActionRole)
        self.create_button.clicked.connect(self.create_identity)
        self.import_button.clicked.connect(self.import_identity)
        self.export_button.clicked.connect(self.export_certificate)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        from html import escape

        try:
            info = self.svc.info()
        except Exception as exc:  # noqa: BLE001 - shown, not fatal
            self.info.setText(f"Your signing identity cannot be opened: {escape(str(exc))}")
            self.export_button.setEnabled(False)
            return
        self.export_button.setEnabled(info is not None)
        if info is None:
            self.info.setText(
                "You have no signing identity yet. Create a self-issued certificate naming you "
                "and your Social Work England registration number, or import the PKCS#12 file "
                "your employer gave you.")
            return
        self.info.setText(
            f"<b>{escape(info.display_name)}</b> — {info.source} certificate<br>"
            f"Valid {info.not_before:%d %b %Y} to {info.not_after:%d %b %Y}<br>"
            f"SHA-256 fingerprint (give this to the university or panel):<br>"
            f"<tt>{info.fingerprint}</tt><br>"
            f"<span style='color:gray'>Key file {escape(str(info.path))}; its passphrase is "
            f"kept in {escape(info.store)}.</span>")

    def _replace_ok(self) -> bool:
        if not self.svc.exists():
            return True
        return confirm(self, "Replace signing identity",
                       "This replaces your current signing identity. PDFs you signed before "
                       "stay valid, but will show the old fingerprint.", "Replace")

    def create_identity(self) -> None:
        from pe_desktop.services.profile import ProfileService

        profile = ProfileService(self.ctx).get()
        if profile is None:
            show_error(self, PEDesktopError("Add your name and registration number to your profile"))
            return
        if not self._replace_ok():
            return
        try:
            self.svc.create(profile.full_name, profile.swe_registration, profile.organisation,
                            now=self.ctx.now(), replace=True)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
        self.refresh()

    def import_identity(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Import signing identity", str(Path.home()),
                                              "PKCS#12 (*.p12 *.pfx);;All files (*)")
        if not path:
            return
        phrase, ok = QInputDialog.getText(self, "Passphrase",
                                          f"Passphrase for {Path(path).name}:",
                                          QLineEdit.EchoMode.Password)
        if not ok or not self._replace_ok():
            return
        try:
            info = self.svc.import_pkcs12(Path(path), phrase, replace=True)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            info = None
        self.refresh()
        if info is not None and info.chain_gap:
            from html import escape

            from pe_desktop.services.signing.identity import chain_gap_advice

            self.info.setText(self.info.text() + "<br><span style='color:#8a5a00'>Note: "
                              + escape(chain_gap_advice(info.chain_gap)) + "</span>")

    def export_certificate(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "Save certificate",
                                              str(Path.home() / "signing-certificate.pem"),
                                              "PEM certificate (*.pem)")
        if not path:
            return
        from pe_desktop.export.files import write_private_file

        try:
            write_private_file(Path(path), self.svc.certificate_pem())
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
