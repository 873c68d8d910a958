"""Start-up: find the key, unlock, convert a plain database with progress, or refuse clearly.

Never creates a new database in place of one it cannot open: a wrong or
missing key ends in "PE Desktop cannot unlock your data: …" with the choice
of the recovery key or quitting.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from pe_desktop.clock import Clock
from pe_desktop.paths import DataPaths, resolve_data_dir
from pe_desktop.services.context import AppContext, open_context
from pe_desktop.services.protection.keys import DataKeys, env_keys, parse_key
from pe_desktop.storage.crypto import DataLockedError
from pe_desktop.storage.database import needs_encryption
from pe_desktop.ui.protection.unlock import RecoveryEntryDialog, UnlockDialog

RECOVERY = "recovery"


def _interactive_store(paths: DataPaths, parent: QWidget | None) -> Any:
    """The SecretStore, asking for the secrets-file passphrase when there is no OS keyring.

    Returns the store, None (the user quit) or :data:`RECOVERY`.
    """
    from pe_desktop.services.protection.unlock import native_possible, quick_native_store
    from pe_desktop.services.secret_store import SECRETS_FILENAME, probe_native_backend

    store = quick_native_store(paths)
    if store is not None:
        return store
    if native_possible():
        native = probe_native_backend()
        if native is not None:
            from pe_desktop.services.secret_store import KIND_NATIVE, SecretStore

            backend, name = native
            return SecretStore(backend, KIND_NATIVE, f"the system keyring ({name})")
    creating = not (paths.keys / SECRETS_FILENAME).exists()
    dialog = UnlockDialog(paths.keys, creating, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.store
    return RECOVERY if dialog.wants_recovery else None


def _open(paths: DataPaths, store: Any, clock: Clock | None, keys: DataKeys | None,
          parent: QWidget | None) -> AppContext:
    def work(progress=None) -> AppContext:
        return open_context(paths.root, clock, store=store, keys=keys, progress=progress)

    if not needs_encryption(paths):
        return work()
    from pe_desktop.ui.protection.work import run_with_progress

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(ctx: AppContext) -> None:
        outcome["ctx"] = ctx
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    run_with_progress(parent, "Encrypting your data (a backup is kept)", work, done, failed)
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["ctx"]


def _ask_recovery(message: str, parent: QWidget | None) -> str | None:
    dialog = RecoveryEntryDialog(message, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.text()


def unlock_and_open(data_dir: str | None, clock: Clock | None = None,
                    parent: QWidget | None = None) -> AppContext | None:
    """The app context for ``data_dir``, or None when the user gave up (nothing changed)."""
    paths = DataPaths(resolve_data_dir(data_dir)).ensure()
    store: Any = None
    keys: DataKeys | None = None
    if env_keys() is None:
        store = _interactive_store(paths, parent)
        if store is None:
            return None
        if store == RECOVERY:
            store = None
            text = _ask_recovery("You chose to open your data with the recovery key.", parent)
            if text is None:
                return None
            keys = DataKeys(parse_key(text))
    for _attempt in range(5):
        try:
            return _open(paths, store, clock, keys, parent)
        except DataLockedError as exc:
            box = QMessageBox(QMessageBox.Icon.Critical, "PE Desktop cannot unlock your data",
                              str(exc), parent=parent)
            use = box.addButton("Use recovery key…", QMessageBox.ButtonRole.AcceptRole)
            box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not use:
                return None
            text = _ask_recovery(str(exc), parent)
            if text is None:
                return None
            if store is not None:
                from pe_desktop.domain.errors import PEDesktopError
                from pe_desktop.services.protection.rotation import recover

                try:
                    recover(paths, store, text)
                    keys = None
                except PEDesktopError as problem:
                    QMessageBox.warning(parent, "PE Desktop", str(problem))
            else:
                keys = DataKeys(parse_key(text))
    return None
