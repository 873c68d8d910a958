"""Building the partnership return for a year: the practice educator's
qualifications and currency, and the placements they supported, without
student names.

The layout (columns, headings, year, categories) is a data file: the shipped
``resources/partnership/return-layout.json`` or a partnership's own file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from pe_desktop.domain.currency import QualificationKind, Rule
from pe_desktop.domain.enums import label
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.partnership import ReturnLayout, load_layout
from pe_desktop.domain.reports import Recommendation, ReportKind, VersionStatus
from pe_desktop.paths import resources_dir
from pe_desktop.services.context import AppContext

DEFAULT_LAYOUT = "partnership/return-layout.json"


def default_layout() -> ReturnLayout:
    return load_layout(resources_dir() / DEFAULT_LAYOUT)


@dataclass(frozen=True)
class PartnershipReturn:
    year: int
    period: tuple[date, date]
    layout: ReturnLayout
    pe: dict[str, str]
    placements: list[dict[str, str]] = field(default_factory=list)

    @property
    def period_text(self) -> str:
        a, b = self.period
        return f"{a:%d %b %Y} to {b:%d %b %Y}"

    def pe_rows(self) -> list[tuple[str, str]]:
        return [(c.header, self.pe.get(c.key, "")) for c in self.layout.pe_columns]

    def placement_table(self) -> tuple[list[str], list[list[str]]]:
        cols = self.layout.placement_columns
        return [c.header for c in cols], [[p.get(c.key, "") for c in cols]
                                          for p in self.placements]

    def csv_rows(self) -> tuple[list[str], list[list[str]]]:
        """One row per placement, the PE's details repeated (one row if none)."""
        pe_head = [c.header for c in self.layout.pe_columns]
        pe_vals = [self.pe.get(c.key, "") for c in self.layout.pe_columns]
        head, rows = self.placement_table()
        if not rows:
            rows = [[""] * len(head)]
        return ["Return year", *pe_head, *head], [[self.period_text, *pe_vals, *r]
                                                  for r in rows]

    def to_json(self) -> dict:
        return {
            "return": self.layout.name, "year": self.year,
            "period": {"from": self.period[0].isoformat(), "to": self.period[1].isoformat()},
            "practice_educator": {c.header: self.pe.get(c.key, "")
                                  for c in self.layout.pe_columns},
            "placements": [{c.header: p.get(c.key, "") for c in self.layout.placement_columns}
                           for p in self.placements],
            "notes": [self.layout.arrangement_note] if self.layout.arrangement_note else [],
        }


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _outcomes(ctx: AppContext, ids: list[int]) -> dict[int, str]:
    """Placement id → the latest signed EPR's recommendation (and borderline flag)."""
    from sqlalchemy import select

    from pe_desktop.storage.models import Report, ReportVersion

    out: dict[int, str] = {}
    with ctx.read_session() as s:
        for pid, rec, borderline in s.execute(
            select(Report.placement_id, ReportVersion.recommendation, ReportVersion.borderline)
            .join(ReportVersion, ReportVersion.report_id == Report.id)
            .where(Report.placement_id.in_(ids), Report.kind == ReportKind.FINAL,
                   ReportVersion.status == VersionStatus.SIGNED)
            .order_by(ReportVersion.number)
        ):
            text = {Recommendation.PASS: "Pass", Recommendation.FAIL: "Fail"}.get(rec, "")
            out[pid] = text + (" (borderline)" if borderline and text else "")
    return out


class PartnershipReturnService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def build(self, year: int, layout_file: Path | None = None) -> PartnershipReturn:
        if not 1990 <= year <= 2200:
            raise PEDesktopError(f"{year} is not a year this return can cover")
        layout = load_layout(layout_file) if layout_file else default_layout()
        start, end = layout.period(year)
        return PartnershipReturn(year, (start, end), layout, self._pe(),
                                 self._placements(layout, start, end))

    def _pe(self) -> dict[str, str]:
        from pe_desktop.services.currency.service import CurrencyService

        ov = CurrencyService(self.ctx).overview()
        st = ov.status
        from pe_desktop.services.profile import ProfileService

        profile = ProfileService(self.ctx).get()
        done = {q.kind: q.completed_on for q in ov.qualifications if q.completed_on}
        stage = ("Stage 2" if QualificationKind.PEPS2 in done else
                 "Stage 1" if QualificationKind.PEPS1 in done else "Not recorded")
        reasons = {r.rule: r for r in st.reasons}

        def until(rule: Rule) -> str:
            r = reasons.get(rule)
            return _d(r.lapses_on - timedelta(days=1)) if r and r.lapses_on else ""

        return {
            "pe_name": ov.pe_name, "swe_registration": ov.registration_number,
            "organisation": profile.organisation if profile else "",
            "peps_stage": stage,
            "peps1_completed": _d(done.get(QualificationKind.PEPS1)),
            "peps2_completed": _d(done.get(QualificationKind.PEPS2)),
            "other_qualifications": "; ".join(
                f"{q.display_title} ({q.completed_on:%Y})" for q in ov.qualifications
                if q.kind == QualificationKind.OTHER and q.completed_on),
            "currency_status": st.state.label,
            "currency_checked_on": _d(st.today),
            "student_within_until": until(Rule.STUDENT), "cpd_until": until(Rule.CPD),
            "cpd_hours_in_window": f"{st.cpd_hours_in_window:g}",
            "last_checkin": _d(max((c.held_on for c in ov.checkins), default=None)),
            "registration_until": _d(max((r.valid_until for r in ov.registrations),
                                         default=None)),
        }

    def _placements(self, layout: ReturnLayout, start: date, end: date) -> list[dict[str, str]]:
        from pe_desktop.services.placements.service import PlacementService

        rows = [p for p in PlacementService(self.ctx).list(include_archived=True)
                if p.start_date <= end and p.planned_end_date >= start]
        rows.sort(key=lambda p: (p.start_date, p.id))
        outcomes = _outcomes(self.ctx, [p.id for p in rows])
        programmes = self._programmes([p.student_id for p in rows])
        return [{
            "placement_ref": f"P{p.id:04d}", "university": p.university,
            "programme": programmes.get(p.student_id, ""), "kind": label(p.kind),
            "setting": p.organisation, "team": p.team, "service_area": label(p.service_area),
            "statutory": "Yes" if p.statutory else "No", "start_date": _d(p.start_date),
            "end_date": _d(p.planned_end_date), "required_days": str(p.required_days),
            "days_completed": str(p.days_completed), "status": label(p.status),
            "outcome": outcomes.get(p.id) or label(p.status),
            "pe_arrangement": layout.arrangement(p.pe_arrangement),
            "pe_arrangement_recorded": label(p.pe_arrangement),
        } for p in rows]

    def _programmes(self, student_ids: list[int]) -> dict[int, str]:
        from sqlalchemy import select

        from pe_desktop.storage.models import Programme, Student

        with self.ctx.read_session() as s:
            return dict(s.execute(
                select(Student.id, Programme.name)
                .join(Programme, Student.programme_id == Programme.id)
                .where(Student.id.in_(student_ids))).all())
