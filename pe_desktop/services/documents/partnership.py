"""The partnership return as PDF (kind ``return``, options ``year`` and ``layout_file``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.partnership.service import PartnershipReturnService

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf


def build_return(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export.return_pdf import render_return

    year = request.options.get("year") or ctx.today().year
    layout = request.options.get("layout_file")
    return render_return(PartnershipReturnService(ctx).build(int(year),
                                                             Path(layout) if layout else None))
