"""The panel creates, signs and publishes a round's sample request."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import NotFoundError, ValidationError
from pe_desktop.domain.qa.request import (
    KINDS,
    ORG_CODE,
    Organisation,
    SampleRequest,
    check_round_id,
    parse_rate,
)
from pe_desktop.domain.qa.sampling import ALWAYS_RULES
from pe_desktop.export.files import write_private_file
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.signed_document import sign_document
from pe_desktop.services.panel.profile import PanelService
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import QaPanelRound

SALT_BYTES = 32


def request_name(round_id: str) -> str:
    """The file name a request has on a target (see docs/qa-protocol.md)."""
    return f"qa-request-{round_id}.json"


@dataclass(frozen=True)
class RoundInput:
    round_id: str
    period_from: date
    period_to: date
    due: date
    rate_percent: str = "10"
    kinds: tuple[str, ...] = KINDS
    organisations: tuple[Organisation, ...] = ()


@dataclass(frozen=True)
class RoundRow:
    round_id: str
    due: date
    envelope: bytes
    published_at: str
    published_target: str


def parse_org(text: str) -> Organisation:
    """``CODE=Name`` (or just ``CODE``) from the command line."""
    code, _, name = text.partition("=")
    code = code.strip().upper()
    if not ORG_CODE.match(code):
        raise ValidationError({"org": f"Organisation code {code!r} is not 1-16 capitals, "
                                      "digits, - or _"}, record="Sample request")
    return Organisation(code, name.strip() or code)


class RoundService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def create(self, data: RoundInput, store: SecretStore, out: Path | None = None) -> RoundRow:
        panel = PanelService(self.ctx)
        info = panel.require()
        problems: dict[str, str] = {}
        try:
            check_round_id(data.round_id)
        except ValueError as exc:
            problems["round"] = str(exc)
        try:
            rate = parse_rate(data.rate_percent)
        except ValueError as exc:
            problems["rate"] = str(exc)
        if data.period_to < data.period_from:
            problems["to"] = "The period ends before it starts"
        if not data.kinds or set(data.kinds) - set(KINDS):
            problems["kinds"] = "Kinds are midway and/or final"
        codes = [o.code for o in data.organisations]
        if len(set(codes)) != len(codes):
            problems["org"] = "An organisation code is listed twice"
        if problems:
            raise ValidationError(problems, record="Sample request")
        with self.ctx.read_session() as s:
            if s.scalars(select(QaPanelRound).where(
                    QaPanelRound.round_id == data.round_id)).first():
                raise ValidationError({"round": f"Round {data.round_id} already exists"},
                                      record="Sample request")
        req = SampleRequest(
            round_id=data.round_id, panel_id=info.uid, panel_name=info.name,
            age_recipient=info.age_recipient, signing_cert=info.signing_cert_pem,
            period_from=data.period_from, period_to=data.period_to, rate_percent=rate,
            always_include=ALWAYS_RULES, kinds=tuple(k for k in KINDS if k in data.kinds),
            due=data.due, salt=secrets.token_bytes(SALT_BYTES),
            organisations=tuple(data.organisations),
            created_at=self.ctx.now().replace(microsecond=0).isoformat(),
        )
        envelope = sign_document(req.to_payload(), panel.signing_key(store))
        if out is not None:
            write_private_file(Path(out), envelope)
        with self.ctx.session() as s:
            s.add(QaPanelRound(round_id=data.round_id, envelope=envelope.decode(),
                               due=data.due))
        return self.get(data.round_id)

    def get(self, round_id: str) -> RoundRow:
        with self.ctx.read_session() as s:
            r = s.scalars(select(QaPanelRound).where(QaPanelRound.round_id == round_id)).first()
            if r is None:
                raise NotFoundError(f"No round {round_id!r} in this panel profile")
            return RoundRow(r.round_id, r.due, r.envelope.encode(),
                            r.published_at.isoformat() if r.published_at else "",
                            r.published_target)

    def list(self) -> list[RoundRow]:
        with self.ctx.read_session() as s:
            ids = s.scalars(select(QaPanelRound.round_id).order_by(QaPanelRound.id)).all()
        return [self.get(i) for i in ids]

    def mark_published(self, round_id: str, target: str) -> None:
        with self.ctx.session() as s:
            r = s.scalars(select(QaPanelRound).where(QaPanelRound.round_id == round_id)).one()
            r.published_at = self.ctx.now()
            r.published_target = target


def publish(ctx: AppContext, round_id: str, target: str, store: SecretStore | None = None):
    """Queue the round's signed request for ``target`` and push it; returns the PushReport.

    Offline, the request stays queued and a later ``qa push`` delivers it.
    """
    import tempfile

    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.services.qa.transfer import enqueue, push

    svc = RoundService(ctx)
    row = svc.get(round_id)
    TargetService(ctx, store).get(target)  # a clear error for an unknown name
    with tempfile.TemporaryDirectory(prefix="pe-qa-") as tmp:
        path = write_private_file(Path(tmp) / request_name(round_id), row.envelope)
        enqueue(ctx, request_name(round_id), path,
                {"kind": "request", "round_id": round_id, "targets": [target]})
    report = push(ctx, store, [target])
    if report.ok:
        svc.mark_published(round_id, target)
    return report
