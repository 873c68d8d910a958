"""A round's progress: expected vs received, per organisation, outcomes, rules, reviews."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from pe_desktop.services.context import AppContext
from pe_desktop.services.panel.enrol import EnrolmentService
from pe_desktop.services.panel.moderation import ModerationService
from pe_desktop.services.panel.workspace import quarantined, round_request
from pe_desktop.storage.models import QaFeedbackSent, QaPanelItem


@dataclass(frozen=True)
class StatusItem:
    return_code: str
    kind: str
    outcome: str
    org_code: str
    selected_because: tuple[str, ...]
    review_state: str
    reviewers: tuple[str, ...]
    feedback_sent: bool
    contributor_confirmed: bool


@dataclass(frozen=True)
class RoundStatus:
    round_id: str
    due: str
    expected_orgs: tuple[str, ...]
    contributors: int
    pending_contributors: int
    expected_items: int  # what the received manifests say was selected
    received_items: int
    per_org: dict[str, int]
    outcomes: dict[str, int]
    rules: dict[str, int]
    review_states: dict[str, int]
    rejected: int
    items: tuple[StatusItem, ...] = field(default=())

    def to_json(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "items"}
        d["expected_orgs"] = list(self.expected_orgs)
        d["items"] = [{"return_code": i.return_code, "kind": i.kind, "outcome": i.outcome,
                       "organisation_code": i.org_code,
                       "selected_because": list(i.selected_because),
                       "review_state": i.review_state, "reviewers": list(i.reviewers),
                       "feedback_sent": i.feedback_sent,
                       "contributor_confirmed": i.contributor_confirmed}
                      for i in self.items]
        return d


def round_status(ctx: AppContext, round_id: str) -> RoundStatus:
    import json

    req = round_request(ctx, round_id)
    enrolments = EnrolmentService(ctx).list(round_id)
    mod = ModerationService(ctx)
    with ctx.read_session() as s:
        rows = s.execute(select(QaPanelItem.return_code, QaPanelItem.kind, QaPanelItem.outcome,
                                QaPanelItem.org_code, QaPanelItem.selected_because)
                         .where(QaPanelItem.round_id == round_id)
                         .order_by(QaPanelItem.org_code, QaPanelItem.id)).all()
        sent = set(s.scalars(select(QaFeedbackSent.return_code).where(
            QaFeedbackSent.round_id == round_id)))
        from pe_desktop.storage.models import QaReceivedBundle

        manifests = [json.loads(m) for m in s.scalars(select(QaReceivedBundle.manifest).where(
            QaReceivedBundle.round_id == round_id))]
    expected_by_key: dict[str, int] = {}
    for m in manifests:  # the latest bundle per contributor says what was selected
        expected_by_key[m["contributor"]["pseudonym"]] = int(m["selected"]["total"])
    items = []
    for code, kind, outcome, org, because in rows:
        v = mod.view(round_id, code)
        it = mod.reviews.item(round_id, code)
        items.append(StatusItem(code, kind, outcome, org,
                                tuple(x for x in because.split(",") if x), v.state,
                                v.reviewers, code in sent, it.confirmed))
    rules: Counter[str] = Counter(r for i in items for r in i.selected_because)
    return RoundStatus(
        round_id, req.request.due.isoformat(),
        tuple(o.code for o in req.request.organisations), len(enrolments),
        sum(1 for e in enrolments if not e.confirmed), sum(expected_by_key.values()),
        len(items), dict(Counter(i.org_code or "-" for i in items)),
        dict(Counter(i.outcome for i in items)), dict(rules),
        dict(Counter(i.review_state for i in items)),
        sum(1 for q in quarantined(ctx, round_id) if q.get("reason") != "leak"), tuple(items))
