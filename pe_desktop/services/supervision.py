"""Supervision log: sessions, agreed actions, acknowledgement, frequency.

Returns plain dataclasses. Report writers (midway / end of placement) use
:meth:`SupervisionService.overview` for the dates held and the count against
what was expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.enums import ContactMode
from pe_desktop.domain.errors import ValidationError
from pe_desktop.domain.evidence_vocab import SupervisionType
from pe_desktop.domain.supervision_rules import SupervisionStatus, supervision_status
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import (
    EvidenceRequirements,
    check_domains,
    check_not_future,
    clean,
    discard_drafts,
    framework_for,
    placement_or_404,
    requirements_in,
)
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.oss.locks import refuse_if_oss
from pe_desktop.services.placements.running import RUNNING
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import (
    AgendaTemplate,
    EvidenceSettings,
    Placement,
    Student,
    SupervisionAction,
    SupervisionDomain,
    SupervisionSession,
)

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")

DEFAULT_TEMPLATES = {
    "Weekly supervision": (
        "1. Wellbeing check-in\n2. Actions from last session\n3. Case discussion\n"
        "4. Learning and reflection (PCF domains)\n5. Learning agreement and workload\n"
        "6. Agreed actions\n"
    ),
}


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner: str = ""
    due_date: date | None = None
    done_on: date | None = None
    id: int | None = None  # None: a new action


@dataclass(frozen=True)
class ActionRow:
    id: int
    session_id: int
    session_date: date
    description: str
    owner: str
    due_date: date | None
    done_on: date | None

    @property
    def is_open(self) -> bool:
        return self.done_on is None

    def to_input(self) -> ActionInput:
        return ActionInput(self.description, self.owner, self.due_date, self.done_on, self.id)


@dataclass(frozen=True)
class SessionInput:
    held_on: date
    kind: SupervisionType = SupervisionType.FORMAL_PE
    start_time: str = ""
    duration_minutes: int = 60
    attendees: str = ""
    agenda: str = ""
    discussion: str = ""
    reflections: str = ""
    wellbeing: str = ""
    domains: tuple[str, ...] = ()
    actions: tuple[ActionInput, ...] = ()
    mode: ContactMode | None = ContactMode.IN_PERSON


@dataclass(frozen=True)
class SessionRow:
    id: int
    placement_id: int
    held_on: date
    kind: SupervisionType
    start_time: str
    duration_minutes: int
    attendees: str
    agenda: str
    discussion: str
    reflections: str
    wellbeing: str
    domains: tuple[str, ...]
    actions: tuple[ActionRow, ...]
    acknowledged_by: str
    acknowledged_at: datetime | None
    mode: ContactMode | None = None  # None: recorded before this was asked

    @property
    def acknowledged(self) -> bool:
        return self.acknowledged_at is not None

    @property
    def open_actions(self) -> int:
        return sum(1 for a in self.actions if a.is_open)

    def to_input(self) -> SessionInput:
        return SessionInput(
            self.held_on, self.kind, self.start_time, self.duration_minutes, self.attendees,
            self.agenda, self.discussion, self.reflections, self.wellbeing, self.domains,
            tuple(a.to_input() for a in self.actions), self.mode,
        )


@dataclass(frozen=True)
class SupervisionOverview:
    """Everything the supervision page and the report writers need for a placement."""

    placement_id: int
    student_name: str
    status: SupervisionStatus
    requirements: EvidenceRequirements
    sessions: list[SessionRow] = field(default_factory=list)  # newest first
    open_actions: list[ActionRow] = field(default_factory=list)

    @property
    def dates_held(self) -> list[date]:
        """Dates of sessions held, oldest first (midway forms ask for these)."""
        return sorted(s.held_on for s in self.sessions)


@dataclass(frozen=True)
class TemplateRow:
    id: int
    name: str
    body: str


def _action_row(a: SupervisionAction, session_date: date) -> ActionRow:
    return ActionRow(a.id, a.session_id, session_date, a.description, a.owner, a.due_date, a.done_on)


def session_row(x: SupervisionSession) -> SessionRow:
    return SessionRow(
        id=x.id, placement_id=x.placement_id, held_on=x.held_on, kind=x.kind,
        start_time=x.start_time, duration_minutes=x.duration_minutes, attendees=x.attendees,
        agenda=x.agenda, discussion=x.discussion, reflections=x.reflections,
        wellbeing=x.wellbeing, domains=tuple(d.domain_key for d in x.domains),
        actions=tuple(_action_row(a, x.held_on) for a in x.actions),
        acknowledged_by=x.acknowledged_by, acknowledged_at=x.acknowledged_at, mode=x.mode,
    )


_CONTENT_FIELDS = ("held_on", "kind", "start_time", "duration_minutes", "attendees", "agenda",
                   "discussion", "reflections", "wellbeing", "mode")


class SupervisionService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- requirements ------------------------------------------------------
    def requirements(self, placement_id: int) -> EvidenceRequirements:
        with self.ctx.read_session() as s:
            return requirements_in(s, placement_or_404(s, placement_id))

    def set_requirements(
        self, placement_id: int, *, supervision_interval_days: int | None = None,
        observations_required: int | None = None, pe_observations_required: int | None = None,
        reset_observations: bool = False,
    ) -> EvidenceRequirements:
        p = Problems()
        if supervision_interval_days is not None and not 1 <= supervision_interval_days <= 62:
            p["supervision_interval_days"] = "Supervision frequency must be between 1 and 62 days"
        if observations_required is not None and not 0 <= observations_required <= 20:
            p["observations_required"] = "Required observations must be between 0 and 20"
        if pe_observations_required is not None and not 0 <= pe_observations_required <= 20:
            p["pe_observations_required"] = "Observations by the PE must be between 0 and 20"
        p.raise_if_any("Requirements")
        with self.ctx.session() as s:
            pl = placement_or_404(s, placement_id)
            row = s.get(EvidenceSettings, placement_id)
            if row is None:
                row = EvidenceSettings(placement_id=placement_id, supervision_interval_days=7,
                                       pe_observations_required=1)
                s.add(row)
            if supervision_interval_days is not None:
                row.supervision_interval_days = supervision_interval_days
            if reset_observations:
                row.observations_required = None
            elif observations_required is not None:
                row.observations_required = observations_required
            if pe_observations_required is not None:
                row.pe_observations_required = pe_observations_required
            req = requirements_in(s, pl)
            if req.pe_observations_required > req.observations_required:
                raise ValidationError(
                    {"pe_observations_required":
                     "Observations by the PE cannot be more than the observations required"},
                    record="Requirements")
            return req

    # -- queries -----------------------------------------------------------
    def overview(self, placement_id: int) -> SupervisionOverview:
        with self.ctx.read_session() as s:
            pl = placement_or_404(s, placement_id)
            student = s.get(Student, pl.student_id)
            req = requirements_in(s, pl)
            sessions = [session_row(x) for x in self._sessions(s, placement_id)]
            status = supervision_status(
                pl.start_date, pl.planned_end_date, self.ctx.today(),
                req.supervision_interval_days, [x.held_on for x in sessions],
                running=pl.status in RUNNING and not pl.archived,
            )
            open_actions = sorted(
                (a for x in sessions for a in x.actions if a.is_open),
                key=lambda a: (a.due_date or date.max, a.id),
            )
            return SupervisionOverview(placement_id, student.full_name if student else "",
                                       status, req, sessions, open_actions)

    @staticmethod
    def _sessions(s: Session, placement_id: int) -> list[SupervisionSession]:
        return list(s.scalars(
            select(SupervisionSession)
            .options(selectinload(SupervisionSession.domains),
                     selectinload(SupervisionSession.actions))
            .where(SupervisionSession.placement_id == placement_id)
            .order_by(SupervisionSession.held_on.desc(), SupervisionSession.id.desc())
        ))

    def list_sessions(self, placement_id: int) -> list[SessionRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            return [session_row(x) for x in self._sessions(s, placement_id)]

    def get(self, session_id: int) -> SessionRow:
        with self.ctx.read_session() as s:
            return session_row(self._get(s, session_id))

    @staticmethod
    def _get(s: Session, session_id: int) -> SupervisionSession:
        x = get_or_404(s, SupervisionSession, session_id, "supervision session")
        return x

    def open_actions_agenda(self, placement_id: int) -> str:
        """Agenda lines carrying forward every open action (for a new session)."""
        actions = self.overview(placement_id).open_actions
        if not actions:
            return ""
        lines = ["Actions carried forward:"]
        for a in actions:
            extra = ", ".join(x for x in (a.owner, f"due {a.due_date:%d/%m/%Y}" if a.due_date else "") if x)
            lines.append(f"- {a.description}" + (f" ({extra})" if extra else ""))
        return "\n".join(lines) + "\n"

    # -- validation --------------------------------------------------------
    def validate(self, placement_id: int, data: SessionInput) -> None:
        with self.ctx.read_session() as s:
            self._check(s, placement_or_404(s, placement_id), data)

    def _check(self, s: Session, pl: Placement, data: SessionInput) -> None:
        p = Problems()
        if data.held_on is None:
            p["held_on"] = "Date is required"
        else:
            check_not_future(p, "held_on", data.held_on, self.ctx.today(), "A session date")
            if "held_on" not in p and data.held_on < pl.start_date:
                p["held_on"] = (f"The session date is before the placement started "
                                f"({pl.start_date:%d/%m/%Y})")
        if data.start_time and not TIME.match(data.start_time.strip()):
            p["start_time"] = "Start time must look like 14:30"
        if not 5 <= data.duration_minutes <= 600:
            p["duration_minutes"] = "Duration must be between 5 minutes and 10 hours"
        check_domains(p, data.domains, framework_for(self.ctx, pl))
        for i, a in enumerate(data.actions, 1):
            if not a.description.strip():
                p[f"actions.{i}"] = f"Action {i} needs a description"
            elif a.done_on and a.done_on > self.ctx.today():
                p[f"actions.{i}"] = f"Action {i} cannot be done on a future date"
        if not any(clean(x) for x in (data.agenda, data.discussion, data.reflections,
                                      data.wellbeing)) and not data.actions:
            p["discussion"] = "Write at least an agenda, discussion notes or an action"
        p.raise_if_any("Supervision session")

    # -- commands ----------------------------------------------------------
    def _apply(self, s: Session, x: SupervisionSession, data: SessionInput) -> None:
        x.held_on = data.held_on
        x.kind = data.kind
        x.start_time = data.start_time.strip()
        x.duration_minutes = data.duration_minutes
        x.mode = data.mode
        x.attendees = clean(data.attendees)
        x.agenda = data.agenda.rstrip()
        x.discussion = data.discussion.rstrip()
        x.reflections = data.reflections.rstrip()
        x.wellbeing = data.wellbeing.rstrip()
        wanted = list(dict.fromkeys(data.domains))
        x.domains[:] = [d for d in x.domains if d.domain_key in wanted]
        have = {d.domain_key for d in x.domains}
        x.domains.extend(SupervisionDomain(domain_key=k) for k in wanted if k not in have)
        by_id = {a.id: a for a in x.actions}
        keep: list[SupervisionAction] = []
        for a in data.actions:
            row = by_id.get(a.id) if a.id is not None else None
            if row is None:
                row = SupervisionAction()
            row.description = a.description.strip()
            row.owner = a.owner.strip()
            row.due_date = a.due_date
            row.done_on = a.done_on
            keep.append(row)
        x.actions[:] = keep

    def create(self, placement_id: int, data: SessionInput) -> SessionRow:
        with self.ctx.session() as s:
            sid = self.create_in(s, placement_id, data).id
        return self.get(sid)

    def create_in(self, s: Session, placement_id: int, data: SessionInput) -> SupervisionSession:
        """Check and add a session inside the caller's transaction (OSS import)."""
        pl = placement_or_404(s, placement_id)
        self._check(s, pl, data)
        x = SupervisionSession(placement_id=placement_id)
        self._apply(s, x, data)
        s.add(x)
        s.flush()
        return x

    def update(self, session_id: int, data: SessionInput) -> SessionRow:
        """Save changes; changing what was discussed withdraws the student's acknowledgement."""
        with self.ctx.session() as s:
            x = self._get(s, session_id)
            refuse_if_oss(s, "supervision", session_id)
            self._check(s, s.get(Placement, x.placement_id), data)
            before = tuple(getattr(x, f) for f in _CONTENT_FIELDS)
            self._apply(s, x, data)
            after = tuple(getattr(x, f) for f in _CONTENT_FIELDS)
            if before != after and x.acknowledged_at is not None:
                x.acknowledged_at = None
                x.acknowledged_by = ""
        return self.get(session_id)

    def delete(self, session_id: int) -> None:
        with self.ctx.session() as s:
            refuse_if_oss(s, "supervision", session_id)
            s.delete(self._get(s, session_id))
            discard_drafts(s, f"supervision:{session_id}")

    def acknowledge(self, session_id: int, typed_name: str) -> SessionRow:
        """Record the student's acknowledgement (their name typed on the PE's device)."""
        with self.ctx.session() as s:
            x = self._get(s, session_id)
            student = s.get(Student, s.get(Placement, x.placement_id).student_id)
            typed = " ".join(typed_name.split())
            accepted = {" ".join(student.full_name.split()).casefold()}
            if student.preferred_name:
                surname = student.full_name.split()[-1]
                accepted.add(f"{student.preferred_name} {surname}".casefold())
            if not typed:
                raise ValidationError({"acknowledged_by": "The student types their name"},
                                      record="Acknowledgement")
            if typed.casefold() not in accepted:
                raise ValidationError(
                    {"acknowledged_by": "The name typed does not match the student's name"},
                    record="Acknowledgement")
            x.acknowledged_by = typed
            x.acknowledged_at = self.ctx.now()
        return self.get(session_id)

    def withdraw_acknowledgement(self, session_id: int) -> SessionRow:
        with self.ctx.session() as s:
            x = self._get(s, session_id)
            x.acknowledged_by = ""
            x.acknowledged_at = None
        return self.get(session_id)

    def set_action_done(self, action_id: int, done_on: date | None) -> ActionRow:
        if done_on is not None and done_on > self.ctx.today():
            raise ValidationError({"done_on": "An action cannot be done on a future date"},
                                  record="Action")
        with self.ctx.session() as s:
            a = get_or_404(s, SupervisionAction, action_id, "action")
            a.done_on = done_on
            return _action_row(a, a.session.held_on)

    # -- agenda templates --------------------------------------------------
    def templates(self) -> list[TemplateRow]:
        with self.ctx.read_session() as s:
            rows = list(s.scalars(select(AgendaTemplate).order_by(AgendaTemplate.name)))
            if rows:
                return [TemplateRow(t.id, t.name, t.body) for t in rows]
        return [TemplateRow(0, name, body) for name, body in DEFAULT_TEMPLATES.items()]

    def save_template(self, name: str, body: str, template_id: int | None = None) -> TemplateRow:
        p = Problems()
        p.require("name", name, "Template name")
        p.max_len("name", name, 100, "Template name")
        p.raise_if_any("Agenda template")
        with self.ctx.session() as s:
            clash = s.scalars(select(AgendaTemplate).where(AgendaTemplate.name == name.strip())).first()
            t = s.get(AgendaTemplate, template_id) if template_id else None
            if clash is not None and clash is not t:
                raise ValidationError({"name": f"A template called '{name.strip()}' already exists"},
                                      record="Agenda template")
            if t is None:
                t = AgendaTemplate()
                s.add(t)
            t.name = name.strip()
            t.body = body
            s.flush()
            return TemplateRow(t.id, t.name, t.body)

    def delete_template(self, template_id: int) -> None:
        with self.ctx.session() as s:
            t = s.get(AgendaTemplate, template_id)
            if t is not None:
                s.delete(t)
