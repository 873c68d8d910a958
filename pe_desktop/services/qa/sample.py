"""Which of the PE's reports a round selects, and why.

Eligible: for each report of a requested kind, its latest signed version,
when it was signed (the PE's local date) within the request's period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from pe_desktop.domain.qa.sampling import Candidate, decide
from pe_desktop.domain.reports import Recommendation, ReportKind, VersionStatus, short_title
from pe_desktop.services.context import AppContext
from pe_desktop.services.qa.requests import RequestRow
from pe_desktop.storage.models import Placement, Report, ReportVersion, Student


@dataclass(frozen=True)
class SampleRow:
    report_uid: str
    version_uid: str
    version_number: int
    placement_id: int
    kind: ReportKind
    student: str  # shown to the PE only; never leaves
    signed_on: date
    outcome: str  # pass | fail | borderline | satisfactory | concerns
    selected: bool
    rules: tuple[str, ...]
    draw: float
    reason: str

    @property
    def title(self) -> str:
        return f"{short_title(self.kind)} — {self.student}"


def outcome(kind: ReportKind, rec: Recommendation | None, borderline: bool) -> str:
    if kind == ReportKind.FINAL and borderline:
        return "borderline"
    return rec.value if rec else "none"


@dataclass(frozen=True)
class Selection:
    request: RequestRow
    rows: list[SampleRow]

    @property
    def selected(self) -> list[SampleRow]:
        return [r for r in self.rows if r.selected]

    def counts(self) -> dict[str, int]:
        out = {"eligible": len(self.rows), "selected": len(self.selected), "sampled": 0}
        for rule in self.request.request.always_include:
            out[rule] = 0
        for r in self.selected:
            for rule in r.rules:
                out[rule] += 1
            if not r.rules:
                out["sampled"] += 1
        return out


def eligible_versions(ctx: AppContext, req: RequestRow) -> list[tuple]:
    """(report uid, kind, version, placement id, student name) for each eligible report."""
    kinds = [ReportKind(k) for k in req.request.kinds]
    with ctx.read_session() as s:
        rows = s.execute(
            select(Report.uid, Report.kind, ReportVersion, Placement.id, Student.full_name)
            .join(ReportVersion, ReportVersion.report_id == Report.id)
            .join(Placement, Placement.id == Report.placement_id)
            .join(Student, Student.id == Placement.student_id)
            .where(ReportVersion.status == VersionStatus.SIGNED, Report.kind.in_(kinds))
            .order_by(Report.id, ReportVersion.number)
        ).all()
        latest: dict[str, tuple] = {}
        for uid, kind, v, pid, student in rows:
            latest[uid] = (uid, kind, v, pid, student)  # ordered: the last is the latest
        out = []
        for uid, kind, v, pid, student in latest.values():
            on = ctx.local_date(v.signed_at)
            if req.request.period_from <= on <= req.request.period_to:
                s.expunge(v)
                out.append((uid, kind, v, pid, student, on))
        return out


def selection(ctx: AppContext, req: RequestRow) -> Selection:
    found = eligible_versions(ctx, req)
    decisions = decide(
        [Candidate(uid, kind.value, v.recommendation.value if v.recommendation else None,
                   bool(v.borderline)) for uid, kind, v, _pid, _st, _on in found],
        salt=req.request.salt, rate_percent=req.request.rate_percent,
        rules=req.request.always_include)
    rows = [SampleRow(uid, v.uid, v.number, pid, kind, student, on,
                      outcome(kind, v.recommendation, bool(v.borderline)),
                      d.selected, d.rules, d.draw, d.reason)
            for (uid, kind, v, pid, student, on), d in zip(found, decisions, strict=True)]
    rows.sort(key=lambda r: (not r.selected, r.signed_on, r.report_uid))
    return Selection(req, rows)
