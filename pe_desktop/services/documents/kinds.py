"""The kinds of PDF ``pe-desktop pdf --kind`` (and the GUI) can produce.

A kind names a builder ``"module:function"`` imported only when that kind is
rendered. The builder is called as ``fn(ctx, request) -> RenderedPdf``.
Features add their kinds with one line in :data:`PDF_KINDS`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf
    from pe_desktop.services.context import AppContext


@dataclass(frozen=True)
class PdfRequest:
    """What to render: the placement and kind-specific options.

    ``options`` holds e.g. ``session_id``, ``observation_id``, ``version``.
    ``progress(done, total, message)`` is optional and may raise to cancel.
    """

    placement_id: int | None = None
    options: dict[str, Any] = field(default_factory=dict)
    progress: Callable[[int, int, str], None] | None = None


@dataclass(frozen=True)
class PdfKind:
    key: str
    title: str
    builder: str  # "package.module:function"
    needs_placement: bool = True
    #: file-name stem suggested to the user, formatted with ``student`` and ``date``
    filename: str = "{kind}-{student}-{date}"

    def build(self, ctx: AppContext, request: PdfRequest) -> RenderedPdf:
        module, _, name = self.builder.partition(":")
        fn = getattr(importlib.import_module(module), name)
        return fn(ctx, request)


PDF_KINDS: dict[str, PdfKind] = {
    k.key: k
    for k in [
        PdfKind("midway", "midway report", "pe_desktop.services.documents.reports:build_midway",
                filename="midway-report-{student}-{date}"),
        PdfKind("final", "end of placement report", "pe_desktop.services.documents.reports:build_final",
                filename="end-of-placement-report-{student}-{date}"),
        PdfKind("supervision", "supervision record",
                "pe_desktop.services.documents.evidence:build_supervision",
                filename="supervision-{student}-{date}"),
        PdfKind("observation", "direct observation",
                "pe_desktop.services.documents.evidence:build_observation",
                filename="observation-{student}-{date}"),
        PdfKind("evidence", "evidence index", "pe_desktop.services.documents.evidence:build_evidence",
                filename="evidence-index-{student}-{date}"),
        PdfKind("portfolio", "placement portfolio",
                "pe_desktop.services.documents.evidence:build_portfolio",
                filename="portfolio-{student}-{date}"),
        PdfKind("currency", "currency statement", "pe_desktop.services.documents.currency:build_currency",
                needs_placement=False, filename="currency-statement-{date}"),
    ]
}


def get_kind(key: str) -> PdfKind:
    from pe_desktop.domain.errors import PEDesktopError

    try:
        return PDF_KINDS[key]
    except KeyError:
        raise PEDesktopError(
            f"Unknown PDF kind '{key}'; choose one of: {', '.join(PDF_KINDS)}"
        ) from None
