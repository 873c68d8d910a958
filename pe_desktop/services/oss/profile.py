"""The OSS's side: joining an invitation, the students supervised, entering records.

Joining makes (once) the OSS's identity and, per invitation, a local student
(first name only) and placement so the PE's own observation and supervision
editors and services work unchanged on the OSS's laptop.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pe_desktop.domain.enums import PlacementKind, PlacementStatus
from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.domain.evidence_vocab import ObservationStatus
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss import records
from pe_desktop.services.oss.invitation import Invitation, load_invitation_file
from pe_desktop.services.oss.keys import create_identity, identity_info, require_identity
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import (
    Observation,
    OssMembership,
    OssSent,
    Placement,
    Student,
    SupervisionSession,
    University,
)

LOCAL_UNIVERSITY = "(on-site supervision)"


@dataclass(frozen=True)
class Supervisee:
    placement_id: int
    invite_id: str
    first_name: str
    framework: str
    level: str
    pe_name: str
    pe_fingerprint: str
    joined_on: date
    expires_on: date
    observations: int
    supervisions: int
    sent: int

    @property
    def expired_on(self) -> date:
        return self.expires_on


def join(ctx: AppContext, store: SecretStore, path: Path, name: str) -> Supervisee:
    """Join an invitation: verify it, make the identity on first use, add the student."""
    inv = load_invitation_file(path, ctx.today())
    name = name.strip()
    ident = identity_info(ctx)
    if ident is None:
        if not name or len(name) > 200:
            raise ValidationError({"name": "Give your full name (the PE sees it with your key)"},
                                  record="On-site supervisor")
        from pe_desktop.services.profile import ProfileService

        if ProfileService(ctx).get() is not None:
            raise PEDesktopError("This data directory belongs to a practice educator; use a "
                                 "separate one (--data-dir) for on-site supervision.")
        create_identity(ctx, store, name)
    if inv.framework not in ctx.frameworks:
        raise PackageRejected("bad-format", f"Unknown framework {inv.framework}.")
    with ctx.session() as s:
        if s.scalar(select(OssMembership).where(OssMembership.invite_id == inv.invite_id)):
            raise PEDesktopError(f"You already joined this invitation for "
                                 f"{inv.student_first_name}.")
        pid = _add_placement(s, ctx, inv)
        s.add(OssMembership(invite_id=inv.invite_id, placement_id=pid, pe_name=inv.pe_name,
                            pe_fingerprint=inv.pe_fingerprint,
                            pe_age_recipient=inv.pe_age_recipient, expires_on=inv.expires,
                            invitation=json.dumps(inv.payload, ensure_ascii=False)))
    return supervisee(ctx, pid)


def _add_placement(s: Any, ctx: AppContext, inv: Invitation) -> int:
    uni = s.scalar(select(University).where(University.name == LOCAL_UNIVERSITY))
    if uni is None:
        uni = University(name=LOCAL_UNIVERSITY)
        s.add(uni)
        s.flush()
    student = Student(full_name=inv.student_first_name, university_id=uni.id,
                      student_number=inv.invite_id[:8])
    s.add(student)
    s.flush()
    p = Placement(student_id=student.id, kind=PlacementKind.OTHER, required_days=1,
                  organisation="", start_date=inv.start_date,
                  planned_end_date=inv.planned_end_date, status=PlacementStatus.ACTIVE,
                  framework_ref=inv.framework, framework_level=inv.level)
    s.add(p)
    s.flush()
    return p.id


def _count(s: Any, model: Any, pid: int) -> int:
    return s.scalar(select(func.count()).select_from(model).where(model.placement_id == pid))


def supervisees(ctx: AppContext) -> list[Supervisee]:
    with ctx.read_session() as s:
        rows = s.execute(select(OssMembership, Placement, Student)
                         .join(Placement, Placement.id == OssMembership.placement_id)
                         .join(Student, Student.id == Placement.student_id)
                         .order_by(OssMembership.joined_at, OssMembership.id)).all()
        return [Supervisee(p.id, m.invite_id, st.full_name, p.framework_ref, p.framework_level,
                           m.pe_name, m.pe_fingerprint, ctx.local_date(m.joined_at),
                           m.expires_on, _count(s, Observation, p.id),
                           _count(s, SupervisionSession, p.id), _count(s, OssSent, p.id))
                for m, p, st in rows]


def supervisee(ctx: AppContext, placement_id: int) -> Supervisee:
    for sv in supervisees(ctx):
        if sv.placement_id == placement_id:
            return sv
    raise NotFoundError(f"No supervised student with placement id {placement_id}.")


def only_supervisee(ctx: AppContext, placement_id: int | None) -> Supervisee:
    """The student meant: the one given, or the only one."""
    if placement_id is not None:
        return supervisee(ctx, placement_id)
    all_ = supervisees(ctx)
    if len(all_) != 1:
        raise PEDesktopError("You supervise " + (f"{len(all_)} students: name one with "
                             "--placement ID" if all_ else "no student yet"))
    return all_[0]


def form_template(ctx: AppContext, kind: str, placement_id: int | None) -> dict[str, Any]:
    sv = only_supervisee(ctx, placement_id)
    return records.template(kind, ctx.frameworks.get(sv.framework), sv.level, sv.first_name)


def enter_record(ctx: AppContext, kind: str, data: Any, placement_id: int | None) -> int:
    """Enter a filled JSON form as a finished record; returns its id."""
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.supervision import SupervisionService

    sv = only_supervisee(ctx, placement_id)
    name = require_identity(ctx).name
    parsed = records.parse(kind, data, name)
    if kind == records.OBSERVATION:
        return ObservationService(ctx).create(sv.placement_id, parsed).id  # type: ignore[arg-type]
    return SupervisionService(ctx).create(sv.placement_id, parsed).id  # type: ignore[arg-type]


def finished(ctx: AppContext, placement_id: int) -> list[tuple[str, int]]:
    """Finished records of a student not yet packaged: (kind, id), oldest first."""
    with ctx.read_session() as s:
        sent = set(s.execute(select(OssSent.kind, OssSent.record_id)
                             .where(OssSent.placement_id == placement_id)).all())
        obs = s.scalars(select(Observation.id).where(
            Observation.placement_id == placement_id,
            Observation.status == ObservationStatus.COMPLETED).order_by(Observation.id)).all()
        sup = s.scalars(select(SupervisionSession.id).where(
            SupervisionSession.placement_id == placement_id)
            .order_by(SupervisionSession.id)).all()
    out = [(records.OBSERVATION, i) for i in obs] + [(records.SUPERVISION, i) for i in sup]
    return [r for r in out if r not in sent]


def is_sent(ctx: AppContext, kind: str, record_id: int) -> bool:
    with ctx.read_session() as s:
        return s.scalar(select(OssSent.id).where(OssSent.kind == kind,
                                                 OssSent.record_id == record_id)) is not None
