"""Contributors' pseudonymous keys in a round: list them, the chair confirms them.

A key is enrolled (pending) by the first bundle it signs; the chair compares its
fingerprint with the one the PE's app showed (read out or sent out of band)
and confirms it. Items from a pending key are received but cannot be reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from pe_desktop.domain.errors import NotFoundError, ValidationError
from pe_desktop.services.context import AppContext
from pe_desktop.storage.models import QaEnrolment, QaPanelItem


@dataclass(frozen=True)
class EnrolmentRow:
    pseudonym: str
    fingerprint: str
    org_code: str
    confirmed: bool
    items: int
    can_receive_feedback: bool


def _norm(fp: str) -> str:
    return fp.replace(":", "").replace(" ", "").upper()


class EnrolmentService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def list(self, round_id: str) -> list[EnrolmentRow]:
        with self.ctx.read_session() as s:
            counts = dict(s.execute(select(QaPanelItem.enrolment_id, func.count()).where(
                QaPanelItem.round_id == round_id).group_by(QaPanelItem.enrolment_id)).all())
            return [EnrolmentRow(e.pseudonym, e.fingerprint, e.org_code,
                                 e.confirmed_at is not None, counts.get(e.id, 0),
                                 bool(e.age_recipient))
                    for e in s.scalars(select(QaEnrolment).where(
                        QaEnrolment.round_id == round_id).order_by(QaEnrolment.id))]

    def confirm(self, round_id: str, fingerprint: str) -> EnrolmentRow:
        want = _norm(fingerprint)
        if len(want) < 16:
            raise ValidationError({"fingerprint": "Give at least the first 16 hex digits of "
                                                  "the fingerprint"}, record="Enrolment")
        with self.ctx.session() as s:
            rows = [e for e in s.scalars(select(QaEnrolment).where(
                QaEnrolment.round_id == round_id)) if _norm(e.fingerprint).startswith(want)]
            if not rows:
                raise NotFoundError(f"No contributor key {fingerprint[:23]}… in round "
                                    f"{round_id}")
            if len(rows) > 1:
                raise ValidationError({"fingerprint": "More than one key starts like that; "
                                                      "give more digits"}, record="Enrolment")
            if rows[0].confirmed_at is None:
                rows[0].confirmed_at = self.ctx.now()
            pseudonym = rows[0].pseudonym
        return next(r for r in self.list(round_id) if r.pseudonym == pseudonym)
