"""Render a PDF kind, optionally sign it, and write it atomically.

The one use case behind ``pe-desktop pdf`` and the GUI's Export PDF / Sign
actions. ReportLab and pyHanko are imported only when this runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest, get_kind
from pe_desktop.services.secret_store import PassphraseProvider, SecretStore

#: Document information entry holding the audit chain head in signed exports.
AUDIT_HEAD_INFO = "PEDesktopAuditChainHead"


def _audit_export(ctx: AppContext, kind: str, request: PdfRequest, data: bytes,
                  signed: bool) -> None:
    import hashlib

    from pe_desktop.services import audit
    from pe_desktop.storage.audit_log import EXPORT, SIGN

    subject = f"placement:{request.placement_id}" if request.placement_id is not None else "pe"
    audit.record(ctx, SIGN if signed else EXPORT, f"pdf:{kind}", subject,
                 hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    pages: int
    size: int
    signed: bool
    signer: str = ""
    fingerprint: str = ""
    render_seconds: float = 0.0
    sign_seconds: float = 0.0
    secrets_in: str = ""  # where the signing key's passphrase is kept


def signing_material(ctx: AppContext, store: SecretStore):  # -> SigningMaterial
    """The PE's signing key, created from their profile on first use."""
    return _material_loader(ctx)(store)


def _material_loader(ctx: AppContext) -> Callable[[SecretStore], Any]:
    """Read the profile now (on the caller's thread); load the key later."""
    from pe_desktop.services.profile import ProfileService

    profile = ProfileService(ctx).get()
    now = ctx.now()

    def load(store: SecretStore) -> Any:
        from pe_desktop.services.signing.identity import SigningIdentityService, ensure_material

        return ensure_material(
            SigningIdentityService(ctx.paths.keys, store),
            profile.full_name if profile else None,
            profile.swe_registration if profile else None,
            profile.organisation if profile else "",
            now=now,
        )

    return load


def _open_and_load(ctx: AppContext, store: SecretStore | None,
                   passphrase: PassphraseProvider | None, try_native: bool) -> Future:
    """Open the secret store (unless given) and load the signing key on a worker
    thread: the secrets file's key derivation (Argon2, in C without the GIL)
    runs while the document renders. The secret is read once."""
    from concurrent.futures import ThreadPoolExecutor

    from pe_desktop.services.signing.identity import SECRET_NAME

    load = _material_loader(ctx)

    def work() -> tuple[SecretStore, Any]:
        opened = store if store is not None else SecretStore.open(
            ctx.paths.keys, passphrase, try_native=try_native, preload=(SECRET_NAME,))
        return opened, load(opened)

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pe-signing-key")
    try:
        return pool.submit(work)
    finally:
        pool.shutdown(wait=False)


def export_pdf(
    ctx: AppContext, kind: str, request: PdfRequest, out: Path, *,
    sign: bool = False, store: SecretStore | None = None,
    passphrase: PassphraseProvider | None = None, try_native: bool = True,
) -> ExportResult:
    """Render ``kind`` for ``request`` to ``out`` (signed when ``sign``).

    To sign, pass an open ``store`` (the GUI keeps one per session) or let this
    open one (``passphrase`` / ``try_native`` as for :meth:`SecretStore.open`).
    Nothing is written unless rendering (and signing) succeeded; an existing
    file at ``out`` is replaced atomically.
    """
    spec = get_kind(kind)
    if spec.needs_placement and request.placement_id is None:
        from pe_desktop.domain.errors import PEDesktopError

        raise PEDesktopError(f"The {spec.title} needs a placement (--placement ID)")
    key = _open_and_load(ctx, store, passphrase, try_native) if sign else None
    progress = request.progress
    if progress:
        progress(0, 3 if sign else 2, f"Rendering the {spec.title}…")
    t0 = time.perf_counter()
    from pe_desktop.export.archival import dated

    try:
        with dated(ctx.now()):
            rendered = spec.build(ctx, request)
    except BaseException:
        if key is not None:
            key.cancel()
        raise
    t1 = time.perf_counter()
    data = rendered.data
    signer = fingerprint = secrets_in = ""
    if key is not None:
        if progress:
            progress(1, 3, "Signing…")
        from pe_desktop.export.signing import sign_pdf
        from pe_desktop.services.audit import chain_head

        opened, material = key.result()
        secrets_in = opened.description
        signed = sign_pdf(data, material, now=ctx.now(),
                          spot=rendered.signature_spot,
                          reason=f"{spec.title.capitalize()} signed by the practice educator",
                          info_extra={AUDIT_HEAD_INFO: chain_head(ctx)})
        data, signer, fingerprint = signed.data, signed.signer, signed.fingerprint
    t2 = time.perf_counter()
    if progress:
        progress(2 if sign else 1, 3 if sign else 2, "Saving…")
    write_private_file(Path(out), data)
    _audit_export(ctx, kind, request, data, sign)
    return ExportResult(Path(out), kind, rendered.pages, len(data), sign, signer, fingerprint,
                        t1 - t0, t2 - t1, secrets_in)
