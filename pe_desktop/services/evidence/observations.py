"""Direct observations of practice (planned and completed) with per-domain
judgements, and service-user / carer feedback."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.coverage import ObservationProgress
from pe_desktop.domain.enums import ContactMode
from pe_desktop.domain.evidence_vocab import (
    FeedbackMethod,
    FeedbackSource,
    Judgement,
    ObservationStatus,
    ObserverRole,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.evidence.common import (
    check_domains,
    check_not_future,
    clean,
    discard_drafts,
    framework_for,
    placement_or_404,
)
from pe_desktop.services.evidence.requirements import progress_for
from pe_desktop.services.lookup import get_or_404
from pe_desktop.services.oss.locks import refuse_if_oss
from pe_desktop.services.validation import Problems
from pe_desktop.storage.models import (
    FeedbackDomain,
    Observation,
    ObservationJudgement,
    Placement,
    ServiceFeedback,
)


@dataclass(frozen=True)
class JudgementInput:
    domain_key: str
    judgement: Judgement
    comment: str = ""


@dataclass(frozen=True)
class ObservationInput:
    observed_on: date
    status: ObservationStatus = ObservationStatus.PLANNED
    observer_role: ObserverRole = ObserverRole.PE
    observer_name: str = ""
    observer_role_detail: str = ""
    setting: str = ""
    consent_obtained: bool = False
    consent_notes: str = ""
    observer_account: str = ""
    feedback: str = ""
    student_reflection: str = ""
    judgements: tuple[JudgementInput, ...] = ()
    mode: ContactMode | None = ContactMode.IN_PERSON


@dataclass(frozen=True)
class ObservationRow:
    id: int
    placement_id: int
    observed_on: date
    status: ObservationStatus
    observer_role: ObserverRole
    observer_name: str
    observer_role_detail: str
    setting: str
    consent_obtained: bool
    consent_notes: str
    observer_account: str
    feedback: str
    student_reflection: str
    judgements: tuple[JudgementInput, ...]
    mode: ContactMode | None = None  # None: recorded before this was asked

    @property
    def completed(self) -> bool:
        return self.status == ObservationStatus.COMPLETED

    @property
    def domains(self) -> tuple[str, ...]:
        return tuple(j.domain_key for j in self.judgements)

    def to_input(self) -> ObservationInput:
        return ObservationInput(
            self.observed_on, self.status, self.observer_role, self.observer_name,
            self.observer_role_detail, self.setting, self.consent_obtained, self.consent_notes,
            self.observer_account, self.feedback, self.student_reflection, self.judgements,
            self.mode,
        )


@dataclass(frozen=True)
class FeedbackInput:
    received_on: date
    source: FeedbackSource = FeedbackSource.SERVICE_USER
    method: FeedbackMethod = FeedbackMethod.CONVERSATION
    how_gathered: str = ""
    content: str = ""
    observation_id: int | None = None
    domains: tuple[str, ...] = ()


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    placement_id: int
    received_on: date
    source: FeedbackSource
    method: FeedbackMethod
    how_gathered: str
    content: str
    observation_id: int | None
    domains: tuple[str, ...]

    def to_input(self) -> FeedbackInput:
        return FeedbackInput(self.received_on, self.source, self.method, self.how_gathered,
                             self.content, self.observation_id, self.domains)


def observation_row(o: Observation) -> ObservationRow:
    return ObservationRow(
        o.id, o.placement_id, o.observed_on, o.status, o.observer_role, o.observer_name,
        o.observer_role_detail, o.setting, o.consent_obtained, o.consent_notes,
        o.observer_account, o.feedback, o.student_reflection,
        tuple(JudgementInput(j.domain_key, j.judgement, j.comment) for j in o.judgements),
        o.mode,
    )


def feedback_row(f: ServiceFeedback) -> FeedbackRow:
    return FeedbackRow(f.id, f.placement_id, f.received_on, f.source, f.method, f.how_gathered,
                       f.content, f.observation_id, tuple(d.domain_key for d in f.domains))


def progress_in(s: Session, p: Placement) -> ObservationProgress:
    return progress_for(s, [p])[p.id]


class ObservationService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- observations ------------------------------------------------------
    def list(self, placement_id: int) -> list[ObservationRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            rows = s.scalars(
                select(Observation).options(selectinload(Observation.judgements))
                .where(Observation.placement_id == placement_id)
                .order_by(Observation.observed_on.desc(), Observation.id.desc())
            )
            return [observation_row(o) for o in rows]

    def get(self, observation_id: int) -> ObservationRow:
        with self.ctx.read_session() as s:
            return observation_row(self._get(s, observation_id))

    @staticmethod
    def _get(s: Session, observation_id: int) -> Observation:
        o = get_or_404(s, Observation, observation_id, "observation")
        return o

    def progress(self, placement_id: int) -> ObservationProgress:
        with self.ctx.read_session() as s:
            return progress_in(s, placement_or_404(s, placement_id))

    def validate(self, placement_id: int, data: ObservationInput) -> None:
        with self.ctx.read_session() as s:
            self._check(placement_or_404(s, placement_id), data)

    def _check(self, pl: Placement, data: ObservationInput) -> None:
        p = Problems()
        done = data.status == ObservationStatus.COMPLETED
        if data.observed_on is None:
            p["observed_on"] = "Date is required"
        elif done:
            check_not_future(p, "observed_on", data.observed_on, self.ctx.today(),
                             "A completed observation's date")
        if data.observer_role != ObserverRole.PE:
            p.require("observer_name", data.observer_name, "The observer's name")
        if data.observer_role == ObserverRole.OTHER:
            p.require("observer_role_detail", data.observer_role_detail, "The observer's role")
        p.max_len("observer_name", data.observer_name, 200, "The observer's name")
        if done:
            if not data.consent_obtained:
                p["consent_obtained"] = ("Record that consent was given by the person using "
                                         "services before completing the observation")
            p.require("observer_account", data.observer_account, "The observer's account")
        elif data.judgements:
            p["judgements"] = "Judgements are given once the observation is completed"
        keys = [j.domain_key for j in data.judgements]
        if len(set(keys)) != len(keys):
            p["judgements"] = "Each domain can be judged once per observation"
        check_domains(p, keys, framework_for(self.ctx, pl), field="judgements")
        p.raise_if_any("Observation")

    def _apply(self, o: Observation, data: ObservationInput) -> None:
        o.observed_on = data.observed_on
        o.status = data.status
        o.observer_role = data.observer_role
        o.observer_name = clean(data.observer_name)
        o.observer_role_detail = clean(data.observer_role_detail)
        o.setting = data.setting.rstrip()
        o.mode = data.mode
        o.consent_obtained = data.consent_obtained
        o.consent_notes = data.consent_notes.rstrip()
        o.observer_account = data.observer_account.rstrip()
        o.feedback = data.feedback.rstrip()
        o.student_reflection = data.student_reflection.rstrip()
        existing = {j.domain_key: j for j in o.judgements}
        keep = []
        for j in data.judgements:
            row = existing.get(j.domain_key) or ObservationJudgement(domain_key=j.domain_key)
            row.judgement = j.judgement
            row.comment = j.comment.rstrip()
            keep.append(row)
        o.judgements[:] = keep

    def create(self, placement_id: int, data: ObservationInput) -> ObservationRow:
        with self.ctx.session() as s:
            oid = self.create_in(s, placement_id, data).id
        return self.get(oid)

    def create_in(self, s: Session, placement_id: int, data: ObservationInput) -> Observation:
        """Check and add an observation inside the caller's transaction (OSS import)."""
        pl = placement_or_404(s, placement_id)
        self._check(pl, data)
        o = Observation(placement_id=placement_id)
        self._apply(o, data)
        s.add(o)
        s.flush()
        return o

    def update(self, observation_id: int, data: ObservationInput) -> ObservationRow:
        with self.ctx.session() as s:
            o = self._get(s, observation_id)
            refuse_if_oss(s, "observation", observation_id)
            self._check(s.get(Placement, o.placement_id), data)
            self._apply(o, data)
        return self.get(observation_id)

    def delete(self, observation_id: int) -> None:
        with self.ctx.session() as s:
            refuse_if_oss(s, "observation", observation_id)
            s.delete(self._get(s, observation_id))
            discard_drafts(s, f"observation:{observation_id}")

    # -- service-user / carer feedback ---------------------------------------
    def list_feedback(self, placement_id: int) -> list[FeedbackRow]:
        with self.ctx.read_session() as s:
            placement_or_404(s, placement_id)
            rows = s.scalars(
                select(ServiceFeedback).options(selectinload(ServiceFeedback.domains))
                .where(ServiceFeedback.placement_id == placement_id)
                .order_by(ServiceFeedback.received_on.desc(), ServiceFeedback.id.desc())
            )
            return [feedback_row(f) for f in rows]

    def get_feedback(self, feedback_id: int) -> FeedbackRow:
        with self.ctx.read_session() as s:
            return feedback_row(self._get_feedback(s, feedback_id))

    @staticmethod
    def _get_feedback(s: Session, feedback_id: int) -> ServiceFeedback:
        f = get_or_404(s, ServiceFeedback, feedback_id, "feedback")
        return f

    def _check_feedback(self, s: Session, pl: Placement, data: FeedbackInput) -> None:
        p = Problems()
        if data.received_on is None:
            p["received_on"] = "Date is required"
        else:
            check_not_future(p, "received_on", data.received_on, self.ctx.today(), "Feedback")
        p.require("content", data.content, "What was said")
        if data.observation_id is not None:
            o = s.get(Observation, data.observation_id)
            if o is None or o.placement_id != pl.id:
                p["observation_id"] = "The linked observation belongs to another placement"
        check_domains(p, data.domains, framework_for(self.ctx, pl))
        p.raise_if_any("Feedback")

    def _apply_feedback(self, f: ServiceFeedback, data: FeedbackInput) -> None:
        f.received_on = data.received_on
        f.source = data.source
        f.method = data.method
        f.how_gathered = data.how_gathered.rstrip()
        f.content = data.content.rstrip()
        f.observation_id = data.observation_id
        wanted = list(dict.fromkeys(data.domains))
        f.domains[:] = [d for d in f.domains if d.domain_key in wanted]
        have = {d.domain_key for d in f.domains}
        f.domains.extend(FeedbackDomain(domain_key=k) for k in wanted if k not in have)

    def create_feedback(self, placement_id: int, data: FeedbackInput) -> FeedbackRow:
        with self.ctx.session() as s:
            pl = placement_or_404(s, placement_id)
            self._check_feedback(s, pl, data)
            f = ServiceFeedback(placement_id=placement_id)
            self._apply_feedback(f, data)
            s.add(f)
            s.flush()
            fid = f.id
        return self.get_feedback(fid)

    def update_feedback(self, feedback_id: int, data: FeedbackInput) -> FeedbackRow:
        with self.ctx.session() as s:
            f = self._get_feedback(s, feedback_id)
            self._check_feedback(s, s.get(Placement, f.placement_id), data)
            self._apply_feedback(f, data)
        return self.get_feedback(feedback_id)

    def delete_feedback(self, feedback_id: int) -> None:
        with self.ctx.session() as s:
            s.delete(self._get_feedback(s, feedback_id))
            discard_drafts(s, f"feedback:{feedback_id}")


