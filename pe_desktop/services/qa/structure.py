"""The anonymised QA report (schema ``pe-desktop/qa-report`` version 1).

Structured fields become role labels or coded values, exact dates become
placement day numbers or month and year, and every free-text field goes
through the :class:`~pe_desktop.domain.anonymise.Anonymiser`. The result is a
plain dict (what is approved, hashed and bundled) plus, per free-text field,
the :class:`AnonymisedText` the preview highlights.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from pe_desktop.domain.anonymise import AnonymisedText, Anonymiser
from pe_desktop.domain.enums import label as enum_label
from pe_desktop.domain.qa.dates import day_label, month_year
from pe_desktop.domain.reports import ReportKind
from pe_desktop.domain.reports import label as report_label
from pe_desktop.services.context import AppContext
from pe_desktop.services.reports.service import ReportService, ReportView
from pe_desktop.storage.models import Placement, Student

SCHEMA = "pe-desktop/qa-report"
SCHEMA_VERSION = 1
PEOPLE = {"student": "[Student]", "practice_educator": "[Practice Educator]",
          "on_site_supervisor": "[On-site Supervisor]", "tutor": "[Tutor]",
          "organisation": "[Organisation]", "team": "[Team]", "university": "[University]"}


@dataclass(frozen=True)
class TextField:
    key: str  # "domain:<key>", "summary", …
    heading: str
    anonymised: AnonymisedText


@dataclass(frozen=True)
class QaItem:
    data: dict[str, Any]
    fields: tuple[TextField, ...]

    @property
    def json_bytes(self) -> bytes:
        return item_bytes(self.data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.json_bytes).hexdigest()

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for f in self.fields:
            for cat, n in f.anonymised.counts().items():
                out[cat] = out.get(cat, 0) + n
        return dict(sorted(out.items()))


def item_bytes(data: dict[str, Any]) -> bytes:
    """The exact bytes approved, hashed and bundled."""
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


@dataclass(frozen=True)
class PlacementFacts:
    route: str
    route_label: str
    statutory: bool
    service_area: str
    pe_arrangement: str
    days_per_week: int
    has_oss: bool
    has_tutor: bool


def placement_facts(ctx: AppContext, placement_id: int) -> PlacementFacts:
    with ctx.read_session() as s:
        p = s.get(Placement, placement_id)
        st = s.get(Student, p.student_id)
        prog = st.programme
        route = prog.kind.value if prog else "other"
        return PlacementFacts(route, enum_label(prog.kind) if prog else "Not recorded",
                              bool(p.statutory), p.service_area.value, p.pe_arrangement.value,
                              p.days_per_week, bool(p.oss_name), bool(p.tutor_name))


def text_fields(view: ReportView) -> list[tuple[str, str, str]]:
    """(key, heading, original text) of every free-text field of a version."""
    c = view.version.content
    out = [(f"domain:{d.key}", d.heading, c.narratives.get(d.key, "")) for d in view.domains]
    out.append(("summary", "Holistic assessment", c.summary))
    if view.kind == ReportKind.MIDWAY:
        out.append(("learning_agreement_review", "Learning agreement implementation",
                    c.learning_agreement_review))
        out.append(("action_plan", "Action plan", c.action_plan))
    out.append(("student_comments", "Student's comments", c.student_comments))
    out.append(("on_site_supervisor_comments", "On-site supervisor's comments", c.oss_comments))
    if view.version.checklist_override:
        out.append(("override_reason", "Reason for signing with items outstanding",
                    view.version.override_reason))
    return out


def build_item(view: ReportView, facts: PlacementFacts, anonymiser: Anonymiser, *,
               return_code: str, outcome: str) -> QaItem:
    v = view.version
    det = view.details
    start = det.start_date
    dpw = facts.days_per_week
    fields = tuple(TextField(k, h, anonymiser.anonymise(t or ""))
                   for k, h, t in text_fields(view))
    texts = {f.key: f.anonymised.text for f in fields}
    rec = v.content.recommendation
    sup = det.supervision_dates
    people = dict(PEOPLE)
    if not facts.has_oss:
        people["on_site_supervisor"] = None
    if not facts.has_tutor:
        people["tutor"] = None
    data: dict[str, Any] = {
        "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
        "return_code": return_code,
        "kind": view.kind.value, "title": report_label(view.kind),
        "outcome": outcome,
        "recommendation": rec.value if rec else None,
        "recommendation_label": report_label(rec),
        "borderline": bool(v.content.borderline),
        "placement": {
            "kind": det.placement_kind, "route": facts.route, "route_label": facts.route_label,
            "statutory": facts.statutory, "service_area": facts.service_area,
            "pe_arrangement": facts.pe_arrangement,
            "framework": det.framework, "level": det.level,
            "required_days": det.required_days, "days_completed": det.days_completed,
            "days_per_week": dpw,
            "started": month_year(start), "planned_end": month_year(det.planned_end_date),
        },
        "people": people,
        "meetings": {
            "learning_agreement": day_label(start, det.learning_agreement_on, dpw),
            "midway_review": day_label(start, det.midway_meeting_on, dpw),
        },
        "supervision": None if sup is None else {
            "sessions": len(sup), "on": [day_label(start, d, dpw) for d in sup]},
        "observations": None if det.observations_completed is None else {
            "completed": det.observations_completed, "required": det.observations_required},
        "signed": {"month": month_year(v.signed_at.date()) if v.signed_at else None,
                   "version": v.number, "checklist_override": bool(v.checklist_override)},
        "confirmations": {
            "student": report_label(v.student_confirmation.how)
            if v.student_confirmation else None,
            "on_site_supervisor": report_label(v.oss_confirmation.how)
            if v.oss_confirmation else None,
        },
        "domains": [{"key": d.key, "number": d.number, "title": d.title,
                     "text": texts[f"domain:{d.key}"]} for d in view.domains],
        "summary": texts["summary"],
        "learning_agreement_review": texts.get("learning_agreement_review"),
        "action_plan": texts.get("action_plan"),
        "student_comments": texts["student_comments"],
        "on_site_supervisor_comments": texts["on_site_supervisor_comments"],
        "override_reason": texts.get("override_reason"),
        "checklist": _checklist(view),
    }
    item = QaItem(data, fields)
    data["redactions"] = item.counts()
    return item


def _checklist(view: ReportView) -> list[dict[str, Any]]:
    snap = view.version.snapshot or {}
    items = snap.get("checklist") or [{"label": c.label, "ok": c.ok} for c in view.checklist]
    return [{"label": str(i.get("label", "")), "met": bool(i.get("ok"))} for i in items]


def load_view(ctx: AppContext, placement_id: int, kind: ReportKind, number: int) -> ReportView:
    # a QA item never lists the evidence behind each domain: skip reading it
    return ReportService(ctx).get(placement_id, kind, number, evidence_links=False)
