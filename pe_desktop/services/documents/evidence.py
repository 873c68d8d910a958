"""Supervision, observation, evidence index and portfolio PDFs.

Gathers the placement's records from the evidence, supervision and report
services and hands them to :mod:`pe_desktop.export.evidence_pdf`. Without the
evidence feature these kinds say so in one line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.reports import ReportKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.reports.evidence import evidence_available, gather
from pe_desktop.services.reports.service import ReportService

if TYPE_CHECKING:
    from pe_desktop.export.evidence_pdf import DocContext
    from pe_desktop.export.pdf_base import RenderedPdf


def _context(ctx: AppContext, placement_id: int) -> DocContext:
    from pe_desktop.export.evidence_pdf import DocContext

    if not evidence_available():
        raise PEDesktopError("This PDF needs the supervision and evidence records, which this "
                             "version of PE Desktop does not have.")
    svc = ReportService(ctx)
    return DocContext(svc.details(placement_id, gather(ctx, placement_id)),
                      svc.domains_for(placement_id))


def _supervision(ctx: AppContext, placement_id: int) -> Any:
    from pe_desktop.services.supervision import SupervisionService

    return SupervisionService(ctx).overview(placement_id)


def _evidence(ctx: AppContext, placement_id: int) -> tuple[Any, list[Any]]:
    from pe_desktop.services.evidence.coverage import CoverageService
    from pe_desktop.services.evidence.items import EvidenceService

    return CoverageService(ctx).matrix(placement_id), EvidenceService(ctx).list(placement_id)


def _observations(ctx: AppContext, placement_id: int) -> tuple[list[Any], list[Any]]:
    from pe_desktop.services.evidence.observations import ObservationService

    svc = ObservationService(ctx)
    return svc.list(placement_id), svc.list_feedback(placement_id)


def build_supervision(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export import evidence_pdf as ep

    pid = request.placement_id
    assert pid is not None
    c = _context(ctx, pid)
    sid = request.options.get("session_id")
    return ep.render(c, "Supervision record" if sid else "Supervision log",
                     ep.supervision_story(c, _supervision(ctx, pid), sid))


def build_observation(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export import evidence_pdf as ep

    pid = request.placement_id
    assert pid is not None
    c = _context(ctx, pid)
    rows, feedback = _observations(ctx, pid)
    return ep.render(c, "Direct observation",
                     ep.observation_story(c, rows, feedback, request.options.get("observation_id")))


def build_evidence(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    from pe_desktop.export import evidence_pdf as ep

    pid = request.placement_id
    assert pid is not None
    c = _context(ctx, pid)
    return ep.render(c, "Evidence index", ep.evidence_index_story(c, *_evidence(ctx, pid)))


def build_portfolio(ctx: AppContext, request: PdfRequest) -> RenderedPdf:
    """Reports (EPR and midway), evidence index, completed observations, supervision log."""
    from pe_desktop.export import evidence_pdf as ep
    from pe_desktop.export.report_pdf import report_story

    pid = request.placement_id
    assert pid is not None
    c = _context(ctx, pid)
    progress: Callable[[int, int, str], None] = request.progress or (lambda *_: None)
    reports = ReportService(ctx)
    rows, feedback = _observations(ctx, pid)
    observations = sorted((o for o in rows if o.completed), key=lambda o: (o.observed_on, o.id))
    matrix, items = _evidence(ctx, pid)
    overview = _supervision(ctx, pid)
    parts: list[tuple[str, Callable[[], list[Any]]]] = []
    for kind in (ReportKind.FINAL, ReportKind.MIDWAY):
        if reports.exists(pid, kind):
            view = reports.get(pid, kind)
            parts.append((label(kind), lambda v=view: report_story(v)))
    parts.append(("Evidence index", lambda: ep.evidence_index_story(c, matrix, items)))
    if observations:
        parts.append(("Direct observations",
                      lambda: ep.observations_story(c, observations, feedback)))
    parts.append(("Supervision log", lambda: ep.supervision_story(c, overview)))
    return ep.render_portfolio(c, parts, progress)
