"""Save (and optionally sign) a PDF kind for a placement from any tab.

The same use case as ``pe-desktop pdf --kind KIND [--sign]``; rendering and
signing run in the background. Tests pass ``path`` to skip the file dialog.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from pe_desktop.services.context import AppContext
from pe_desktop.ui.background import run_in_background
from pe_desktop.ui.widgets.messages import show_error


def safe_stem(text: str) -> str:
    return re.sub(r"[^\w.-]+", "-", text, flags=re.UNICODE).strip("-").lower() or "document"


def ask_save_path(parent: QWidget, title: str, stem: str, suffix: str, filter_: str
                  ) -> Path | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path.home() / f"{stem}{suffix}"),
                                          filter_)
    if not path:
        return None
    if not path.lower().endswith(suffix):
        path += suffix
    return Path(path)


def save_pdf(ctx: AppContext, parent: QWidget, kind: str, placement_id: int | None,
             options: dict[str, Any], stem: str, *, sign: bool = False,
             path: Path | None = None, on_done: Callable[[Any], None] | None = None) -> None:
    store = None
    if sign:
        from pe_desktop.ui.signing import SigningSupport

        store = SigningSupport(ctx, parent).store()
        if store is None:
            return
    out = path or ask_save_path(parent, "Save PDF", safe_stem(stem) + ("-signed" if sign
                                                                       else ""),
                                ".pdf", "PDF (*.pdf)")
    if out is None:
        return

    def work() -> Any:
        from pe_desktop.services.documents.kinds import PdfRequest
        from pe_desktop.services.signing.pdf_export import export_pdf

        return export_pdf(ctx, kind, PdfRequest(placement_id, options), out, sign=sign,
                          store=store)

    run_in_background(work, on_done or (lambda _r: None), lambda exc: show_error(parent, exc),
                      owner=parent)
