"""Saving (and signing) the currency statement from the Currency page.

The PDF is rendered and signed in the background through the same use case as
``pe-desktop pdf --kind currency [--sign]``. Signing uses the PE's signing
identity when one exists; the secret store is opened on the GUI thread first
because it may need to ask for the passphrase of the encrypted secrets file.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from pe_desktop.services.context import AppContext
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import show_error


def identity_exists(ctx: AppContext) -> bool:
    from pe_desktop.services.signing.identity import IDENTITY_FILENAME

    return (ctx.paths.keys / IDENTITY_FILENAME).exists()


def ask_passphrase(parent: QWidget) -> Callable[[bool], str | None]:
    def provider(creating: bool) -> str | None:
        prompt = ("Choose a passphrase (at least 8 characters) for PE Desktop's encrypted "
                  "secrets file:" if creating else
                  "Passphrase for PE Desktop's encrypted secrets file:")
        text, ok = QInputDialog.getText(parent, "Signing", prompt, QLineEdit.EchoMode.Password)
        return text if ok and text else None

    return provider


def open_secret_store(ctx: AppContext, parent: QWidget) -> Any:  # -> SecretStore | None
    from pe_desktop.services.secret_store import SecretStore

    try_native = os.environ.get("PE_DESKTOP_SECRET_STORE", "auto") != "file"
    try:
        return SecretStore.open(ctx.paths.keys, ask_passphrase(parent), try_native=try_native)
    except Exception as exc:  # noqa: BLE001 - shown to the user, nothing changed
        show_error(parent, exc, "Statement not signed")
        return None


def save_statement(ctx: AppContext, parent: QWidget, on_finished: Callable[[], None],
                   store: Any = None, path: str | None = None, sign: bool | None = None) -> None:
    """Ask where to save (and whether to sign), then write the statement."""
    if path is None:
        default = Path.home() / f"currency-statement-{ctx.today():%Y-%m-%d}.pdf"
        path, _ = QFileDialog.getSaveFileName(parent, "Save currency statement", str(default),
                                              "PDF documents (*.pdf)")
        if not path:
            on_finished()
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
    if sign is None:
        sign = identity_exists(ctx) and QMessageBox.question(
            parent, "Sign the statement?",
            "Sign the statement with your digital signature (the same identity as your "
            "reports)?") == QMessageBox.StandardButton.Yes
    if sign and store is None:
        store = open_secret_store(ctx, parent)
        if store is None:
            on_finished()
            return

    def work() -> Any:
        from pe_desktop.services.documents.kinds import PdfRequest
        from pe_desktop.services.signing.pdf_export import export_pdf

        return export_pdf(ctx, "currency", PdfRequest(), Path(path), sign=bool(sign),
                          store=store)

    def done(result: Any) -> None:
        on_finished()
        signed = f"\nSigned by {result.signer}." if result.signed else ""
        QMessageBox.information(parent, "Currency statement saved",
                                f"Saved {result.path.name} ({result.pages} pages).{signed}")

    def failed(exc: BaseException) -> None:
        on_finished()
        show_error(parent, exc, "Statement not saved")

    run_in_background(work, done, failed)
