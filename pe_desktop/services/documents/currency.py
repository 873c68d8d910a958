"""The currency statement PDF (kind ``currency``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.statement import build_statement
from pe_desktop.services.documents.kinds import PdfRequest

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf


def build_currency(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export.currency_pdf import render_statement

    return render_statement(build_statement(ctx))
