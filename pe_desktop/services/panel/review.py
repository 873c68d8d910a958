"""Reviewing received items against the criteria: forms, entry, good practice, leaks.

Several reviewers: each member works in their own panel data directory (their
laptop, often offline) and enters reviews there; ``panel review export``
signs them with the member's key and encrypts them to the panel, and the chair
imports them (:mod:`.members`). Reviews are therefore each member's own,
attributable (signed) and mergeable without a shared live session.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.domain.qa.criteria import Criteria, load_criteria
from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import QaEnrolment, QaPanelItem, QaReview, Setting

MEMBER_SETTING = "qa.panel.member_name"
CRITERIA_SETTING = "qa.panel.criteria_file"


@dataclass(frozen=True)
class ItemView:
    round_id: str
    return_code: str
    kind: str
    outcome: str
    org_code: str
    selected_because: tuple[str, ...]
    state: str  # received | leak
    confirmed: bool
    report: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReviewRow:
    reviewer: str
    criteria_version: str
    ratings: dict[str, dict[str, str]]
    good_practice: tuple[str, ...]
    themes: tuple[str, ...]
    comment: str
    signed_by: str


def criteria_for(ctx: AppContext) -> Criteria:
    """The panel's criteria: its own copy if one is set (``panel criteria use``, kept in
    ``<data dir>/panel/``), else the shipped v1."""
    from pathlib import Path

    with ctx.read_session() as s:
        row = s.get(Setting, CRITERIA_SETTING)
    if not (row and row.value):
        return load_criteria(None)
    path = Path(row.value)
    path = path if path.is_absolute() else ctx.paths.root / "panel" / path
    try:
        return load_criteria(path)
    except (OSError, ValueError) as exc:
        raise PEDesktopError(f"The panel's criteria file {path.name} cannot be read; "
                             "'pe-desktop panel criteria use FILE' or 'reset'.") from exc


def member_name(ctx: AppContext) -> str:
    with ctx.read_session() as s:
        row = s.get(Setting, MEMBER_SETTING)
    return row.value if row and row.value else "Chair"


def set_member_name(ctx: AppContext, name: str) -> None:
    with ctx.session() as s:
        row = s.get(Setting, MEMBER_SETTING)
        if row is None:
            s.add(Setting(key=MEMBER_SETTING, value=name))
        else:
            row.value = name


def report_text(report: dict[str, Any]) -> str:
    """Every free-text field of an anonymised report, for excerpt checks and display."""
    parts: list[str] = []
    for d in report.get("domains") or []:
        parts.append(str(d.get("text") or ""))
    for k in ("summary", "learning_agreement_review", "action_plan", "student_comments",
              "on_site_supervisor_comments", "override_reason"):
        if report.get(k):
            parts.append(str(report[k]))
    return "\n".join(parts)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def row_of(r: QaReview) -> ReviewRow:
    return ReviewRow(r.reviewer, r.criteria_version,
                     {e["key"]: {"rating": e["rating"], "comment": e.get("comment", "")}
                      for e in json.loads(r.ratings)},
                     tuple(json.loads(r.good_practice)), tuple(json.loads(r.themes)),
                     r.comment, r.signed_by)


class PanelReviewService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.criteria = criteria_for(ctx)

    def item(self, round_id: str, code: str) -> ItemView:
        with self.ctx.read_session() as s:
            it = s.scalars(select(QaPanelItem).where(QaPanelItem.round_id == round_id,
                                                     QaPanelItem.return_code == code)).first()
            if it is None:
                raise NotFoundError(f"No item {code} in round {round_id}")
            enr = s.get(QaEnrolment, it.enrolment_id)
            return ItemView(it.round_id, it.return_code, it.kind, it.outcome, it.org_code,
                            tuple(x for x in it.selected_because.split(",") if x), it.state,
                            enr.confirmed_at is not None,
                            json.loads(it.report_json) if it.report_json else {})

    def items(self, round_id: str) -> list[ItemView]:
        with self.ctx.read_session() as s:
            codes = s.scalars(select(QaPanelItem.return_code).where(
                QaPanelItem.round_id == round_id).order_by(QaPanelItem.id)).all()
        return [self.item(round_id, c) for c in codes]

    def pdf(self, round_id: str, code: str) -> bytes:
        with self.ctx.read_session() as s:
            it = s.scalars(select(QaPanelItem).where(QaPanelItem.round_id == round_id,
                                                     QaPanelItem.return_code == code)).one()
            return it.report_pdf

    def template(self, round_id: str, code: str) -> dict[str, Any]:
        item = self.item(round_id, code)
        return {"round_id": round_id, "return_code": code, "kind": item.kind,
                **self.criteria.template(item.kind)}

    def _reviewable(self, item: ItemView) -> None:
        if item.state == "leak":
            raise PEDesktopError(f"{item.return_code} is quarantined: a leak was reported.")
        if not item.confirmed:
            raise PEDesktopError(f"{item.return_code} comes from a contributor key the chair "
                                 "has not confirmed yet ('panel enrol --round ID').")

    def enter(self, round_id: str, code: str, form: dict[str, Any], reviewer: str | None = None,
              signed_by: str = "") -> ReviewRow:
        """Record (or replace) ``reviewer``'s filled form for an item."""
        item = self.item(round_id, code)
        self._reviewable(item)
        reviewer = (reviewer or member_name(self.ctx)).strip()
        if not reviewer or len(reviewer) > 200:
            raise ValidationError({"reviewer": "Give the reviewer's name"}, record="Review")
        try:
            ratings = self.criteria.check(item.kind, form)
        except ValueError as exc:
            raise ValidationError({"ratings": str(exc)}, record="Review") from exc
        text = _squash(report_text(item.report))
        excerpts = [str(e).strip() for e in form.get("good_practice") or [] if str(e).strip()]
        for e in excerpts:
            if _squash(e) not in text:
                raise ValidationError({"good_practice": f"Excerpt not found in the report: "
                                                        f"{e[:40]}…"}, record="Review")
        themes = [str(t).strip()[:100] for t in form.get("themes") or [] if str(t).strip()]
        payload = [{"key": k, **v} for k, v in ratings.items()]
        with self.ctx.session() as s:
            r = s.scalars(select(QaReview).where(
                QaReview.round_id == round_id, QaReview.return_code == code,
                QaReview.reviewer == reviewer)).first() or QaReview(
                round_id=round_id, return_code=code, reviewer=reviewer)
            r.criteria_version = self.criteria.version
            r.ratings = json.dumps(payload, ensure_ascii=False)
            r.good_practice = json.dumps(excerpts, ensure_ascii=False)
            r.themes = json.dumps(themes, ensure_ascii=False)
            r.comment = str(form.get("comment") or "").strip()
            r.signed_by = signed_by
            s.add(r)
        return next(x for x in self.reviews(round_id, code) if x.reviewer == reviewer)

    def reviews(self, round_id: str, code: str | None = None) -> list[ReviewRow]:
        with self.ctx.read_session() as s:
            q = select(QaReview).where(QaReview.round_id == round_id)
            if code:
                q = q.where(QaReview.return_code == code)
            return [row_of(r) for r in s.scalars(q.order_by(QaReview.id))]

    def report_leak(self, round_id: str, code: str, where: str) -> None:
        """Quarantine an item: its text is wiped from the panel's database.

        ``where`` says where the identifying detail is (e.g. "domain 4, second
        paragraph"), never what it is; it goes to the PE with the feedback.
        """
        where = where.strip()
        if not where or len(where) > 200:
            raise ValidationError({"where": "Say where it is (up to 200 characters), not what "
                                            "it says"}, record="Leak")
        from pe_desktop.export.files import write_private_file
        from pe_desktop.services.panel.workspace import quarantine_dir

        with self.ctx.session() as s:
            it = s.scalars(select(QaPanelItem).where(QaPanelItem.round_id == round_id,
                                                     QaPanelItem.return_code == code)).first()
            if it is None:
                raise NotFoundError(f"No item {code} in round {round_id}")
            it.state, it.leak_where = "leak", where
            it.report_json, it.report_pdf = "", b""
            for r in s.scalars(select(QaReview).where(QaReview.round_id == round_id,
                                                      QaReview.return_code == code)):
                r.good_practice = "[]"
            note = {"return_code": code, "reason": "leak", "where": where,
                    "at": self.ctx.now().isoformat(timespec="seconds")}
            write_private_file(quarantine_dir(self.ctx, round_id) / f"leak-{code}.json",
                               (json.dumps(note, indent=2) + "\n").encode())
