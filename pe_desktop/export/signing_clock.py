"""pyHanko with the app's clock instead of the system clock.

pyHanko reads the wall clock in two places when it signs: the signing session's
``system_time`` (the signing time in the CMS signed attributes) and the
writer's document metadata, whose ``last_modified`` it sets to ``"now"`` just
before writing (``BasePdfFileWriter._update_meta``), which becomes the
information dictionary's ``/ModDate`` and XMP ``xmp:ModifyDate`` in the
system's local time. Both come from ``now`` here, so a signed file says the
time the app's clock says (a fixed clock in tests, the any-date runs).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from functools import cache
from io import BytesIO
from typing import Any


def clocked_writer(data: bytes, now: datetime) -> Any:
    """An ``IncrementalPdfFileWriter`` over ``data`` that stamps ``now`` as the
    modification date (information dictionary and XMP)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    base = writer.document_meta
    meta = _clocked_metadata_class()(
        **{f.name: getattr(base, f.name) for f in fields(base)}, app_now=now)
    meta.last_modified = "now"  # pyHanko's own word for "the time of writing"
    writer._meta = meta  # noqa: SLF001 - pyHanko offers no clock parameter
    return writer


@cache
def _clocked_metadata_class() -> type:
    from pyhanko.pdf_utils.metadata.model import DocumentMetadata

    @dataclass
    class ClockedMetadata(DocumentMetadata):
        """Metadata that reads pyHanko's ``"now"`` as the app's time."""

        app_now: datetime | None = None

        def __setattr__(self, name: str, value: Any) -> None:
            now = self.__dict__.get("app_now")
            if name == "last_modified" and value == "now" and now is not None:
                value = now.replace(microsecond=0)
            super().__setattr__(name, value)

    return ClockedMetadata


@cache
def clocked_signer_class() -> type:
    from pyhanko.sign import signers

    class ClockedPdfSigner(signers.PdfSigner):
        """A PdfSigner whose signing time is the app's clock, not pyHanko's own."""

        def __init__(self, now: datetime, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._now = now

        def init_signing_session(self, *args: Any, **kwargs: Any) -> Any:
            session = super().init_signing_session(*args, **kwargs)
            session.system_time = self._now
            return session

    return ClockedPdfSigner
