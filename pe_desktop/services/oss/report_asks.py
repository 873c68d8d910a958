"""The OSS's side of report sections: receive the PE's request, comment and
confirm, and send the signed reply.

A request is accepted only if it decrypts with the OSS's own key (else
``wrong-recipient``), is signed by the PE key of the invitation it names
(``untrusted-signer``), names an invitation this OSS joined (``foreign``), has
not expired (``expired``) and was not received before (``replayed``). The reply
is an OSS package of kind ``report`` (signed by the OSS, encrypted to the PE).
"""

from __future__ import annotations

import base64
import json
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pe_desktop.domain.errors import NotFoundError, PEDesktopError, ValidationError
from pe_desktop.domain.reports import ReportKind
from pe_desktop.domain.reports import label as report_label
from pe_desktop.domain.text_rules import text_problem
from pe_desktop.services.context import AppContext
from pe_desktop.services.oss.keys import oss_keys, require_identity
from pe_desktop.services.oss.report_section import (
    CONFIRMATION_TEXT,
    MAX_COMMENTS,
    REPLY_SCHEMA,
    REQUEST_PREFIX,
    REQUEST_SCHEMA,
    VERSION,
)
from pe_desktop.services.oss.send import PREFIX, SCHEMA, SCHEMA_VERSION, SUFFIX
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.package import build_package, open_package, sha256
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import OssMembership, OssReportAsk


@dataclass(frozen=True)
class Ask:
    id: int
    request_id: str
    placement_id: int
    student_first_name: str
    report_kind: str
    version_number: int
    domains: list[dict[str, Any]]
    pe_summary: str
    confirmation_text: str
    pe_name: str
    received_on: date
    expires_on: date
    comments: str
    confirmed: bool
    replied_on: date | None

    @property
    def title(self) -> str:
        return f"{report_label(ReportKind(self.report_kind))}, version {self.version_number}"

    @property
    def state(self) -> str:
        if self.replied_on:
            return f"Replied {self.replied_on:%d %b %Y} (signed)"
        return "Waiting for your comments"


def _same(a: str, b: str) -> bool:
    return a.replace(":", "").upper() == b.replace(":", "").upper()


def _ask(ctx: AppContext, r: OssReportAsk, pe_name: str) -> Ask:
    sec = json.loads(r.section_json)
    return Ask(r.id, r.request_id, r.placement_id, str(sec.get("student_first_name", "")),
               r.report_kind, r.version_number, list(sec.get("domains", [])),
               str(sec.get("pe_summary", "")),
               str(sec.get("confirmation_text", CONFIRMATION_TEXT)), pe_name,
               ctx.local_date(r.received_at), r.expires_on, r.comments, r.confirmed,
               ctx.local_date(r.replied_at) if r.replied_at else None)


def asks(ctx: AppContext, placement_id: int | None = None) -> list[Ask]:
    with ctx.read_session() as s:
        q = select(OssReportAsk, OssMembership.pe_name).join(
            OssMembership, OssMembership.invite_id == OssReportAsk.invite_id
        ).order_by(OssReportAsk.id)
        if placement_id is not None:
            q = q.where(OssReportAsk.placement_id == placement_id)
        return [_ask(ctx, r, pe) for r, pe in s.execute(q).all()]


def get(ctx: AppContext, ask_id: int) -> Ask:
    for a in asks(ctx):
        if a.id == ask_id:
            return a
    raise NotFoundError(f"No report section {ask_id} to comment on.")


def receive_bytes(ctx: AppContext, store: SecretStore, data: bytes) -> Ask:
    """Check a request from the PE and keep it (one transaction)."""
    keys = oss_keys(ctx, store)
    opened = open_package(data, keys.age.identity)
    m = opened.manifest
    if m.get("schema") != REQUEST_SCHEMA:
        raise PackageRejected("bad-format", "This package is not a report section from a PE.")
    if m.get("schema_version") != VERSION:
        raise PackageRejected("unsupported-version", f"Report section version "
                                                     f"{m.get('schema_version')!r} is not "
                                                     "supported.")
    with ctx.read_session() as s:
        mem = s.scalar(select(OssMembership).where(
            OssMembership.invite_id == str(m.get("invite_id"))))
        if mem is None or json.loads(mem.invitation).get("placement_ref") != m.get(
                "placement_ref"):
            raise PackageRejected("foreign", "This report section is for a student you were not "
                                             "invited to supervise.")
        pid, pe_fp, pe_name = mem.placement_id, mem.pe_fingerprint, mem.pe_name
        seen = s.scalar(select(OssReportAsk.id).where(
            OssReportAsk.request_id == str(m.get("request_id"))))
    if not _same(pe_fp, opened.signer.fingerprint):
        raise PackageRejected("untrusted-signer", "Signed by a key that is not the one in your "
                                                  "invitation from the PE.")
    try:
        expires = date.fromisoformat(str(m.get("expires")))
        section = json.loads(opened.files["section.json"].decode("utf-8"))
        kind = ReportKind(m.get("report_kind"))
        number = int(m["report_version"])
        if not isinstance(section, dict) or not isinstance(section.get("domains"), list) \
                or not isinstance(section.get("pe_summary"), str):
            raise ValueError("section")
    except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
        raise PackageRejected("bad-format", "The report section cannot be read.") from exc
    if expires < ctx.today():
        raise PackageRejected("expired", f"This request expired on {expires:%d %b %Y}; ask the "
                                         "PE to send it again.")
    if seen is not None:
        raise PackageRejected("replayed", "You already received this report section.")
    with ctx.session() as s:
        row = OssReportAsk(request_id=str(m["request_id"])[:36],
                           invite_id=str(m["invite_id"])[:36], placement_id=pid,
                           report_kind=kind.value, version_number=number,
                           section_json=json.dumps(section, ensure_ascii=False),
                           manifest=opened.manifest_bytes.decode("utf-8"),
                           signature=base64.b64encode(opened.signature).decode(),
                           package_sha256=sha256(data), expires_on=expires)
        s.add(row)
        s.flush()
        return _ask(ctx, row, pe_name)


def receive_file(ctx: AppContext, store: SecretStore, path: Path) -> Ask:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
    return receive_bytes(ctx, store, data)


@dataclass(frozen=True)
class Received:
    name: str
    ask: Ask | None
    error: str = ""
    reason: str = ""


def pull(ctx: AppContext, store: SecretStore, names: list[str] | None = None) -> list[Received]:
    """Fetch report sections from the targets; ones received before are skipped."""
    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.sync.targets import TargetError

    svc = TargetService(ctx, store)
    infos = [svc.get(n) for n in names] if names else svc.list()
    if not infos:
        raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add'.")
    with ctx.read_session() as s:
        seen = set(s.scalars(select(OssReportAsk.package_sha256)))
    out: list[Received] = []
    for info in infos:
        target = svc.open(info)
        try:
            for name in sorted(n for n in target.list(REQUEST_PREFIX) if n.endswith(SUFFIX)):
                with tempfile.TemporaryDirectory(prefix="pe-oss-") as tmp:
                    dest = Path(tmp) / "package"
                    try:
                        target.get(name, dest)
                        data = dest.read_bytes()
                        if sha256(data) in seen:
                            continue
                        out.append(Received(name, receive_bytes(ctx, store, data)))
                        seen.add(sha256(data))
                    except PackageRejected as exc:
                        if exc.reason != "wrong-recipient":  # another OSS's: not ours to read
                            out.append(Received(name, None, str(exc), exc.reason))
                    except (PEDesktopError, TargetError) as exc:
                        out.append(Received(name, None, str(exc)))
        except TargetError as exc:
            out.append(Received(info.name, None, str(exc)))
        finally:
            getattr(target, "close", lambda: None)()
    return out


def _check(comments: str, confirmed: bool) -> str:
    comments = comments.strip()
    problems = {}
    if len(comments) > MAX_COMMENTS:
        problems["comments"] = f"Keep your comments under {MAX_COMMENTS:,} characters"
    elif text_problem(comments, multiline=True):
        problems["comments"] = "Your comments " + str(text_problem(comments, multiline=True))
    if problems:
        raise ValidationError(problems, record="Report comments")
    return comments


def save_draft(ctx: AppContext, ask_id: int, comments: str, confirmed: bool) -> Ask:
    comments = _check(comments, confirmed)
    with ctx.session() as s:
        row = s.get(OssReportAsk, ask_id)
        if row is None:
            raise NotFoundError(f"No report section {ask_id} to comment on.")
        if row.replied_at is not None:
            raise PEDesktopError("Your reply was signed and sent; it can no longer change.")
        row.comments, row.confirmed = comments, confirmed
    return get(ctx, ask_id)


@dataclass(frozen=True)
class SentReply:
    file_name: str
    path: Path | None
    ask: Ask


def reply(ctx: AppContext, store: SecretStore, ask_id: int, comments: str, confirmed: bool,
          out: Path | None = None) -> SentReply:
    """Sign the OSS's comments (and confirmation) and encrypt them to the PE."""
    from pe_desktop.services.qa.transfer import deliver

    if out is not None and not Path(out).is_dir():
        raise PEDesktopError(f"The folder {out} does not exist.")
    comments = _check(comments, confirmed)
    if not comments and not confirmed:
        raise ValidationError({"comments": "Write your comments, confirm, or both"},
                              record="Report comments")
    ident = require_identity(ctx)
    keys = oss_keys(ctx, store)
    with ctx.read_session() as s:
        row = s.get(OssReportAsk, ask_id)
        if row is None:
            raise NotFoundError(f"No report section {ask_id} to comment on.")
        if row.replied_at is not None:
            raise PEDesktopError("You already replied to this report section.")
        mem = s.scalar(select(OssMembership).where(OssMembership.invite_id == row.invite_id))
        invitation = json.loads(mem.invitation)
        recipient, request_id, expires = mem.pe_age_recipient, row.request_id, row.expires_on
        invite_id, expires = row.invite_id, min(expires, mem.expires_on)
    if expires < ctx.today():
        raise PEDesktopError(f"The request expired on {expires:%d %b %Y}; ask the PE to send "
                             "it again.")
    now = ctx.now()
    record = {"schema": REPLY_SCHEMA, "schema_version": VERSION, "request_id": request_id,
              "comments": comments, "confirmed": confirmed,
              "confirmation_text": CONFIRMATION_TEXT if confirmed else "",
              "signed_on": ctx.today().isoformat()}
    package_id = str(uuid.uuid4())
    manifest = {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "package_id": package_id,
                "invite_id": invite_id, "placement_ref": invitation["placement_ref"],
                "kind": "report", "record_schema": f"{REPLY_SCHEMA}@{VERSION}",
                "created_at": now.isoformat(timespec="seconds"),
                "oss": {"name": ident.name, "age_recipient": ident.age_recipient}}
    body = (json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    built = build_package(manifest, {"record.json": body}, keys.signing, [recipient])
    name = f"{PREFIX}{invite_id[:8]}-{package_id}{SUFFIX}"
    with ctx.session() as s:  # marked replied only once the file is safely out
        r = s.get(OssReportAsk, ask_id)
        r.comments, r.confirmed = comments, confirmed
        r.replied_at, r.reply_package_id = now, package_id
        s.flush()
        path = deliver(ctx, name, built.data, out,
                       {"kind": "oss-report-reply", "round_id": invite_id[:8]})
    return SentReply(name, path, get(ctx, ask_id))

