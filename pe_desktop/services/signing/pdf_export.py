"""Render a PDF kind, optionally sign it, and write it atomically.

The one use case behind ``pe-desktop pdf`` and the GUI's Export PDF / Sign
actions. ReportLab and pyHanko are imported only when this runs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest, get_kind
from pe_desktop.services.secret_store import SecretStore

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


def signing_material(ctx: AppContext, store: SecretStore):  # -> SigningMaterial
    """The PE's signing key, created from their profile on first use."""
    from pe_desktop.services.profile import ProfileService
    from pe_desktop.services.signing.identity import SigningIdentityService, ensure_identity

    svc = SigningIdentityService(ctx.paths.keys, store)
    profile = ProfileService(ctx).get()
    ensure_identity(
        svc,
        profile.full_name if profile else None,
        profile.swe_registration if profile else None,
        profile.organisation if profile else "",
        now=ctx.now(),
    )
    return svc.material()


def export_pdf(
    ctx: AppContext, kind: str, request: PdfRequest, out: Path, *,
    sign: bool = False, store: SecretStore | None = None,
) -> ExportResult:
    """Render ``kind`` for ``request`` to ``out`` (signed when ``sign``).

    Nothing is written unless rendering (and signing) succeeded; an existing
    file at ``out`` is replaced atomically.
    """
    spec = get_kind(kind)
    if spec.needs_placement and request.placement_id is None:
        from pe_desktop.domain.errors import PEDesktopError

        raise PEDesktopError(f"The {spec.title} needs a placement (--placement ID)")
    progress = request.progress
    if progress:
        progress(0, 3 if sign else 2, f"Rendering the {spec.title}…")
    t0 = time.perf_counter()
    from pe_desktop.export.archival import dated

    with dated(ctx.now()):
        rendered = spec.build(ctx, request)
    t1 = time.perf_counter()
    data = rendered.data
    signer = fingerprint = ""
    if sign:
        if store is None:
            raise ValueError("signing needs a SecretStore")
        if progress:
            progress(1, 3, "Signing…")
        from pe_desktop.export.signing import sign_pdf
        from pe_desktop.services.audit import chain_head

        signed = sign_pdf(data, signing_material(ctx, store), now=ctx.now(),
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
                        t1 - t0, t2 - t1)
