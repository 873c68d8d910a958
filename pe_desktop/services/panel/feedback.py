"""Feedback to each PE: one signed package per report, addressed by its return code.

``pe-desktop/qa-feedback`` v1 is a package (see docs/qa-protocol.md) whose
manifest names the round, panel, request hash and return code, holding
``feedback.json`` (the agreed ratings with comments, good practice, themes,
the moderation's reasons, and a leak notice that says where, never what). It
is signed with the panel's key (which the PE pinned from the request) and
encrypted to the age recipient the PE's bundle carried, then queued as
``qa-feedback-<round>-<return code>.age`` and pushed.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.package import build_package, sha256
from pe_desktop.services.panel.moderation import AgreedView, ModerationService
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.panel.workspace import round_request
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import QaEnrolment, QaFeedbackSent, QaPanelItem

SCHEMA = "pe-desktop/qa-feedback"


def feedback_name(round_id: str, code: str) -> str:
    return f"qa-feedback-{round_id}-{code}.age"


@dataclass(frozen=True)
class FeedbackOutcome:
    return_code: str
    status: str  # queued | unchanged | not-ready | no-recipient
    detail: str = ""


def feedback_body(mod: ModerationService, view: AgreedView, kind: str, where: str
                  ) -> dict[str, Any]:
    c = mod.criteria
    return {
        "criteria_version": c.version,
        "state": view.state,
        "criteria": [{"key": k.key, "title": k.title, "rating": view.ratings.get(k.key, ""),
                      "rating_label": c.label(view.ratings.get(k.key, "")),
                      "comments": view.comments.get(k.key, [])}
                     for k in c.for_kind(kind) if view.ratings.get(k.key)],
        "good_practice": list(view.good_practice),
        "themes": sorted(set(view.themes)),
        "comment": view.comment,
        "moderated": view.state == "moderated",
        "moderation_reasons": view.reasons,
        "leak": {"reported": view.state == "leak", "where": where},
    }


class FeedbackService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def build_all(self, round_id: str, store: SecretStore
                  ) -> list[tuple[FeedbackOutcome, str, bytes, str]]:
        panel = PanelService(self.ctx)
        info = panel.require()
        key = panel.signing_key(store)
        req = round_request(self.ctx, round_id)
        mod = ModerationService(self.ctx)
        out = []
        with self.ctx.read_session() as s:
            rows = s.execute(select(QaPanelItem.return_code, QaPanelItem.kind,
                                    QaPanelItem.leak_where, QaEnrolment.age_recipient,
                                    QaEnrolment.pseudonym)
                             .join(QaEnrolment, QaEnrolment.id == QaPanelItem.enrolment_id)
                             .where(QaPanelItem.round_id == round_id)
                             .order_by(QaPanelItem.id)).all()
            sent = {f.return_code: f.content_sha256 for f in s.scalars(
                select(QaFeedbackSent).where(QaFeedbackSent.round_id == round_id))}
        for code, kind, where, recipient, pseudonym in rows:
            view = mod.view(round_id, code)
            if not (view.ready or view.state == "leak"):
                out.append((FeedbackOutcome(code, "not-ready", view.state), "", b"", ""))
                continue
            if not recipient:
                out.append((FeedbackOutcome(code, "no-recipient", "the bundle carried no age "
                                                                  "recipient"), "", b"", ""))
                continue
            body = (json.dumps(feedback_body(mod, view, kind, where), ensure_ascii=False,
                               indent=2, sort_keys=True) + "\n").encode()
            digest = sha256(body)
            if sent.get(code) == digest:
                out.append((FeedbackOutcome(code, "unchanged"), "", b"", digest))
                continue
            manifest = {"schema": SCHEMA, "schema_version": 1, "round_id": round_id,
                        "panel_id": info.uid, "request_sha256": req.payload_sha256,
                        "return_code": code, "pseudonym": pseudonym,
                        "created": self.ctx.today().isoformat()}
            built = build_package(manifest, {"feedback.json": body}, key, [recipient])
            out.append((FeedbackOutcome(code, "queued"), feedback_name(round_id, code),
                        built.data, digest))
        return out

    def send(self, round_id: str, store: SecretStore, targets: list[str] | None = None,
             progress: Callable[[int, int, str], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> tuple[list[FeedbackOutcome], Any]:
        """Queue every ready item's feedback and push; returns outcomes and the PushReport.

        ``progress``/``cancel`` reach the push: what was not delivered stays queued."""
        from pe_desktop.services.qa.transfer import enqueue, push

        outcomes = []
        for outcome, name, data, digest in self.build_all(round_id, store):
            outcomes.append(outcome)
            if outcome.status != "queued":
                continue
            with tempfile.TemporaryDirectory(prefix="pe-panel-") as tmp:
                path = write_private_file(Path(tmp) / name, data)
                meta: dict[str, Any] = {"kind": "feedback", "round_id": round_id}
                if targets:
                    meta["targets"] = list(targets)
                item = enqueue(self.ctx, name, path, meta)
            with self.ctx.session() as s:
                row = s.scalars(select(QaFeedbackSent).where(
                    QaFeedbackSent.round_id == round_id,
                    QaFeedbackSent.return_code == outcome.return_code)).first() \
                    or QaFeedbackSent(round_id=round_id, return_code=outcome.return_code)
                row.content_sha256, row.outbox_name = digest, item.name
                row.queued_at = self.ctx.now()
                s.add(row)
        report = None
        if any(o.status == "queued" for o in outcomes):
            report = push(self.ctx, store, targets, progress=progress, cancel=cancel)
        return outcomes, report
