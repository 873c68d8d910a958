"""PAdES signatures (pyHanko) with a visible block, and their verification.

:func:`sign_pdf` adds a PAdES baseline signature (``ETSI.CAdES.detached``,
SHA-256) whose visible appearance — signer, date and time, certificate SHA-256
fingerprint — is drawn with ReportLab in the embedded Unicode font, so names
such as Łukasz render exactly. :func:`verify_pdf` checks every signature in a
file: intact, cryptographically valid, covering the whole file (nothing
appended after signing), every byte outside the signed range exactly the
signature value, every certificate in it checked by a signature
(``signature_chain``: else the status is "intact, certificate chain
incomplete", never "unchanged") and, when trusted certificates are given, made
by one of them. Nothing is fetched from the network.

pyHanko's sync entry points call ``asyncio.run`` internally, so these functions
must not be called from inside a running event loop (the GUI runs them on a
worker thread through ``ui/background.py``).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.signing import SigningMaterial, format_fingerprint
from pe_desktop.export.pdf_base import MARGIN, SignatureSpot
from pe_desktop.export.signature_bytes import unsigned_bytes_problem
from pe_desktop.export.signature_chain import check_chain

# pyHanko logs validation problems with tracebacks naming the signer; logs must
# never hold personal data, and verify_pdf reports problems itself.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

FIELD_PREFIX = "PE Desktop signature"
#: The status of a signature whose signed bytes verify but whose container holds a
#: certificate nothing can check (see ``signature_chain``): not OK, not tampering.
CHAIN_INCOMPLETE = "intact, certificate chain incomplete"
DEFAULT_REASON = "Signed by the practice educator"


class SigningError(PEDesktopError):
    pass


def grouped_fingerprint(fingerprint: str) -> str:
    """``AB:12:CD:34`` → ``AB12 CD34`` (easier to read aloud over the phone)."""
    h = fingerprint.replace(":", "")
    return " ".join(h[i:i + 4] for i in range(0, len(h), 4))


# -- the visible block ----------------------------------------------------------
def _appearance_pdf(width: float, height: float, signer: str, when: datetime,
                    fingerprint: str, reason: str) -> bytes:
    """A one-page PDF exactly the size of the signature box, drawn with ReportLab."""
    from reportlab.pdfgen.canvas import Canvas

    from pe_desktop.export import pdf_base as pb

    pb.register_fonts()
    buf = BytesIO()
    c = Canvas(buf, pagesize=(width, height), initialFontName=pb.FONT)
    c.setFillColor(pb.colors.white)
    c.setStrokeColor(pb.ACCENT)
    c.setLineWidth(1.2)
    c.roundRect(0.6, 0.6, width - 1.2, height - 1.2, 4, stroke=1, fill=1)
    x = 10
    y = height - 16
    c.setFillColor(pb.ACCENT)
    c.setFont(pb.FONT_BOLD, 10)
    c.drawString(x, y, f"Digitally signed by {signer}")
    c.setFillColor(pb.INK)
    c.setFont(pb.FONT, 8.5)
    local = when.astimezone()
    offset = local.strftime("%z")
    stamp = f"{local:%d %B %Y, %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"
    rows = [
        (pb.FONT, 8.5, pb.INK, f"Date and time: {stamp}"),
        (pb.FONT, 8.5, pb.INK, f"{reason}. Certificate SHA-256 fingerprint:"),
        (pb.FONT_BOLD, 8.5, pb.INK, grouped_fingerprint(fingerprint)),
        (pb.FONT, 7.5, pb.MUTED,
         "Check with: pe-desktop verify <file>.pdf, or any PAdES-aware PDF reader."),
    ]
    for i, (font, size, colour, line) in enumerate(rows):
        c.setFont(font, size)
        c.setFillColor(colour)
        c.drawString(x, y - 14 - 12 * i, pb._fit(line, font, size, width - 2 * x))
    c.showPage()
    c.save()
    return buf.getvalue()


def _stamp_style(appearance: bytes) -> Any:
    """A pyHanko static stamp whose background is our one-page appearance PDF."""
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.stamp import StaticStampStyle

    class InMemoryPdfPage(ImportedPdfPage):
        def render(self) -> bytes:
            w = self._ensure_writer
            xobj = w.import_page_as_xobject(PdfFileReader(BytesIO(appearance)), page_ix=0)
            name = "/ImportSig"
            self.resources.xobject[name] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = layout.BoxConstraints(width=abs(x2 - x1), height=abs(y2 - y1))
            return name.encode("ascii") + b" Do"

    return StaticStampStyle(
        background=InMemoryPdfPage("(in memory)"),
        background_opacity=1.0,
        border_width=0,
        background_layout=layout.SimpleBoxLayoutRule(
            x_align=layout.AxisAlignment.ALIGN_MID, y_align=layout.AxisAlignment.ALIGN_MID,
            margins=layout.Margins.uniform(0),
        ),
    )


def _default_spot(reader: Any) -> SignatureSpot:
    """Bottom of the last page, for PDFs that did not reserve a box."""
    last = int(reader.root["/Pages"]["/Count"]) - 1
    page = reader.find_page_for_modification(last)[0].get_object()
    box = page.get("/MediaBox") or [0, 0, 595.28, 841.89]
    width = float(box[2]) - float(box[0])
    y = float(box[1]) + MARGIN + 12
    return SignatureSpot(last, (MARGIN, y, width - MARGIN, y + 85))


@dataclass(frozen=True)
class SignedPdf:
    data: bytes
    field_name: str
    signer: str
    fingerprint: str
    signed_at: datetime


def sign_pdf(
    data: bytes, material: SigningMaterial, *, now: datetime, spot: SignatureSpot | None = None,
    reason: str = DEFAULT_REASON, location: str = "", info_extra: dict[str, str] | None = None,
) -> SignedPdf:
    """Sign ``data`` (a PDF) and return the signed bytes.

    ``now`` (from the app's clock) is the signing time written into the
    signature and shown in its appearance. ``info_extra`` entries (such as
    the audit chain head) are added to the document information dictionary
    in the signed revision, so the signature covers them.
    """
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import fields, signers

    from pe_desktop.export.signing_clock import clocked_signer_class, clocked_writer

    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            material.pkcs12, other_certs=[], passphrase=material.passphrase
        )
    except Exception as exc:  # noqa: BLE001 - reported as one line
        raise SigningError(f"The signing key cannot be loaded: {exc}") from exc
    try:
        writer = clocked_writer(data, now)
    except (PdfError, ValueError) as exc:
        raise SigningError(f"This file cannot be signed: it is not a readable PDF ({exc})") from exc
    if info_extra:
        _add_info(writer, info_extra)
    existing = {s.field_name for s in writer.prev.embedded_signatures}
    n = 1
    while f"{FIELD_PREFIX} {n}" in existing:
        n += 1
    field_name = f"{FIELD_PREFIX} {n}"
    spot = spot or _default_spot(writer.prev)
    x1, y1, x2, y2 = spot.box
    info = material.info
    appearance = _appearance_pdf(x2 - x1, y2 - y1, info.display_name, now, info.fingerprint,
                                 reason)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location or None,
        name=info.display_name,
    )
    pdf_signer = clocked_signer_class()(
        now,
        meta, signer=signer, stamp_style=_stamp_style(appearance),
        new_field_spec=fields.SigFieldSpec(
            field_name, on_page=spot.page_index, box=(int(x1), int(y1), int(x2), int(y2))
        ),
    )
    try:
        out = pdf_signer.sign_pdf(writer)
    except Exception as exc:  # noqa: BLE001
        raise SigningError(f"Signing failed: {exc}") from exc
    return SignedPdf(out.getvalue(), field_name, info.display_name, info.fingerprint, now)


def _add_info(writer, entries: dict[str, str]) -> None:
    from pyhanko.pdf_utils import generic

    old = writer.prev.trailer_view.get("/Info")
    info = generic.DictionaryObject()
    if old is not None:
        for k, v in old.get_object().items():
            info[k] = v
    for k, v in entries.items():
        info[generic.NameObject(f"/{k}")] = generic.TextStringObject(v)
    writer.set_info(info)


def read_info_entry(data: bytes, name: str) -> str | None:
    """A document information entry of a PDF (e.g. the audit chain head), or None."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    info = PdfFileReader(BytesIO(data), strict=False).trailer_view.get("/Info")
    value = info.get_object().get(f"/{name}") if info is not None else None
    return str(value) if value is not None else None


# -- verification ---------------------------------------------------------------
@dataclass(frozen=True)
class SignatureCheck:
    field_name: str
    signer: str
    signing_time: datetime | None
    fingerprint: str
    intact: bool
    valid: bool
    whole_file: bool
    trusted: bool | None  # None: no trusted certificate was given
    problem: str = ""  # empty when this signature is fine
    #: How the certificate is known without --trust: "pinned" (seen before),
    #: "new" (first time: unverified), "" (not looked up).
    known: str = ""
    known_since: str = ""
    #: The certificate in the container nothing can check, or "" (all checked).
    chain_gap: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    @property
    def chain_incomplete(self) -> bool:
        """Its only problem is a certificate nothing can check."""
        return bool(self.chain_gap) and self.problem == _gap_problem(self.chain_gap)


def _gap_problem(gap: str) -> str:
    return (f"{CHAIN_INCOMPLETE}: {gap}; the file cannot be called unchanged (check with "
            "--trust ISSUER-CERT)")


@dataclass(frozen=True)
class VerifyReport:
    signatures: list[SignatureCheck] = field(default_factory=list)
    reason: str = ""  # one line; empty when the file verifies

    @property
    def ok(self) -> bool:
        return not self.reason and bool(self.signatures)

    @property
    def status(self) -> str:
        """``ok`` (intact, unchanged, signer known), ``unverified`` (intact and
        unchanged, signer not verified), ``chain-incomplete`` (the signed bytes are
        intact but a certificate in a container cannot be checked) or ``failed``."""
        if self.ok:
            return "ok" if self.signer_verified else "unverified"
        if self.signatures and all(s.ok or s.chain_incomplete for s in self.signatures):
            return "chain-incomplete"
        return "failed"

    @property
    def signer_verified(self) -> bool:
        """Every signer's certificate is trusted (--trust) or pinned from before."""
        return all(s.trusted is True or s.known == "pinned" for s in self.signatures)

    def lines(self) -> list[str]:
        """A human-readable summary (the CLI prints it)."""
        out: list[str] = []
        for i, s in enumerate(self.signatures, start=1):
            when = s.signing_time.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC") \
                if s.signing_time else "unknown"
            out += [
                f"Signature {i} ({s.field_name})",
                f"  Signer (as claimed): {s.signer}",
                f"  Signing time:        {when}",
                f"  Certificate SHA-256: {s.fingerprint}",
                f"  Intact:              {'yes' if s.intact and s.valid else 'NO'}",
                f"  Covers whole file:   {'yes' if s.whole_file else 'NO'}",
                "  Certificates:        " + ("NOT ALL CHECKED — one cannot be checked"
                                             if s.chain_gap else "all checked"),
                f"  Signer verified:     {_trust_text(s)}",
            ]
        if self.status == "chain-incomplete":
            out.append(f"Result: NOT CONFIRMED — {self.reason}")
        elif not self.ok:
            out.append(f"Result: FAILED — {self.reason}")
        elif self.signer_verified:
            out.append("Result: OK — document intact and unchanged since signing, by the "
                       "certificate you know")
        else:
            out.append("Result: document intact and unchanged since signing, but the signer is "
                       "NOT VERIFIED: compare the certificate fingerprint above with the one the "
                       "signer gave you, or check with --trust CERT")
        return out


def _trust_text(s: SignatureCheck) -> str:
    if s.trusted is True:
        return "yes — the certificate you trusted (--trust)"
    if s.trusted is False:
        return "NO — not one of the certificates you trusted"
    if s.known == "pinned":
        return f"yes — the same certificate as seen for this signer before ({s.known_since})"
    return ("NO — UNVERIFIED: anyone can make a certificate with this name and number; "
            "compare the fingerprint with the signer's")


def load_trusted_certs(paths: list[Path]) -> list[Any]:
    """Load PEM or DER certificates; a bad file is a one-line error."""
    from pyhanko.keys import load_certs_from_pemder_data

    certs: list[Any] = []
    for p in paths:
        try:
            raw = Path(p).read_bytes()
        except OSError as exc:
            raise PEDesktopError(f"Cannot read certificate {p}: {exc.strerror or exc}") from exc
        try:
            found = list(load_certs_from_pemder_data(raw))
        except Exception as exc:  # noqa: BLE001
            raise PEDesktopError(f"{p} is not a PEM or DER certificate") from exc
        if not found:
            raise PEDesktopError(f"{p} holds no certificate")
        certs += found
    return certs


def _signer_name(cert: Any) -> str:
    subject = cert.subject.native
    name = subject.get("common_name") or cert.subject.human_friendly
    serial = str(subject.get("serial_number") or "").removeprefix("SWE:")
    return f"{name} ({serial})" if serial else str(name)


def verify_pdf(data: bytes, trusted: list[Any] | None = None, *,
               at: datetime) -> VerifyReport:
    """Check every signature in ``data`` as of ``at``; see the module docstring."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "damaged"
        return VerifyReport([], f"not a readable PDF, or damaged ({type(exc).__name__}: {exc})")
    if not embedded:
        return VerifyReport([], "not signed: the file holds no digital signature")
    trusted_fps = {
        format_fingerprint(hashlib.sha256(c.dump()).hexdigest()) for c in (trusted or [])
    }
    checks: list[SignatureCheck] = []
    for sig in embedded:
        name = sig.field_name or "unnamed"
        try:
            cert = sig.signer_cert
            fp = format_fingerprint(hashlib.sha256(cert.dump()).hexdigest())
            signer = _signer_name(cert)
        except Exception:  # noqa: BLE001
            cert, fp, signer = None, "unknown", "unknown"
        try:
            vc = ValidationContext(trust_roots=list(trusted or []), allow_fetching=False,
                                   revocation_mode="soft-fail", moment=at)
            status = validate_pdf_signature(sig, signer_validation_context=vc)
        except Exception as exc:  # noqa: BLE001
            checks.append(SignatureCheck(name, signer, None, fp, False, False, False,
                                         None if trusted is None else False,
                                         f"signature damaged ({type(exc).__name__})"))
            continue
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        try:
            outside = unsigned_bytes_problem(data, sig.byte_range, bytes(sig.pkcs7_content),
                                             ours=name.startswith(FIELD_PREFIX),
                                             trusted=trusted)
        except Exception as exc:  # noqa: BLE001
            outside = f"its signature value cannot be read ({type(exc).__name__})"
        gap = ""
        if not outside:
            try:
                sd = sig.signed_data
                gap = check_chain([c.chosen for c in sd["certificates"] or []],
                                  sd["signer_infos"], trusted).unchecked
            except Exception as exc:  # noqa: BLE001
                outside = f"its certificates cannot be read ({type(exc).__name__})"
        trusted_ok: bool | None = None
        if trusted is not None:
            trusted_ok = fp in trusted_fps or bool(status.trusted)
        problem = ""
        if not status.intact:
            problem = "modified after signing: the signed bytes no longer match the signature"
        elif not status.valid:
            problem = "invalid signature: the cryptographic check failed"
        elif not whole:
            problem = ("changed after signing: an incremental update was appended after "
                       "the signature")
        elif outside:
            problem = f"changed after signing: {outside}"
        elif trusted_ok is False:
            problem = f"unknown signer: certificate {fp} is not one of the trusted certificates"
        elif gap:
            problem = _gap_problem(gap)
        checks.append(SignatureCheck(
            name, signer, status.signer_reported_dt, fp, bool(status.intact) and not outside,
            bool(status.valid), whole, trusted_ok, problem, chain_gap=gap,
        ))
    first_bad = next((c for c in checks if c.problem), None)
    reason = f"{first_bad.field_name}: {first_bad.problem}" if first_bad else ""
    return VerifyReport(checks, reason)


def verify_file(path: Path, trusted: list[Any] | None = None, *,
                at: datetime) -> VerifyReport:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return verify_pdf(data, trusted, at=at)
