"""The PE's side of report sections: send the OSS section of a midway report or
EPR to the on-site supervisor, and fill the report from their signed reply.

The request (``pe-desktop/package`` v1, manifest ``pe-desktop/oss-report-request``
v1, one file ``section.json``) is signed with the PE's OSS exchange key and
encrypted to the age recipient the OSS's first package carried (pinned with
their key), so an OSS must have sent one record first. The reply comes back as
an ordinary OSS package of kind ``report`` (see :mod:`importer`); its comments
and confirmation are written to the report version with the OSS's name, key
fingerprint and signing date, never typed by the PE.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pe_desktop.domain.errors import NotFoundError, PEDesktopError
from pe_desktop.domain.reports import ConfirmationMethod, ReportKind, VersionStatus
from pe_desktop.domain.reports import label as report_label
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import (
    OssImport,
    OssInvitation,
    OssPin,
    OssReportRequest,
    Placement,
    ReportVersion,
)

REQUEST_SCHEMA = "pe-desktop/oss-report-request"
REPLY_SCHEMA = "pe-desktop/oss-report-reply"
VERSION = 1
REQUEST_PREFIX = "ossreq-"
MAX_COMMENTS = 20_000
#: What the OSS confirms by ticking the box (also carried, verbatim, in the reply).
CONFIRMATION_TEXT = ("I have read this section of the report and confirm that these "
                     "comments are my own.")


@dataclass(frozen=True)
class SectionPreview:
    """What leaves the PE's laptop: shown in the GUI before sending."""

    version_id: int
    placement_id: int
    report_kind: str
    version_number: int
    student_first_name: str
    domains: list[dict[str, Any]]
    summary: str
    oss_name: str
    oss_fingerprint: str

    @property
    def title(self) -> str:
        return f"{report_label(ReportKind(self.report_kind))}, version {self.version_number}"


@dataclass(frozen=True)
class SentRequest:
    request_id: str
    file_name: str
    path: Path | None  # written with ``out``, else None (queued in the outbox)
    preview: SectionPreview


def _latest_invitation(s: Session, placement_id: int) -> OssInvitation | None:
    return s.scalars(select(OssInvitation).where(OssInvitation.placement_id == placement_id)
                     .order_by(OssInvitation.expires_on.desc(), OssInvitation.id.desc())).first()


def preview(ctx: AppContext, version_id: int) -> SectionPreview:
    """The OSS section of a report version, checked ready to send."""
    from pe_desktop.services.oss.invitation import first_name
    from pe_desktop.services.reports.service import ReportService

    with ctx.read_session() as s:
        v = s.get(ReportVersion, version_id)
        if v is None:
            raise NotFoundError(f"No report version {version_id}.")
        latest = max(x.number for x in v.report.versions)
        if v.number != latest:
            raise PEDesktopError(f"Version {v.number} is not the report's latest version.")
        pl = s.get(Placement, v.report.placement_id)
        pin = s.scalar(select(OssPin).where(OssPin.placement_id == pl.id))
        inv = _latest_invitation(s, pl.id)
        if inv is None:
            raise PEDesktopError("Invite the on-site supervisor first (the placement's On-site "
                                 "supervisor tab, or 'pe-desktop oss invite').")
        if pin is None or not pin.age_recipient:
            raise PEDesktopError("No record from the on-site supervisor has been imported yet: "
                                 "their first signed record confirms the key a report section "
                                 "is encrypted to.")
        if inv.expires_on < ctx.today():
            raise PEDesktopError(f"The on-site supervisor's invitation expired on "
                                 f"{inv.expires_on:%d %b %Y}; send them a new one first.")
        kind, number, summary = v.report.kind.value, v.number, v.summary
        first = first_name(pl.student.full_name, pl.student.preferred_name)
        pid, oss_name, oss_fp = pl.id, pin.oss_name, pin.fingerprint
    domains = [{"key": d.key, "number": d.number, "title": d.title}
               for d in ReportService(ctx).domains_for(pid)]
    return SectionPreview(version_id, pid, kind, number, first, domains, summary, oss_name,
                          oss_fp)


def send_section(ctx: AppContext, store: SecretStore, version_id: int,
                 out: Path | None = None) -> SentRequest:
    """Sign and encrypt the OSS section for the OSS: into folder ``out`` or the outbox."""
    from pe_desktop.services.oss.keys import pe_keys
    from pe_desktop.services.packages.package import build_package
    from pe_desktop.services.qa.transfer import deliver

    if out is not None and not Path(out).is_dir():
        raise PEDesktopError(f"The folder {out} does not exist.")
    pv = preview(ctx, version_id)
    keys = pe_keys(ctx, store, "", create=False)
    with ctx.read_session() as s:
        pl = s.get(Placement, pv.placement_id)
        inv = _latest_invitation(s, pl.id)
        pin = s.scalar(select(OssPin).where(OssPin.placement_id == pl.id))
        invite_id, placement_ref, expires = inv.uid, pl.uid, inv.expires_on
        recipient = pin.age_recipient
    request_id = str(uuid.uuid4())
    section = {"schema": "pe-desktop/oss-report-section", "schema_version": VERSION,
               "student_first_name": pv.student_first_name, "report_kind": pv.report_kind,
               "report_version": pv.version_number, "domains": pv.domains,
               "pe_summary": pv.summary, "confirmation_text": CONFIRMATION_TEXT}
    manifest = {"schema": REQUEST_SCHEMA, "schema_version": VERSION, "request_id": request_id,
                "invite_id": invite_id, "placement_ref": placement_ref,
                "report_kind": pv.report_kind, "report_version": pv.version_number,
                "created_at": ctx.now().isoformat(timespec="seconds"),
                "expires": expires.isoformat()}
    body = (json.dumps(section, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    built = build_package(manifest, {"section.json": body}, keys.signing, [recipient])
    name = f"{REQUEST_PREFIX}{invite_id[:8]}-{request_id}.pepkg"
    with ctx.session() as s:  # recorded only once the file is safely out
        s.add(OssReportRequest(uid=request_id, placement_id=pv.placement_id,
                               version_id=version_id, invite_id=invite_id, expires_on=expires,
                               oss_fingerprint=pv.oss_fingerprint, file_name=name))
        s.flush()
        path = deliver(ctx, name, built.data, out,
                       {"kind": "oss-report-request", "round_id": invite_id[:8]})
    return SentRequest(request_id, name, path, pv)


# -- the reply ------------------------------------------------------------------------
@dataclass(frozen=True)
class ParsedReply:
    request_id: str
    comments: str
    confirmed: bool
    signed_on: date  # the OSS's local date of signing


def parse_reply(ctx: AppContext, record: Any, created_at: str) -> ParsedReply:
    """``record.json`` of a report reply (raises :class:`PackageRejected` ``bad-format``);
    ``created_at`` is the manifest's signing instant, which the record's date must match."""
    ok = isinstance(record, dict) and record.get("schema") == REPLY_SCHEMA \
        and record.get("schema_version") == VERSION \
        and isinstance(record.get("request_id"), str) \
        and isinstance(record.get("comments"), str) and isinstance(record.get("confirmed"), bool)
    if not ok:
        raise PackageRejected("bad-format", "The report reply in the package cannot be read.")
    if len(record["comments"]) > MAX_COMMENTS:
        raise PackageRejected("bad-format", "The supervisor's comments are too long.")
    from pe_desktop.domain.text_rules import text_problem

    problem = text_problem(record["comments"], multiline=True)
    if problem:
        raise PackageRejected("bad-format", f"The supervisor's comments: {problem}.")
    try:
        when = datetime.fromisoformat(created_at)
        on = date.fromisoformat(str(record.get("signed_on")))
        if when.tzinfo is None:
            raise ValueError(created_at)
    except (TypeError, ValueError) as exc:
        raise PackageRejected("bad-format", "The reply has no signing date.") from exc
    if when > ctx.now() + timedelta(days=1) or on > ctx.today() + timedelta(days=1):
        raise PackageRejected("bad-format", f"The reply is dated in the future "
                                            f"({on:%d %b %Y}).")
    if abs((on - when.date()).days) > 1:
        raise PackageRejected("bad-format", "The reply's date does not match its signing time.")
    return ParsedReply(record["request_id"], record["comments"].strip(), record["confirmed"],
                       on)


def apply_reply(s: Session, pid: int, reply: ParsedReply, row: OssImport) -> int:
    """Fill the requested version's OSS section from the reply; returns the version id.

    A draft takes the comments into its OSS comments field; a version signed since
    keeps its content (the comments stay on the import, shown beside it). A confirmation
    is recorded as the OSS's, by their key, on the date they signed.
    """
    req = s.scalar(select(OssReportRequest).where(OssReportRequest.uid == reply.request_id))
    if req is None or req.placement_id != pid:
        raise PackageRejected("foreign", "This reply answers a report section this data "
                                         "directory did not send (or for another placement).")
    if req.answered_import_id is not None:
        raise PackageRejected("replayed", "This report section was already answered; ask for "
                                          "a new reply by sending the section again.")
    on = reply.signed_on
    if on > req.expires_on:
        raise PackageRejected("expired", f"The request this reply answers expired on "
                                         f"{req.expires_on:%d %b %Y}.")
    v = s.get(ReportVersion, req.version_id)
    if v is None:
        raise PackageRejected("foreign", "The report version this reply answers was deleted.")
    row.report_version_id = v.id
    s.add(row)
    s.flush()
    req.answered_import_id = row.id
    if v.status == VersionStatus.DRAFT:
        v.oss_comments = reply.comments
    if reply.confirmed:
        v.oss_confirmed_name = row.oss_name
        v.oss_confirmed_on = on
        v.oss_confirmed_how = ConfirmationMethod.OSS_KEY
    elif v.oss_confirmed_how == ConfirmationMethod.OSS_KEY:  # the latest reply speaks
        v.oss_confirmed_name, v.oss_confirmed_on, v.oss_confirmed_how = "", None, None
    return v.id


# -- what the report editors show ----------------------------------------------------
@dataclass(frozen=True)
class OssReply:
    """The OSS's signed reply on a report version."""

    import_id: int
    oss_name: str
    fingerprint: str
    signed_on: date
    comments: str
    confirmed: bool
    in_content: bool  # the comments are the version's own OSS comments (it was a draft)

    def text(self) -> str:
        what = "confirmed and commented" if self.confirmed else "commented"
        return (f"{self.oss_name} {what} on {self.signed_on:%d %b %Y}, signed with their own "
                f"key {self.fingerprint[:23]}…")


def _reply_row(s: Session, version_id: int) -> OssImport | None:
    return s.scalars(select(OssImport).where(OssImport.report_version_id == version_id)
                     .order_by(OssImport.id.desc())).first()


def reply_for_version(s: Session, version_id: int) -> OssReply | None:
    """The OSS's latest signed reply on this version; for a version reopened from one
    that had a reply, that reply while the copied comments are still its words (so they
    stay read only in the new draft too)."""
    v = s.get(ReportVersion, version_id)
    row = _reply_row(s, version_id)
    inherited = False
    if row is None and v is not None:
        for older in sorted(v.report.versions, key=lambda x: -x.number):
            if older.number < v.number and (row := _reply_row(s, older.id)) is not None:
                inherited = True
                break
    if row is None:
        return None
    record = json.loads(row.record_json)
    comments = str(record.get("comments", "")).strip()
    in_content = v is not None and v.oss_comments == comments
    if inherited and not in_content:
        return None
    return OssReply(row.id, row.oss_name, row.fingerprint,
                    date.fromisoformat(record["signed_on"]), comments,
                    bool(record.get("confirmed")) and not inherited, in_content)


def requests_for(ctx: AppContext, placement_id: int) -> list[tuple[str, int, str, bool]]:
    """(report kind, version number, sent date, answered) for the placement's requests."""
    with ctx.read_session() as s:
        rows = s.scalars(select(OssReportRequest)
                         .where(OssReportRequest.placement_id == placement_id)
                         .order_by(OssReportRequest.id)).all()
        return [(s.get(ReportVersion, r.version_id).report.kind.value,
                 s.get(ReportVersion, r.version_id).number,
                 f"{ctx.local_date(r.created_at):%d %b %Y}", r.answered_import_id is not None)
                for r in rows]
