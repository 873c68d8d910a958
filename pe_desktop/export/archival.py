"""Archival and accessibility markers on every PDF the app makes.

ReportLab writes the title, author, subject and document language (/Lang
en-GB); this step (pikepdf, over QPDF) adds what PDF/A-2b asks for and
ReportLab's open-source edition cannot write: XMP metadata matching the
document information (with the ``pdfaid`` part 2, conformance B marker) and an
sRGB output intent. Fonts are embedded DejaVu subsets (``pdf_base``), the file
is not encrypted and uses no transparency. What it cannot do: ReportLab
writes no structure tree, so the PDFs are not *tagged* (PDF/A-2a or PDF/UA);
screen readers get the text in content order, which follows the reading
order (checked with pdftotext). Signing comes afterwards as an incremental
update, which PDF/A-2 allows.

Dates: ReportLab would stamp /CreationDate and /ModDate from the system clock.
It renders in invariant mode instead, and this step writes the time the app's
clock gave :func:`dated` (the services wrap each render in it), or leaves the
document undated: never the wall clock. Anonymised QA items are left undated on
purpose (a timestamp is one more detail that could point to a person).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import lru_cache
from io import BytesIO

from pe_desktop import __version__

LANGUAGE = "en-GB"
PRODUCER = f"PE Desktop {__version__} (ReportLab, pikepdf)"

_DOCUMENT_TIME: ContextVar[datetime | None] = ContextVar("pe_document_time", default=None)


@contextmanager
def dated(when: datetime) -> Iterator[None]:
    """PDFs rendered inside the block are dated ``when`` (``ctx.now()``)."""
    token = _DOCUMENT_TIME.set(when)
    try:
        yield
    finally:
        _DOCUMENT_TIME.reset(token)


def document_time() -> datetime | None:
    return _DOCUMENT_TIME.get()


@lru_cache(maxsize=1)
def srgb_profile() -> bytes:
    """An sRGB ICC profile made by Little CMS through Pillow (nothing to ship)."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def make_archival(data: bytes, when: datetime | None = None) -> bytes:
    """``data`` with /Lang, matching XMP metadata, the PDF/A-2b marker and an
    sRGB output intent, dated ``when`` (undated when None)."""
    import pikepdf
    from pikepdf.models.metadata import encode_pdf_date

    with pikepdf.open(BytesIO(data)) as pdf:
        pdf.Root.Lang = pikepdf.String(LANGUAGE)
        pdf.docinfo[pikepdf.Name.Producer] = PRODUCER
        icc = pikepdf.Stream(pdf, srgb_profile())
        icc.N = 3
        intent = pikepdf.Dictionary(
            Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFA1,
            OutputConditionIdentifier=pikepdf.String("sRGB IEC61966-2.1"),
            Info=pikepdf.String("sRGB IEC61966-2.1"), DestOutputProfile=icc)
        pdf.Root.OutputIntents = pikepdf.Array([intent])
        pdf.Root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        for key in (pikepdf.Name.CreationDate, pikepdf.Name.ModDate):
            if when is None:
                if key in pdf.docinfo:
                    del pdf.docinfo[key]
            else:
                pdf.docinfo[key] = pikepdf.String(
                    encode_pdf_date(when.astimezone().replace(microsecond=0)))  # the user's zone
        if pikepdf.Name.Trapped in pdf.docinfo:  # no XMP equivalent in PDF/A-2
            del pdf.docinfo[pikepdf.Name.Trapped]
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(pdf.docinfo)
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
            meta["dc:language"] = [LANGUAGE]
            meta["pdf:Producer"] = PRODUCER
        out = BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
