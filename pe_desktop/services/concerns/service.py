"""Recording causes for concern and their action plans.

A concern belongs to a placement. When a midway report says "progress raising
concerns" the PE opens (or links) a concern for it: the concern's action plan
then *is* the report's action plan — every save of the concern copies the plan
into the report's draft, and a signed report keeps the plan as it was signed.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.concerns import ConcernOutcome
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.reports import ReportKind, VersionStatus
from pe_desktop.services.concerns.rows import (
    ActionInput,
    ConcernInput,
    ConcernRow,
    MeetingInput,
    plan_text,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import (
    check_domains,
    check_not_future,
    clean,
    framework_for,
    placement_or_404,
)
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import (
    Concern,
    ConcernAction,
    ConcernDomain,
    ConcernMeeting,
    Placement,
    Report,
    ReportVersion,
)

MAX_TEXT = 20_000


def concern_row(c: Concern) -> ConcernRow:
    return ConcernRow(
        id=c.id, placement_id=c.placement_id, raised_on=c.raised_on, raised_by=c.raised_by,
        raised_by_name=c.raised_by_name, description=c.description,
        domains=tuple(d.domain_key for d in c.domains),
        actions=tuple(ActionInput(a.description, a.owner, a.review_on, a.done_on,
                                  a.review_notes, a.id) for a in c.actions),
        meetings=tuple(MeetingInput(m.planned_on, m.held_on, m.attendees, m.notes, m.id)
                       for m in c.meetings),
        outcome=c.outcome, outcome_on=c.outcome_on, outcome_notes=c.outcome_notes,
        report_id=c.report_id,
    )


def concerns_in(s: Session, placement_id: int) -> list[Concern]:
    return list(s.scalars(
        select(Concern)
        .options(selectinload(Concern.domains), selectinload(Concern.actions),
                 selectinload(Concern.meetings))
        .where(Concern.placement_id == placement_id)
        .order_by(Concern.raised_on, Concern.id)
    ))


def _midway_report(s: Session, placement_id: int) -> Report | None:
    return s.scalars(select(Report).where(Report.placement_id == placement_id,
                                          Report.kind == ReportKind.MIDWAY)).first()


def sync_plan_to_report(s: Session, c: Concern) -> None:
    """Copy the concern's action plan into its midway report's draft, if any."""
    if c.report_id is None:
        return
    draft = s.scalars(
        select(ReportVersion).where(ReportVersion.report_id == c.report_id)
        .order_by(ReportVersion.number.desc())
    ).first()
    if draft is not None and draft.status == VersionStatus.DRAFT:
        draft.action_plan = concern_row(c).plan_text()


class ConcernService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading -----------------------------------------------------------
    def list(self, placement_id: int) -> list[ConcernRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            return [concern_row(c) for c in concerns_in(s, placement_id)]

    def get(self, concern_id: int) -> ConcernRow:
        with self.ctx.read_session() as s:
            return concern_row(get_or_404(s, Concern, concern_id, "concern"))

    def for_report(self, report_id: int) -> ConcernRow | None:
        """The concern linked to a (midway) report, if any."""
        with self.ctx.read_session() as s:
            c = s.scalars(select(Concern).where(Concern.report_id == report_id)
                          .order_by(Concern.id)).first()
            return concern_row(c) if c else None

    # -- validation ----------------------------------------------------------
    def validate(self, placement_id: int, data: ConcernInput) -> None:
        with self.ctx.read_session() as s:
            self._check(placement_or_404(s, placement_id), data)

    def _check(self, pl: Placement, data: ConcernInput) -> None:
        p = Problems()
        today = self.ctx.today()
        if data.raised_on is None:
            p["raised_on"] = "The date the concern was raised is required"
        else:
            check_not_future(p, "raised_on", data.raised_on, today, "The date raised")
        p.require("description", data.description, "The concern")
        p.max_len("description", data.description, MAX_TEXT, "The concern")
        p.max_len("raised_by_name", data.raised_by_name, 200, "The name")
        check_domains(p, data.domains, framework_for(self.ctx, pl))
        for i, a in enumerate(data.actions, 1):
            if not a.description.strip():
                p["actions"] = f"Action {i} needs a description (or remove it)"
            elif a.done_on is not None and a.done_on > today:
                p["actions"] = f"Action {i} cannot be done on a future date"
        for i, m in enumerate(data.meetings, 1):
            if m.planned_on is None:
                p["meetings"] = f"Meeting {i} needs a date"
            elif m.held_on is not None and m.held_on > today:
                p["meetings"] = f"Meeting {i} cannot be marked held on a future date"
        if data.outcome != ConcernOutcome.OPEN:
            if data.outcome_on is None:
                p["outcome_on"] = "Give the date of the outcome"
            elif data.outcome_on > today:
                p["outcome_on"] = "The outcome cannot be dated in the future"
            elif data.raised_on and data.outcome_on < data.raised_on:
                p["outcome_on"] = "The outcome cannot be dated before the concern was raised"
        p.raise_if_any("Cause for concern")

    # -- commands ----------------------------------------------------------------
    @staticmethod
    def _apply(c: Concern, data: ConcernInput) -> None:
        c.raised_on = data.raised_on
        c.raised_by = data.raised_by
        c.raised_by_name = clean(data.raised_by_name)
        c.description = data.description.rstrip()
        c.outcome = data.outcome
        c.outcome_on = data.outcome_on if data.outcome != ConcernOutcome.OPEN else None
        c.outcome_notes = data.outcome_notes.rstrip()
        wanted = list(dict.fromkeys(data.domains))
        c.domains[:] = [d for d in c.domains if d.domain_key in wanted]
        have = {d.domain_key for d in c.domains}
        c.domains.extend(ConcernDomain(domain_key=k) for k in wanted if k not in have)
        by_id = {a.id: a for a in c.actions}
        actions = []
        for pos, a in enumerate(data.actions):
            row = by_id.get(a.id) if a.id is not None else None
            row = row or ConcernAction()
            row.position = pos
            row.description = a.description.strip()
            row.owner = clean(a.owner)
            row.review_on = a.review_on
            row.done_on = a.done_on
            row.review_notes = a.review_notes.rstrip()
            actions.append(row)
        c.actions[:] = actions
        meetings_by_id = {m.id: m for m in c.meetings}
        meetings = []
        for m in data.meetings:
            row = meetings_by_id.get(m.id) if m.id is not None else None
            row = row or ConcernMeeting()
            row.planned_on = m.planned_on
            row.held_on = m.held_on
            row.attendees = clean(m.attendees)
            row.notes = m.notes.rstrip()
            meetings.append(row)
        c.meetings[:] = meetings

    def create(self, placement_id: int, data: ConcernInput, *,
               link_midway: bool = False) -> ConcernRow:
        """Record a concern; ``link_midway`` makes it the midway report's concern."""
        with self.ctx.session() as s:
            pl = placement_or_404(s, placement_id)
            self._check(pl, data)
            c = Concern(placement_id=placement_id)
            self._apply(c, data)
            s.add(c)
            s.flush()
            if link_midway:
                self._link(s, c)
            cid = c.id
        return self.get(cid)

    def update(self, concern_id: int, data: ConcernInput) -> ConcernRow:
        with self.ctx.session() as s:
            c = get_or_404(s, Concern, concern_id, "concern")
            self._check(s.get(Placement, c.placement_id), data)
            self._apply(c, data)
            s.flush()
            sync_plan_to_report(s, c)
        return self.get(concern_id)

    def delete(self, concern_id: int) -> None:
        with self.ctx.session() as s:
            s.delete(get_or_404(s, Concern, concern_id, "concern"))

    def link_midway(self, concern_id: int) -> ConcernRow:
        """Make this concern the one the placement's midway report records."""
        with self.ctx.session() as s:
            self._link(s, get_or_404(s, Concern, concern_id, "concern"))
        return self.get(concern_id)

    def unlink(self, concern_id: int) -> ConcernRow:
        with self.ctx.session() as s:
            get_or_404(s, Concern, concern_id, "concern").report_id = None
        return self.get(concern_id)

    def _link(self, s: Session, c: Concern) -> None:
        report = _midway_report(s, c.placement_id)
        if report is None:
            report = Report(placement_id=c.placement_id, kind=ReportKind.MIDWAY)
            report.versions.append(ReportVersion(number=1, status=VersionStatus.DRAFT))
            s.add(report)
            s.flush()
            from pe_desktop.services.reviews.prefill import fill_midway_draft

            fill_midway_draft(s, c.placement_id)
        for other in s.scalars(select(Concern).where(Concern.report_id == report.id,
                                                     Concern.id != c.id)):
            other.report_id = None
        latest = max(report.versions, key=lambda v: v.number)
        if latest.status == VersionStatus.SIGNED:
            raise ValidationError(
                {"report": "The midway report is signed; reopen it before linking a concern"},
                record="Cause for concern",
            )
        c.report_id = report.id
        s.flush()
        sync_plan_to_report(s, c)


__all__ = ["ConcernService", "concern_row", "concerns_in", "plan_text", "sync_plan_to_report"]
