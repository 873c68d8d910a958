"""Midway report and End of Placement Report PDFs (kinds ``midway`` and ``final``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pe_desktop.domain.errors import NotFoundError
from pe_desktop.domain.reports import ReportKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.reports.service import ReportService

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf


def _build(ctx: AppContext, request: PdfRequest, kind: ReportKind) -> RenderedPdf:
    from pe_desktop.export.report_pdf import render_report

    svc = ReportService(ctx)
    assert request.placement_id is not None
    if not svc.exists(request.placement_id, kind):
        raise NotFoundError(
            f"There is no {label(kind).lower()} for placement {request.placement_id} yet: "
            "write it on the Reports page first."
        )
    return render_report(svc.get(request.placement_id, kind, request.options.get("version")),
                         kind)


def build_midway(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    return _build(ctx, request, ReportKind.MIDWAY)


def build_final(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    return _build(ctx, request, ReportKind.FINAL)
