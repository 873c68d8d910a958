"""The PE's time on a placement as PDF (kind ``timelog``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.profile import ProfileService
from pe_desktop.services.timelog.service import TimeLogService

if TYPE_CHECKING:
    from pe_desktop.export.pdf_base import RenderedPdf


def build_timelog(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export.timelog_pdf import render_timelog

    assert request.placement_id is not None
    profile = ProfileService(ctx).get()
    return render_timelog(TimeLogService(ctx).summary(request.placement_id),
                          profile.full_name if profile else "")
