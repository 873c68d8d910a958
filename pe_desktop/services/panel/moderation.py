"""Disagreement between reviewers, the chair's moderation, and each item's agreed view."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from pe_desktop.domain.errors import PEDesktopError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.services.panel.review import PanelReviewService, member_name
from pe_desktop.storage.models import QaModeration


@dataclass(frozen=True)
class AgreedView:
    """What the panel says about one item (feedback and the summary read this)."""

    return_code: str
    state: str  # not_reviewed | one_review | needs_moderation | agreed | moderated | leak
    ratings: dict[str, str]  # criterion -> rating ("" when not agreed yet)
    comments: dict[str, list[str]]
    disputed: tuple[str, ...]
    reviewers: tuple[str, ...]
    moderator: str = ""
    reasons: str = ""
    good_practice: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    comment: str = ""

    @property
    def ready(self) -> bool:
        return self.state in ("agreed", "moderated")


class ModerationService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx
        self.reviews = PanelReviewService(ctx)
        self.criteria = self.reviews.criteria

    def view(self, round_id: str, code: str) -> AgreedView:
        item = self.reviews.item(round_id, code)
        rows = self.reviews.reviews(round_id, code)
        names = tuple(r.reviewer for r in rows)
        comments: dict[str, list[str]] = {}
        for r in rows:
            for k, v in r.ratings.items():
                if v.get("comment"):
                    comments.setdefault(k, []).append(v["comment"])
        gp = tuple(dict.fromkeys(e for r in rows for e in r.good_practice))
        themes = tuple(t for r in rows for t in r.themes)
        overall = "\n".join(r.comment for r in rows if r.comment)
        if item.state == "leak":
            return AgreedView(code, "leak", {}, {}, (), names)
        simple = [{k: v["rating"] for k, v in r.ratings.items()} for r in rows]
        flagged, where = self.criteria.disagreement(simple)
        with self.ctx.read_session() as s:
            m = s.scalars(select(QaModeration).where(QaModeration.round_id == round_id,
                                                     QaModeration.return_code == code)).first()
            mod = None if m is None else (m.moderator, json.loads(m.ratings), m.reasons)
        if mod is not None:
            ratings = {e["key"]: e["rating"] for e in mod[1]}
            for e in mod[1]:
                if e.get("comment"):
                    comments[e["key"]] = [e["comment"]]
            return AgreedView(code, "moderated", ratings, comments, tuple(where), names,
                              mod[0], mod[2], gp, themes, overall)
        if not rows:
            state = "not_reviewed"
        elif len(rows) == 1:
            state = "one_review"
        else:
            state = "needs_moderation" if flagged else "agreed"
        ratings = self.criteria.agreed(simple) if state == "agreed" else {}
        return AgreedView(code, state, ratings, comments, tuple(where), names, "", "", gp,
                          themes, overall)

    def template(self, round_id: str, code: str) -> dict[str, Any]:
        """A moderation form: the criteria with each reviewer's rating shown."""
        form = self.reviews.template(round_id, code)
        rows = self.reviews.reviews(round_id, code)
        for entry in form["ratings"]:
            entry["reviewers"] = {r.reviewer: r.ratings.get(entry["key"], {}).get("rating", "")
                                  for r in rows}
        form["reasons"] = ""
        return form

    def moderate(self, round_id: str, code: str, form: dict[str, Any],
                 moderator: str | None = None) -> AgreedView:
        item = self.reviews.item(round_id, code)
        if item.state == "leak":
            raise PEDesktopError(f"{code} is quarantined: a leak was reported.")
        if len(self.reviews.reviews(round_id, code)) < 2:
            raise PEDesktopError(f"{code} needs at least two reviews before moderation.")
        try:
            ratings = self.criteria.check(item.kind, form)
        except ValueError as exc:
            raise ValidationError({"ratings": str(exc)}, record="Moderation") from exc
        reasons = str(form.get("reasons") or "").strip()
        if not reasons:
            raise ValidationError({"reasons": "Record the reasons for the agreed view"},
                                  record="Moderation")
        with self.ctx.session() as s:
            m = s.scalars(select(QaModeration).where(
                QaModeration.round_id == round_id, QaModeration.return_code == code)).first() \
                or QaModeration(round_id=round_id, return_code=code)
            m.moderator = (moderator or member_name(self.ctx)).strip()[:200]
            m.ratings = json.dumps([{"key": k, **v} for k, v in ratings.items()],
                                   ensure_ascii=False)
            m.reasons = reasons
            s.add(m)
        return self.view(round_id, code)
