"""The audit chain head a file carries: a signed PDF export or one of the PE's QA
bundles (``pe-desktop audit verify --pdf/--bundle``, and the Data protection
dialog's *Verify against a file…*)."""

from __future__ import annotations

from pathlib import Path

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.services.context import AppContext
from pe_desktop.services.secret_store import SecretStore


def pdf_anchor(path: Path) -> str:
    """The head a signed PDF export recorded; PEDesktopError when it holds none."""
    from pe_desktop.export.signing import read_info_entry
    from pe_desktop.services.signing.pdf_export import AUDIT_HEAD_INFO

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    head = read_info_entry(data, AUDIT_HEAD_INFO)
    if head is None:
        raise PEDesktopError(f"{Path(path).name} holds no audit chain head (not a signed "
                             "PDF export of PE Desktop)")
    return head


def bundle_anchor(ctx: AppContext, store: SecretStore | None, path: Path) -> str:
    """The head one of this PE's QA bundles carries, its signature checked."""
    from pe_desktop.services.qa.anchor import read_anchor

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if store is None:
        raise PEDesktopError("The QA keys are not available: unlock your secrets first")
    return read_anchor(ctx, store, data, Path(path).name).head


def file_anchor(ctx: AppContext, store: SecretStore | None, path: Path) -> str:
    """The head a signed PDF or a QA bundle carries, told apart by their first bytes."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(1024)
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if b"%PDF-" in start:
        return pdf_anchor(path)
    return bundle_anchor(ctx, store, path)
