"""The PE's currency record: reading it, editing it, and judging it.

Every method opens one short session and returns frozen dataclasses. The
rules themselves are in :mod:`pe_desktop.domain.currency`; this module turns
the database into a :class:`CurrencyRecord` and back.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from pe_desktop.domain.currency import (
    CurrencyPolicy,
    CurrencyStatus,
    QualificationItem,
    QualificationKind,
    currency_label,
    evaluate,
    peps_stage,
)
from pe_desktop.domain.enums import OPEN_STATUSES, PlacementKind
from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.paths import resources_dir
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.files import currency_store
from pe_desktop.services.currency.policy import (
    POLICY_SETTING,
    default_policy,
    load_policy_file,
    policy_in,
)
from pe_desktop.services.currency.record import (
    placement_facts,
    record_in,
    record_started,
    status_in,
)
from pe_desktop.services.currency.rows import (
    AttachmentRow,
    CheckInInput,
    CheckInRow,
    CpdInput,
    CpdRow,
    CurrencyOverview,
    MentoringInput,
    MentoringRow,
    PastStudentInput,
    PastStudentRow,
    PlacementChoice,
    QualificationInput,
    QualificationRow,
    RegistrationInput,
    RegistrationRow,
)
from pe_desktop.services.validation import Problems
from pe_desktop.storage.attachments import AttachmentError, AttachmentStore, FileState
from pe_desktop.storage.models import (
    CpdEntry,
    CurrencyAttachment,
    ManagerCheckIn,
    MentoringRecord,
    PastStudent,
    Placement,
    Profile,
    Qualification,
    RegistrationPeriod,
    Setting,
)


# -- reading the record ----------------------------------------------------------
def _attachments(rows: list[CurrencyAttachment]) -> tuple[AttachmentRow, ...]:
    return tuple(AttachmentRow(a.id, a.filename, a.sha256, a.size)
                 for a in sorted(rows, key=lambda a: a.id))


def _domains(text: str) -> tuple[str, ...]:
    return tuple(d for d in text.split() if d)


# -- validation ----------------------------------------------------------------
def _no_future(p: Problems, field_name: str, value: date | None, today: date, what: str) -> None:
    if value is not None and value > today:
        p[field_name] = f"{what} cannot be in the future"


class CurrencyService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    @property
    def files(self) -> AttachmentStore:
        return currency_store(self.ctx)

    # -- reading -------------------------------------------------------------
    def status(self) -> CurrencyStatus:
        with self.ctx.read_session() as s:
            return status_in(s, self.ctx.today())

    def overview(self) -> CurrencyOverview:
        today = self.ctx.today()
        with self.ctx.read_session() as s:
            policy, custom = policy_in(s)
            placements = placement_facts(s)
            record = record_in(s, placements)
            status = evaluate(record, policy, today)
            labels = {p.id: p.label for p in placements}
            profile = s.scalars(select(Profile).limit(1)).first()
            quals = s.scalars(select(Qualification).options(
                selectinload(Qualification.attachments))
                .order_by(Qualification.completed_on.desc().nulls_first(), Qualification.id))
            cpd = s.scalars(select(CpdEntry).options(selectinload(CpdEntry.attachments))
                            .order_by(CpdEntry.on_date.desc(), CpdEntry.id.desc()))
            return CurrencyOverview(
                status=status,
                policy=policy,
                policy_is_custom=custom,
                pe_name=profile.full_name if profile else "",
                registration_number=profile.swe_registration if profile else "",
                registrations=[
                    RegistrationRow(r.valid_until, r.renewed_on, r.notes, id=r.id)
                    for r in s.scalars(select(RegistrationPeriod)
                                       .order_by(RegistrationPeriod.valid_until.desc()))
                ],
                qualifications=[
                    QualificationRow(q.kind, q.completed_on, q.title, q.provider, q.credits,
                                     q.notes, id=q.id, attachments=_attachments(q.attachments))
                    for q in quals
                ],
                students=sorted(record.students, key=lambda st: st.start, reverse=True),
                past_students=[
                    PastStudentRow(r.initials, r.start_date, r.end_date, r.kind, r.university,
                                   r.outcome, r.notes, id=r.id)
                    for r in s.scalars(select(PastStudent)
                                       .order_by(PastStudent.start_date.desc()))
                ],
                cpd=[
                    CpdRow(c.on_date, c.title, c.hours, c.kind, c.provider, c.reflection,
                           _domains(c.domains), id=c.id, attachments=_attachments(c.attachments))
                    for c in cpd
                ],
                checkins=[
                    CheckInRow(c.held_on, c.manager, c.caseload_ok, c.placement_id, c.notes,
                               id=c.id, placement_label=labels.get(c.placement_id, ""))
                    for c in s.scalars(select(ManagerCheckIn)
                                       .order_by(ManagerCheckIn.held_on.desc()))
                ],
                mentoring=[
                    MentoringRow(m.mentor, m.placement_id, m.mentor_role, m.ratified_on,
                                 m.decision, id=m.id,
                                 placement_label=labels.get(m.placement_id, ""))
                    for m in s.scalars(select(MentoringRecord)
                                       .order_by(MentoringRecord.id.desc()))
                ],
                placements=[
                    PlacementChoice(p.id, labels[p.id], p.status in OPEN_STATUSES)
                    for p in sorted(placements, key=lambda p: p.start_date, reverse=True)
                ],
            )

    # -- policy --------------------------------------------------------------
    def policy(self) -> tuple[CurrencyPolicy, bool]:
        with self.ctx.read_session() as s:
            return policy_in(s)

    def save_policy(self, policy: CurrencyPolicy | dict[str, Any]) -> CurrencyPolicy:
        data = policy.to_dict() if isinstance(policy, CurrencyPolicy) else dict(policy)
        checked = CurrencyPolicy.from_dict(data)
        with self.ctx.session() as s:
            row = s.get(Setting, POLICY_SETTING) or Setting(key=POLICY_SETTING)
            row.value = json.dumps(checked.to_dict(), sort_keys=True)
            s.add(row)
        return checked

    def import_policy(self, path: Path) -> CurrencyPolicy:
        return self.save_policy(load_policy_file(path))

    def reset_policy(self) -> CurrencyPolicy:
        with self.ctx.session() as s:
            row = s.get(Setting, POLICY_SETTING)
            if row is not None:
                s.delete(row)
        return default_policy()

    # -- generic helpers -----------------------------------------------------
    def _get(self, s: Session, model: type, row_id: int, what: str) -> Any:
        obj = s.get(model, row_id)
        if obj is None:
            raise NotFoundError(f"No {what} with id {row_id}")
        return obj

    def _check_placement(self, s: Session, p: Problems, placement_id: int | None) -> None:
        if placement_id is not None and s.get(Placement, placement_id) is None:
            p["placement_id"] = "Choose a placement from the list"

    def _delete(self, model: type, row_id: int, what: str) -> None:
        with self.ctx.session() as s:
            obj = self._get(s, model, row_id, what)
            shas = [a.sha256 for a in getattr(obj, "attachments", [])]
            s.delete(obj)
        for sha in shas:
            self._forget_file(sha)

    def _forget_file(self, sha: str) -> None:
        """Remove a stored file once no row refers to it any more."""
        with self.ctx.read_session() as s:
            used = s.scalar(select(CurrencyAttachment.id)
                            .where(CurrencyAttachment.sha256 == sha).limit(1))
        if used is None:
            self.files.remove(sha)

    # -- qualifications --------------------------------------------------------
    def validate_qualification(self, data: QualificationInput) -> None:
        p = Problems()
        if data.kind == QualificationKind.OTHER:
            p.require("title", data.title, "The award's title")
        p.max_len("title", data.title, 200, "Title")
        p.max_len("provider", data.provider, 200, "Provider")
        _no_future(p, "completed_on", data.completed_on, self.ctx.today(), "The completion date")
        if data.credits is not None and not 0 <= data.credits <= 360:
            p["credits"] = "Credits must be between 0 and 360"
        p.raise_if_any("Qualification")

    def save_qualification(self, data: QualificationInput, row_id: int | None = None) -> int:
        self.validate_qualification(data)
        with self.ctx.session() as s:
            if data.kind != QualificationKind.OTHER:
                clash = s.scalar(select(Qualification.id).where(
                    Qualification.kind == data.kind, Qualification.id != (row_id or -1)))
                if clash is not None:
                    raise ValidationError(
                        {"kind": f"{currency_label(data.kind)} is already recorded; edit that entry"},
                        record="Qualification")
            q = self._get(s, Qualification, row_id, "qualification") if row_id else Qualification()
            q.kind, q.completed_on, q.credits = data.kind, data.completed_on, data.credits
            q.title, q.provider, q.notes = (data.title.strip(), data.provider.strip(),
                                            data.notes.strip())
            s.add(q)
            s.flush()
            return q.id

    def delete_qualification(self, row_id: int) -> None:
        self._delete(Qualification, row_id, "qualification")

    # -- registration ----------------------------------------------------------
    def save_registration(self, data: RegistrationInput, row_id: int | None = None) -> int:
        p = Problems()
        if data.valid_until is None:
            p["valid_until"] = "The date registration runs to is required"
        _no_future(p, "renewed_on", data.renewed_on, self.ctx.today(), "The renewal date")
        if data.renewed_on and data.valid_until and data.renewed_on > data.valid_until:
            p["renewed_on"] = "The renewal date must be on or before the date it runs to"
        p.raise_if_any("Registration")
        with self.ctx.session() as s:
            clash = s.scalar(select(RegistrationPeriod.id).where(
                RegistrationPeriod.valid_until == data.valid_until,
                RegistrationPeriod.id != (row_id or -1)))
            if clash is not None:
                raise ValidationError(
                    {"valid_until": "A registration period ending that day is already recorded"},
                    record="Registration")
            r = (self._get(s, RegistrationPeriod, row_id, "registration period") if row_id
                 else RegistrationPeriod())
            r.valid_until, r.renewed_on, r.notes = data.valid_until, data.renewed_on, data.notes
            s.add(r)
            s.flush()
            return r.id

    def delete_registration(self, row_id: int) -> None:
        self._delete(RegistrationPeriod, row_id, "registration period")

    def set_registration_number(self, number: str) -> None:
        """Change the number on the profile (validated like the setup dialog)."""
        from pe_desktop.services.profile import ProfileService

        svc = ProfileService(self.ctx)
        profile = svc.get()
        if profile is None:
            raise PEDesktopError("set up your profile first")
        from dataclasses import replace

        svc.save(replace(profile, swe_registration=number))

    # -- past students ---------------------------------------------------------
    def save_past_student(self, data: PastStudentInput, row_id: int | None = None) -> int:
        p = Problems()
        p.require("initials", data.initials, "Initials")
        if len(data.initials.strip()) > 12:
            p["initials"] = "Enter initials only (up to 12 characters), not a full name"
        if data.start_date is None:
            p["start_date"] = "The start date is required"
        _no_future(p, "start_date", data.start_date, self.ctx.today(), "The start date")
        if data.start_date and data.end_date and data.end_date < data.start_date:
            p["end_date"] = "The end date must be on or after the start date"
        p.max_len("university", data.university, 200, "University")
        p.raise_if_any("Past student")
        with self.ctx.session() as s:
            r = self._get(s, PastStudent, row_id, "past student") if row_id else PastStudent()
            r.initials = data.initials.strip().upper()
            r.start_date, r.end_date, r.kind = data.start_date, data.end_date, data.kind
            r.university, r.outcome, r.notes = data.university.strip(), data.outcome, data.notes
            s.add(r)
            s.flush()
            return r.id

    def delete_past_student(self, row_id: int) -> None:
        self._delete(PastStudent, row_id, "past student")

    # -- CPD -------------------------------------------------------------------
    def validate_cpd(self, data: CpdInput) -> None:
        p = Problems()
        p.require("title", data.title, "Title")
        p.max_len("title", data.title, 300, "Title")
        p.max_len("provider", data.provider, 200, "Provider")
        if data.on_date is None:
            p["on_date"] = "The date is required"
        _no_future(p, "on_date", data.on_date, self.ctx.today(), "A CPD date")
        if data.hours is None or not 0 < data.hours <= 200:
            p["hours"] = "Hours must be more than 0 and at most 200"
        bad = [d for d in data.domains if ":" not in d or " " in d]
        if bad:
            p["domains"] = f"Unknown domain reference {bad[0]!r}"
        p.raise_if_any("CPD entry")

    def save_cpd(self, data: CpdInput, row_id: int | None = None) -> int:
        self.validate_cpd(data)
        with self.ctx.session() as s:
            c = self._get(s, CpdEntry, row_id, "CPD entry") if row_id else CpdEntry()
            c.on_date, c.title, c.hours, c.kind = (data.on_date, data.title.strip(),
                                                   float(data.hours), data.kind)
            c.provider, c.reflection = data.provider.strip(), data.reflection
            c.domains = " ".join(dict.fromkeys(data.domains))
            s.add(c)
            s.flush()
            return c.id

    def delete_cpd(self, row_id: int) -> None:
        self._delete(CpdEntry, row_id, "CPD entry")

    # -- manager check-ins -------------------------------------------------------
    def save_checkin(self, data: CheckInInput, row_id: int | None = None) -> int:
        p = Problems()
        p.require("manager", data.manager, "The manager's name")
        p.max_len("manager", data.manager, 200, "The manager's name")
        if data.held_on is None:
            p["held_on"] = "The date is required"
        _no_future(p, "held_on", data.held_on, self.ctx.today(), "A check-in date")
        with self.ctx.session() as s:
            self._check_placement(s, p, data.placement_id)
            p.raise_if_any("Manager check-in")
            c = (self._get(s, ManagerCheckIn, row_id, "check-in") if row_id
                 else ManagerCheckIn())
            c.held_on, c.manager, c.caseload_ok = data.held_on, data.manager.strip(), \
                data.caseload_ok
            c.placement_id, c.notes = data.placement_id, data.notes
            s.add(c)
            s.flush()
            return c.id

    def delete_checkin(self, row_id: int) -> None:
        self._delete(ManagerCheckIn, row_id, "check-in")

    # -- mentoring (stage 1) ------------------------------------------------------
    def save_mentoring(self, data: MentoringInput, row_id: int | None = None) -> int:
        p = Problems()
        p.require("mentor", data.mentor, "The mentor's name")
        p.max_len("mentor", data.mentor, 200, "The mentor's name")
        p.max_len("mentor_role", data.mentor_role, 200, "Role")
        _no_future(p, "ratified_on", data.ratified_on, self.ctx.today(), "The ratification date")
        with self.ctx.session() as s:
            self._check_placement(s, p, data.placement_id)
            p.raise_if_any("Mentoring")
            m = (self._get(s, MentoringRecord, row_id, "mentoring record") if row_id
                 else MentoringRecord())
            m.mentor, m.mentor_role = data.mentor.strip(), data.mentor_role.strip()
            m.placement_id, m.ratified_on, m.decision = (data.placement_id, data.ratified_on,
                                                         data.decision)
            s.add(m)
            s.flush()
            return m.id

    def delete_mentoring(self, row_id: int) -> None:
        self._delete(MentoringRecord, row_id, "mentoring record")

    # -- attachments -----------------------------------------------------------
    def attach(self, path: Path, *, qualification_id: int | None = None,
               cpd_entry_id: int | None = None) -> AttachmentRow:
        if (qualification_id is None) == (cpd_entry_id is None):
            raise ValueError("attach to exactly one qualification or CPD entry")
        with self.ctx.read_session() as s:
            if qualification_id is not None:
                self._get(s, Qualification, qualification_id, "qualification")
            else:
                self._get(s, CpdEntry, cpd_entry_id, "CPD entry")
        stored = self.files.add_file(Path(path))
        try:
            with self.ctx.session() as s:
                a = CurrencyAttachment(qualification_id=qualification_id,
                                       cpd_entry_id=cpd_entry_id, filename=Path(path).name[:255],
                                       sha256=stored.sha256, size=stored.size)
                s.add(a)
                s.flush()
                return AttachmentRow(a.id, a.filename, a.sha256, a.size)
        except Exception:
            self._forget_file(stored.sha256)
            raise

    def remove_attachment(self, attachment_id: int) -> None:
        with self.ctx.session() as s:
            a = self._get(s, CurrencyAttachment, attachment_id, "attachment")
            sha = a.sha256
            s.delete(a)
        self._forget_file(sha)

    def save_attachment_as(self, attachment_id: int, dest: Path) -> Path:
        with self.ctx.read_session() as s:
            sha = self._get(s, CurrencyAttachment, attachment_id, "attachment").sha256
        state = self.files.verify(sha)
        if state != FileState.OK:
            raise AttachmentError(f"the stored file is {state.value} (missing or damaged)")
        dest = Path(dest)
        tmp = dest.with_name(f".{dest.name}.tmp")
        try:
            fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                out.write(self.files.read_bytes(sha))
            os.replace(tmp, dest)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise
        return dest

    # -- stage 1: sole PE on a final placement -----------------------------------
    def sole_final_warning(self, kind: PlacementKind, placement_id: int | None = None) -> str | None:
        """Warning to show when saving a placement, or None.

        A PE without PEPS stage 2 who is set as the PE on a final placement
        needs a stage-2 mentor recorded for it (stage 1 PEs cannot take sole
        responsibility for a final placement).
        """
        if kind != PlacementKind.FINAL:
            return None
        today = self.ctx.today()
        with self.ctx.read_session() as s:
            if not record_started(s):
                return None
            stage = peps_stage(
                [QualificationItem(q.kind, q.completed_on) for q in s.scalars(select(Qualification))],
                today)
            if stage >= 2:
                return None
            if placement_id is not None and s.scalar(
                select(MentoringRecord.id).where(MentoringRecord.placement_id == placement_id)
                .limit(1)) is not None:
                return None
        who = "you have PEPS stage 1" if stage == 1 else "no PEPS stage 2 is recorded for you"
        return (f"This is a final placement and {who}. A stage 1 PE cannot take sole "
                "responsibility for a final placement: record the stage 2 PE who mentors you "
                "and ratifies the decisions (Currency page, Mentoring).")


# -- CPD domain references -------------------------------------------------------
PEPS_DOMAINS_FILE = "currency/peps-domains.json"


def peps_domains() -> list[tuple[str, str]]:
    """(key, title) of the PEPS domains, from resources/currency/peps-domains.json."""
    data = json.loads((resources_dir() / PEPS_DOMAINS_FILE).read_text(encoding="utf-8"))
    return [(d["key"], d["title"]) for d in data["domains"]]


def domain_choices(ctx: AppContext) -> list[tuple[str, str]]:
    """(label, reference) for every domain a CPD entry can be linked to."""
    fw = ctx.frameworks.default
    out = [(f"PCF {d.number} — {d.title}", f"pcf:{d.key}") for d in fw.domains]
    out += [(f"PEPS {key} — {title}", f"peps:{key}") for key, title in peps_domains()]
    return out


def domain_short_label(ctx: AppContext, ref: str) -> str:
    """``pcf:professionalism`` → ``PCF 1``; ``peps:C`` → ``PEPS C``."""
    scheme, _, key = ref.partition(":")
    if scheme == "pcf":
        try:
            return f"PCF {ctx.frameworks.default.domain(key).number}"
        except KeyError:
            return ref
    if scheme == "peps":
        return f"PEPS {key}"
    return ref
