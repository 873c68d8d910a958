"""The PE's side of panel feedback: pull, verify, show on the original report, log as CPD.

For each round the PE contributed to, only files named for the PE's own return
codes (``qa-feedback-<round>-<code>-<sha256>.age``) are fetched; each must
decrypt with the round's age identity (kept in the SecretStore), be signed by
the panel key pinned from the request, and name this round, request and return
code. The return code maps back to the report through ``qa_approvals``.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from pe_desktop.domain.errors import NotFoundError, PEDesktopError
from pe_desktop.domain.reports import short_title
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.package import open_package, sha256
from pe_desktop.services.qa.key_store import contributor_age_name, load_age
from pe_desktop.services.qa.requests import RequestService
from pe_desktop.storage.models import (
    Placement,
    QaApproval,
    QaFeedbackReceived,
    Report,
    ReportVersion,
    Student,
)

SCHEMA = "pe-desktop/qa-feedback"
CPD_HOURS = 1.0


@dataclass(frozen=True)
class FeedbackPull:
    source: str
    status: str  # new | updated | same | rejected
    detail: str = ""


@dataclass(frozen=True)
class FeedbackRow:
    id: int
    round_id: str
    panel_name: str
    return_code: str
    report_uid: str
    placement_id: int | None
    report_title: str  # the ORIGINAL report, e.g. "Final report — Amira Khan"
    feedback: dict[str, Any]
    received_at: datetime
    read_at: datetime | None
    cpd_entry_id: int | None
    kind: str | None = None  # "midway" | "final": to open the report on the Reports page
    version: int | None = None  # the version the panel reviewed


@dataclass(frozen=True)
class OriginalReport:
    """The PE's own report (the version the panel saw), to read the feedback beside."""

    title: str
    version: int
    sections: list[tuple[str, str]]  # (heading, text as the PE wrote it)


class FeedbackInbox:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def accept(self, data: bytes, source: str, store) -> FeedbackPull:
        """Verify one feedback file and store it against the PE's report."""
        m = re.search(r"qa-feedback-(.+)-([0-9A-Z]{4}-[0-9A-Z]{4})(?:-[0-9a-f]{64})?\.age$",
                      source)
        if not m:
            return FeedbackPull(source, "rejected", "not a feedback file name")
        round_id, code = m.group(1), m.group(2)
        try:
            req = RequestService(self.ctx).get(round_id)
            pair = load_age(store, contributor_age_name(req.uid))
            if pair is None:
                raise PackageRejected("wrong-recipient", "this computer holds no feedback key "
                                                         "for the round")
            pkg = open_package(data, pair.identity, expect_fingerprint=req.panel_fingerprint)
            man = pkg.manifest
            if man.get("schema") != SCHEMA or man.get("schema_version") != 1:
                raise PackageRejected("bad-format", "not a QA feedback package")
            if (man.get("round_id"), man.get("return_code"), man.get("request_sha256")) != \
                    (round_id, code, sha256(req.payload_bytes)):
                raise PackageRejected("wrong-round", "the feedback names another round, "
                                                     "request or report")
            body = json.loads(pkg.files["feedback.json"].decode("utf-8"))
        except (PEDesktopError, KeyError, ValueError) as exc:
            return FeedbackPull(source, "rejected", str(exc))
        digest = sha256(pkg.files["feedback.json"])
        with self.ctx.session() as s:
            appr = s.scalars(select(QaApproval).where(QaApproval.request_id == req.id,
                                                      QaApproval.return_code == code)).first()
            if appr is None:
                return FeedbackPull(source, "rejected", f"{code} is not one of your reports")
            row = s.scalars(select(QaFeedbackReceived).where(
                QaFeedbackReceived.request_id == req.id,
                QaFeedbackReceived.return_code == code)).first()
            if row is not None and row.sha256 == digest:
                return FeedbackPull(source, "same")
            status = "new" if row is None else "updated"
            row = row or QaFeedbackReceived(request_id=req.id, return_code=code,
                                            report_uid=appr.report_uid)
            row.payload = json.dumps(body, ensure_ascii=False)
            row.sha256, row.received_at, row.read_at = digest, self.ctx.now(), None
            s.add(row)
        return FeedbackPull(source, status)

    def pull(self, store, targets: list[str] | None = None,
             progress: Callable[[int, int, str], None] | None = None) -> list[FeedbackPull]:
        """Fetch and verify the feedback on the targets; ``progress(done, total, message)``
        is called before each file (it may raise to cancel: each file is its own
        transaction, so what was accepted before stays and nothing is half-stored)."""
        from pe_desktop.services.qa.targets import TargetService
        from pe_desktop.sync.targets import TargetError

        with self.ctx.read_session() as s:
            mine = s.execute(select(QaApproval.return_code, QaApproval.request_id)).all()
        rounds = {r.id: r.round_id for r in RequestService(self.ctx).list()}
        prefixes = [f"qa-feedback-{rounds[rid]}-{code}-" for code, rid in mine if rid in rounds]
        svc = TargetService(self.ctx, store)
        infos = [svc.get(n) for n in targets] if targets else svc.list()
        out: list[FeedbackPull] = []
        for t, info in enumerate(infos):
            if progress:
                progress(t, len(infos), f"Looking on {info.name}")
            target = svc.open(info)
            try:
                names = target.list("qa-feedback-")
                wanted = sorted(n for n in names if any(
                    n.rpartition("/")[2].startswith(p) for p in prefixes))
                for i, name in enumerate(wanted):
                    if progress:
                        progress(i, len(wanted), f"{info.name}: feedback {i + 1} of "
                                                 f"{len(wanted)}")
                    with tempfile.TemporaryDirectory(prefix="pe-qa-") as tmp:
                        dest = target.get(name, Path(tmp) / "f.age")
                        out.append(self.accept(dest.read_bytes(), name, store))
            except TargetError as exc:
                out.append(FeedbackPull(info.name, "rejected", str(exc)))
            finally:
                getattr(target, "close", lambda: None)()
        return out

    def list(self) -> list[FeedbackRow]:
        from pe_desktop.storage.models import QaRequest

        with self.ctx.read_session() as s:
            rows = s.execute(
                select(QaFeedbackReceived, QaRequest.round_id, QaRequest.panel_name,
                       Report.kind, Placement.id, Student.full_name, ReportVersion.number)
                .join(QaRequest, QaRequest.id == QaFeedbackReceived.request_id)
                .outerjoin(QaApproval, (QaApproval.request_id == QaFeedbackReceived.request_id)
                           & (QaApproval.return_code == QaFeedbackReceived.return_code))
                .outerjoin(ReportVersion, ReportVersion.uid == QaApproval.version_uid)
                .outerjoin(Report, Report.uid == QaFeedbackReceived.report_uid)
                .outerjoin(Placement, Placement.id == Report.placement_id)
                .outerjoin(Student, Student.id == Placement.student_id)
                .order_by(QaFeedbackReceived.id)).all()
            return [FeedbackRow(f.id, rid, panel, f.return_code, f.report_uid, pid,
                                f"{short_title(kind)} — {student}" if kind else
                                "(report no longer here)", json.loads(f.payload),
                                f.received_at, f.read_at, f.cpd_entry_id,
                                kind.value if kind else None, number)
                    for f, rid, panel, kind, pid, student, number in rows]

    def unread(self) -> int:
        with self.ctx.read_session() as s:
            return s.scalar(select(func.count()).select_from(QaFeedbackReceived).where(
                QaFeedbackReceived.read_at.is_(None))) or 0

    def original(self, code: str) -> OriginalReport:
        """The report the feedback is about, as the PE wrote it (the reviewed version)."""
        from pe_desktop.domain.reports import ReportKind
        from pe_desktop.services.qa.structure import load_view, text_fields

        row = self._find(code)
        if row.placement_id is None or row.kind is None:
            raise NotFoundError(f"The report behind {row.return_code} is no longer here")
        view = load_view(self.ctx, row.placement_id, ReportKind(row.kind), row.version)
        return OriginalReport(row.report_title, view.version.number,
                              [(h, t) for _k, h, t in text_fields(view) if t.strip()])

    def for_report(self, report_uid: str) -> list[FeedbackRow]:
        return [r for r in self.list() if r.report_uid == report_uid]

    def _find(self, code: str) -> FeedbackRow:
        for r in self.list():
            if r.return_code == code.strip().upper():
                return r
        raise NotFoundError(f"No feedback for return code {code}")

    def mark_read(self, code: str) -> FeedbackRow:
        row = self._find(code)
        with self.ctx.session() as s:
            f = s.get(QaFeedbackReceived, row.id)
            if f.read_at is None:
                f.read_at = self.ctx.now()
        return self._find(code)

    def log_cpd(self, code: str, hours: float = CPD_HOURS) -> int:
        """One click: a CPD entry for reading the panel's feedback (counts to currency)."""
        from pe_desktop.domain.currency.model import CpdKind
        from pe_desktop.services.currency.rows import CpdInput
        from pe_desktop.services.currency.service import CurrencyService

        row = self.mark_read(code)
        if row.cpd_entry_id:
            return row.cpd_entry_id
        fb = row.feedback
        themes = ", ".join(fb.get("themes") or []) or "none named"
        cpd = CurrencyService(self.ctx).save_cpd(CpdInput(
            on_date=self.ctx.today(), title=f"Peer QA panel feedback ({row.round_id}, "
                                            f"{row.return_code})",
            hours=hours, kind=CpdKind.PEER_GROUP, provider=row.panel_name[:200],
            reflection=f"Read the panel's feedback on my {row.report_title.split(' — ')[0]}. "
                       f"Themes: {themes}."))
        with self.ctx.session() as s:
            s.get(QaFeedbackReceived, row.id).cpd_entry_id = cpd
        return cpd
