"""Writing, signing off and reopening midway reports and EPRs.

Rules:
- a report's latest version is the one being worked on; at most one draft;
- only a draft can be edited; signing locks it for good;
- signing needs every checklist item met, or an explicit override with a reason;
- reopening a signed report keeps it and starts a new draft copied from it;
- the student's and on-site supervisor's confirmations (name, date, how) are
  recorded on a signed version without changing its content.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from pe_desktop.domain.enums import MeetingKind
from pe_desktop.domain.enums import label as enum_label
from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.domain.reports import (
    RECOMMENDATIONS,
    CheckItem,
    CompletenessFacts,
    ConfirmationMethod,
    Recommendation,
    ReportKind,
    VersionStatus,
    completeness,
    label,
)
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss.report_section import OssReply, reply_for_version
from pe_desktop.services.placements.service import PlacementService
from pe_desktop.services.profile import ProfileService
from pe_desktop.services.reports.concerns import concern_snapshots, linked_concern_id, linked_plan
from pe_desktop.services.reports.details import DomainInfo, PlacementDetails
from pe_desktop.services.reports.evidence import EvidenceSummary, gather
from pe_desktop.storage.models import Placement, Report, ReportNarrative, ReportVersion, Student

MAX_TEXT = 50_000  # characters in one field: far beyond any real report


class ReportLocked(PEDesktopError):
    pass


@dataclass(frozen=True)
class ReportContent:
    """The fields a PE edits."""

    narratives: dict[str, str] = field(default_factory=dict)
    summary: str = ""
    recommendation: Recommendation | None = None
    borderline: bool = False
    learning_agreement_review: str = ""
    action_plan: str = ""
    student_comments: str = ""
    oss_comments: str = ""


@dataclass(frozen=True)
class Confirmation:
    name: str
    on: date
    how: ConfirmationMethod

    def text(self) -> str:
        return f"{self.name}, {self.on:%d %b %Y} ({label(self.how).lower()})"


@dataclass(frozen=True)
class VersionView:
    id: int
    report_id: int
    number: int
    status: VersionStatus
    content: ReportContent
    updated_at: datetime
    checklist_override: bool = False
    override_reason: str = ""
    reopen_reason: str = ""
    signed_at: datetime | None = None
    signed_by: str = ""
    signer_registration: str = ""
    snapshot: dict | None = None
    student_confirmation: Confirmation | None = None
    oss_confirmation: Confirmation | None = None
    #: The on-site supervisor's signed reply to this version's OSS section, if any.
    oss_reply: OssReply | None = None

    @property
    def locked(self) -> bool:
        return self.status == VersionStatus.SIGNED

    def describe(self) -> str:
        if self.locked and self.signed_at:
            return f"Version {self.number} — signed {self.signed_at.astimezone():%d %b %Y %H:%M}"
        return f"Version {self.number} — draft"


@dataclass(frozen=True)
class ReportView:
    report_id: int
    placement_id: int
    kind: ReportKind
    version: VersionView  # the one shown (latest unless asked)
    latest_number: int
    versions: list[VersionView]
    details: PlacementDetails
    domains: list[DomainInfo]
    checklist: list[CheckItem]
    evidence: EvidenceSummary | None
    #: The placement's causes for concern as they stand now (JSON-ready snapshots).
    concerns: list[dict] = field(default_factory=list)
    #: The concern whose action plan is this (midway) report's, if one is linked.
    linked_concern_id: int | None = None

    @property
    def title(self) -> str:
        return label(self.kind)

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest_number


def _confirmation(name: str, on: date | None, how: ConfirmationMethod | None
                  ) -> Confirmation | None:
    if not name or on is None or how is None:
        return None
    return Confirmation(name, on, how)


def _view(v: ReportVersion) -> VersionView:
    s = object_session(v)
    reply = reply_for_version(s, v.id) if s is not None and v.id is not None else None
    content = ReportContent(
        narratives={n.domain_key: n.text for n in v.narratives},
        summary=v.summary, recommendation=v.recommendation, borderline=v.borderline,
        learning_agreement_review=v.learning_agreement_review, action_plan=v.action_plan,
        student_comments=v.student_comments, oss_comments=v.oss_comments,
    )
    snapshot = None
    if v.signed_snapshot:
        try:
            snapshot = json.loads(v.signed_snapshot)
        except json.JSONDecodeError:
            snapshot = None
    return VersionView(
        v.id, v.report_id, v.number, v.status, content, v.updated_at,
        v.checklist_override, v.override_reason, v.reopen_reason, v.signed_at, v.signed_by,
        v.signer_registration, snapshot,
        _confirmation(v.student_confirmed_name, v.student_confirmed_on, v.student_confirmed_how),
        _confirmation(v.oss_confirmed_name, v.oss_confirmed_on, v.oss_confirmed_how),
        reply,
    )


def _set_content(s: Session, v: ReportVersion, content: ReportContent) -> None:
    v.summary = content.summary
    v.recommendation = content.recommendation
    v.borderline = content.borderline
    v.learning_agreement_review = content.learning_agreement_review
    v.action_plan = content.action_plan
    v.student_comments = content.student_comments
    v.oss_comments = content.oss_comments
    existing = {n.domain_key: n for n in v.narratives}
    for key, text in content.narratives.items():
        if key in existing:
            existing[key].text = text
        else:
            v.narratives.append(ReportNarrative(domain_key=key, text=text))


class ReportService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    # -- reading -------------------------------------------------------------------
    def domains_for(self, placement_id: int) -> list[DomainInfo]:
        row = PlacementService(self.ctx).get(placement_id)
        fw = self.ctx.frameworks.get(row.framework_ref)
        return [DomainInfo(d.number, d.key, d.title, d.summary) for d in fw.domains]

    def details(self, placement_id: int, evidence: EvidenceSummary | None = None
                ) -> PlacementDetails:
        detail = PlacementService(self.ctx).detail(placement_id)
        p = detail.placement
        fw = self.ctx.frameworks.get(p.framework_ref)
        try:
            level = fw.level(p.framework_level).title
        except KeyError:
            level = p.framework_level
        with self.ctx.read_session() as s:
            student = s.get(Student, p.student_id)
            programme = student.programme.name if student and student.programme else ""
        profile = ProfileService(self.ctx).get()
        held = {m.kind: m.held_on for m in detail.meetings}
        return PlacementDetails(
            placement_id=p.id, student=p.student_name, programme=programme,
            university=p.university,
            pe_name=profile.full_name if profile else "",
            pe_registration=profile.swe_registration if profile else "",
            oss_name=p.oss_name, tutor_name=p.tutor_name, organisation=p.organisation,
            team=p.team, placement_kind=enum_label(p.kind), framework=fw.name, level=level,
            start_date=p.start_date, planned_end_date=p.planned_end_date,
            required_days=p.required_days, days_completed=p.days_completed,
            learning_agreement_on=held.get(MeetingKind.LEARNING_AGREEMENT),
            midway_meeting_on=held.get(MeetingKind.MIDWAY_REVIEW),
            supervision_dates=tuple(evidence.supervision_dates) if evidence else None,
            observations_completed=evidence.observations_completed if evidence else None,
            observations_required=evidence.observations_required if evidence else None,
        )

    def _report(self, s: Session, placement_id: int, kind: ReportKind) -> Report | None:
        return s.scalars(
            select(Report).where(Report.placement_id == placement_id, Report.kind == kind)
        ).first()

    def exists(self, placement_id: int, kind: ReportKind) -> bool:
        with self.ctx.read_session() as s:
            return self._report(s, placement_id, kind) is not None

    def open(self, placement_id: int, kind: ReportKind, version: int | None = None
             ) -> ReportView:
        """The report (created with an empty first draft if new)."""
        with self.ctx.session() as s:
            if s.get(Placement, placement_id) is None:
                raise NotFoundError(f"No placement with id {placement_id}")
            if self._report(s, placement_id, kind) is None:
                r = Report(placement_id=placement_id, kind=kind)
                r.versions.append(ReportVersion(number=1, status=VersionStatus.DRAFT))
                s.add(r)
                if kind == ReportKind.MIDWAY:  # pre-filled from the midway review
                    from pe_desktop.services.reviews.prefill import fill_midway_draft

                    s.flush()
                    fill_midway_draft(s, placement_id)
        return self.get(placement_id, kind, version)

    def get(self, placement_id: int, kind: ReportKind, version: int | None = None, *,
            evidence_links: bool = True) -> ReportView:
        """``evidence_links=False``: without each domain's evidence list (the
        view's ``evidence.links`` is empty), for readers that never show it."""
        evidence = gather(self.ctx, placement_id, links=evidence_links)
        with self.ctx.read_session() as s:
            r = self._report(s, placement_id, kind)
            if r is None or not r.versions:
                raise NotFoundError(f"No {label(kind).lower()} for placement {placement_id} yet")
            views = [_view(v) for v in r.versions]
            report_id = r.id
        shown = views[-1] if version is None else next(
            (v for v in views if v.number == version), None)
        if shown is None:
            raise NotFoundError(f"The {label(kind).lower()} has no version {version}")
        details = self.details(placement_id, evidence)
        domains = self.domains_for(placement_id)
        return ReportView(
            report_id, placement_id, kind, shown, views[-1].number, views, details, domains,
            self._checklist(kind, shown.content, details, domains), evidence,
            concern_snapshots(self.ctx, placement_id, domains),
            linked_concern_id(self.ctx, report_id),
        )

    @staticmethod
    def _checklist(kind: ReportKind, content: ReportContent, details: PlacementDetails,
                   domains: list[DomainInfo]) -> list[CheckItem]:
        return completeness(CompletenessFacts(
            kind=kind,
            domains=tuple((d.key, d.heading) for d in domains),
            narratives=content.narratives, summary=content.summary,
            recommendation=content.recommendation, action_plan=content.action_plan,
            learning_agreement_held=details.learning_agreement_on is not None,
            midway_meeting_held=details.midway_meeting_on is not None,
            observations_required=details.observations_required,
            observations_completed=details.observations_completed,
            days_completed=details.days_completed, required_days=details.required_days,
            learning_agreement_on=details.learning_agreement_on,
            midway_meeting_on=details.midway_meeting_on,
        ))

    def checklist(self, view: ReportView, content: ReportContent) -> list[CheckItem]:
        """The checklist for unsaved ``content`` (the editor refreshes it live)."""
        return self._checklist(view.kind, content, view.details, view.domains)

    # -- editing ---------------------------------------------------------------------
    def _validate(self, kind: ReportKind, content: ReportContent, domains: set[str]) -> None:
        from pe_desktop.services.validation import Problems

        p = Problems()
        if content.recommendation is not None and \
                content.recommendation not in RECOMMENDATIONS[kind]:
            p["recommendation"] = (f"'{label(content.recommendation)}' is not a recommendation "
                                   f"for a {label(kind).lower()}")
        unknown = set(content.narratives) - domains
        if unknown:
            p["narratives"] = f"Unknown domains for this framework: {', '.join(sorted(unknown))}"
        for name in ("summary", "action_plan", "student_comments", "oss_comments",
                     "learning_agreement_review"):
            p.max_len(name, getattr(content, name), MAX_TEXT, name.replace("_", " ").capitalize())
        for key, text in content.narratives.items():
            p.max_len(f"narrative:{key}", text, MAX_TEXT, f"The narrative for {key}")
        p.raise_if_any(label(kind))

    def _draft(self, s: Session, version_id: int) -> ReportVersion:
        v = s.get(ReportVersion, version_id)
        if v is None:
            raise NotFoundError(f"No report version {version_id}")
        if v.status == VersionStatus.SIGNED:
            raise ReportLocked(
                f"Version {v.number} is signed and locked; reopen the report to change it."
            )
        latest = max(x.number for x in v.report.versions)
        if v.number != latest:
            raise ReportLocked(f"Version {v.number} is not the latest version.")
        return v

    def save(self, version_id: int, content: ReportContent,
             expected_updated_at: datetime | None = None) -> VersionView:
        """Save a draft. ``expected_updated_at`` guards against overwriting a newer save."""
        with self.ctx.session() as s:
            v = self._draft(s, version_id)
            r = v.report
            domains = {d.key for d in self.domains_for(r.placement_id)}
            self._validate(r.kind, content, domains)
            plan = linked_plan(s, r)
            if plan is not None:  # the linked concern's action plan is the report's
                content = replace(content, action_plan=plan)
            reply = reply_for_version(s, v.id)
            if reply is not None and reply.in_content:  # the OSS's signed words stay theirs
                content = replace(content, oss_comments=reply.comments)
            if expected_updated_at is not None and v.updated_at != expected_updated_at:
                raise PEDesktopError(
                    "This report was changed elsewhere since you opened it; reload it first."
                )
            _set_content(s, v, content)
            v.updated_at = self.ctx.now()
            s.flush()
            return _view(v)

    def sign(self, version_id: int, *, override: bool = False, override_reason: str = "",
             signed_at: datetime | None = None) -> VersionView:
        """The PE signs the draft: checked, snapshotted and locked. ``signed_at``
        (not after now) records an earlier sign-off, e.g. on paper."""
        now = self.ctx.now()
        if signed_at is not None and signed_at > now:
            raise ValidationError({"signed_at": "Not signed in the future"}, record="Sign-off")
        profile = ProfileService(self.ctx).get()
        if profile is None:
            raise PEDesktopError("Add your name and registration number to your profile first.")
        with self.ctx.read_session() as s:
            v = s.get(ReportVersion, version_id)
            if v is None:
                raise NotFoundError(f"No report version {version_id}")
            placement_id, kind = v.report.placement_id, v.report.kind
        view = self.get(placement_id, kind)
        if view.version.id != version_id:
            raise ReportLocked("Only the latest version can be signed.")
        problems = [c for c in view.checklist if not c.ok]
        if problems and not override:
            raise ValidationError(
                {c.key: c.detail or c.label for c in problems}, record="Not ready to sign"
            )
        if problems and not override_reason.strip():
            raise ValidationError(
                {"override_reason": "Say why you are signing with items outstanding"},
                record="Sign-off",
            )
        snapshot = {
            "details": [list(r) for r in view.details.rows()],
            "header": list(view.details.header_lines()),
            "checklist": [asdict(c) for c in view.checklist],
            "concerns": concern_snapshots(self.ctx, placement_id, view.domains),
        }
        with self.ctx.session() as s:
            v = self._draft(s, version_id)
            v.status = VersionStatus.SIGNED
            v.signed_at = signed_at or now
            v.signed_by = profile.full_name
            v.signer_registration = profile.swe_registration
            v.checklist_override = bool(problems)
            v.override_reason = override_reason.strip() if problems else ""
            v.signed_snapshot = json.dumps(snapshot, default=str, ensure_ascii=False)
            s.flush()
            return _view(v)

    def record_confirmation(self, version_id: int, who: str, name: str, on: date,
                            how: ConfirmationMethod) -> VersionView:
        """Record the student's or OSS's confirmation of a signed version."""
        if who not in ("student", "oss"):
            raise ValueError(who)
        p = {}
        if how == ConfirmationMethod.OSS_KEY:
            p["how"] = "Only the on-site supervisor's signed reply confirms by their own key"
        if not name.strip():
            p["name"] = "Give the name of the person confirming"
        if on is None:
            p["on"] = "Give the date of the confirmation"
        elif on > self.ctx.today():
            p["on"] = "A confirmation cannot be dated in the future"
        if p:
            raise ValidationError(p, record="Confirmation")
        with self.ctx.session() as s:
            v = s.get(ReportVersion, version_id)
            if v is None:
                raise NotFoundError(f"No report version {version_id}")
            if v.status != VersionStatus.SIGNED:
                raise ValidationError(
                    {"status": "Confirmations are recorded once you have signed the report"},
                    record="Confirmation",
                )
            if v.signed_at and on < self.ctx.local_date(v.signed_at):
                raise ValidationError(
                    {"on": "The confirmation cannot be dated before you signed the report"},
                    record="Confirmation",
                )
            if who == "oss" and v.oss_confirmed_how == ConfirmationMethod.OSS_KEY:
                raise ValidationError(
                    {"how": f"{v.oss_confirmed_name} confirmed this version with their own key; "
                            "that confirmation cannot be replaced by hand"},
                    record="Confirmation")
            setattr(v, f"{who}_confirmed_name", name.strip())
            setattr(v, f"{who}_confirmed_on", on)
            setattr(v, f"{who}_confirmed_how", how)
            s.flush()
            return _view(v)

    def reopen(self, version_id: int, reason: str) -> VersionView:
        """Keep the signed version; start a new draft copied from it."""
        if not reason.strip():
            raise ValidationError({"reason": "Say why the report is being reopened"},
                                  record="Reopen")
        with self.ctx.session() as s:
            v = s.get(ReportVersion, version_id)
            if v is None:
                raise NotFoundError(f"No report version {version_id}")
            r = v.report
            latest = max(x.number for x in r.versions)
            if v.status != VersionStatus.SIGNED or v.number != latest:
                raise ValidationError(
                    {"version": "Only the latest signed version can be reopened"},
                    record="Reopen",
                )
            new = ReportVersion(number=latest + 1, status=VersionStatus.DRAFT,
                                reopen_reason=reason.strip())
            r.versions.append(new)
            _set_content(s, new, _view(v).content)
            s.flush()
            return _view(new)
