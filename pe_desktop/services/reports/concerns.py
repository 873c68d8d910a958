"""Where reports meet causes for concern: the linked concern's plan and the
concerns as they stood when a report was signed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.reports import ReportKind
from pe_desktop.services.concerns.service import ConcernService, concern_row
from pe_desktop.storage.models import Concern, Report

if TYPE_CHECKING:
    from pe_desktop.services.context import AppContext
    from pe_desktop.services.reports.details import DomainInfo


def linked_plan(s: Session, report: Report) -> str | None:
    """The action plan of the concern linked to a midway report (None: none linked)."""
    if report.kind != ReportKind.MIDWAY:
        return None
    c = s.scalars(select(Concern).where(Concern.report_id == report.id)
                  .order_by(Concern.id)).first()
    return concern_row(c).plan_text() if c is not None else None


def concern_snapshots(ctx: AppContext, placement_id: int, domains: list[DomainInfo]
                      ) -> list[dict]:
    """Every concern on the placement, JSON-ready (signed reports keep these)."""
    titles = {d.key: d.heading for d in domains}
    return [c.snapshot(titles) for c in ConcernService(ctx).list(placement_id)]


def linked_concern_id(ctx: AppContext, report_id: int) -> int | None:
    c = ConcernService(ctx).for_report(report_id)
    return c.id if c else None
