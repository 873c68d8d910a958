"""Sample requests the PE receives: imported from a file or pulled from targets.

A request is accepted only when its CMS signature verifies, the signer is the
panel key the request itself names, that key is the one earlier requests from
the same panel used (pinned on first use), and its content is a valid request.
Anything else is refused with one clear reason and nothing is stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from pe_desktop.domain.errors import NotFoundError, PEDesktopError
from pe_desktop.domain.qa.request import SampleRequest, parse_request
from pe_desktop.services.context import AppContext
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import cert_fingerprint
from pe_desktop.services.packages.signed_document import read_document
from pe_desktop.storage.models import QaRequest


class RequestRefused(PEDesktopError):
    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class RequestRow:
    id: int
    uid: str
    round_id: str
    panel_id: str
    panel_name: str
    panel_fingerprint: str
    due: date
    source: str
    org_code: str
    pseudonym: str
    request: SampleRequest
    payload_bytes: bytes


@dataclass(frozen=True)
class ImportResult:
    row: RequestRow
    new: bool  # False: the same request was already imported


def _row(r: QaRequest) -> RequestRow:
    payload = r.payload.encode()
    return RequestRow(r.id, r.uid, r.round_id, r.panel_id, r.panel_name, r.panel_fingerprint,
                      r.due, r.source, r.org_code, r.pseudonym,
                      parse_request(json.loads(payload)), payload)


def verify_request(data: bytes) -> tuple[SampleRequest, bytes, str]:
    """(request, signed payload bytes, signer fingerprint) or :class:`RequestRefused`."""
    try:
        doc = read_document(data)
    except PackageRejected as exc:
        raise RequestRefused(exc.reason, f"Request refused: {exc}") from exc
    try:
        req = parse_request(doc.payload)
    except ValueError as exc:
        raise RequestRefused("bad-format", f"Request refused: {exc}.") from exc
    try:
        named = cert_fingerprint(req.signing_cert)
    except PackageRejected as exc:
        raise RequestRefused("bad-format", f"Request refused: {exc}") from exc
    if named != doc.signer.fingerprint:
        raise RequestRefused("untrusted-signer",
                             "Request refused: it was not signed by the panel key it names.")
    return req, doc.payload_bytes, doc.signer.fingerprint


class RequestService:
    def __init__(self, ctx: AppContext) -> None:
        self.ctx = ctx

    def import_bytes(self, data: bytes, source: str) -> ImportResult:
        req, payload, fingerprint = verify_request(data)
        with self.ctx.session() as s:
            pinned = s.scalars(select(QaRequest.panel_fingerprint)
                               .where(QaRequest.panel_id == req.panel_id)).first()
            if pinned is not None and pinned != fingerprint:
                raise RequestRefused(
                    "untrusted-signer",
                    f"Request refused: signed by a different key from the one panel "
                    f"'{req.panel_name}' used before ({pinned[:23]}…). Ask the panel.")
            same = s.scalars(select(QaRequest).where(QaRequest.panel_id == req.panel_id,
                                                     QaRequest.round_id == req.round_id)).first()
            if same is not None:
                if same.payload.encode() != payload:
                    raise RequestRefused(
                        "conflict", f"Request refused: a different request for round "
                                    f"{req.round_id} from this panel was imported before.")
                return ImportResult(_row(same), False)
            row = QaRequest(round_id=req.round_id, panel_id=req.panel_id,
                            panel_name=req.panel_name, panel_fingerprint=fingerprint,
                            payload=payload.decode(), envelope=data.decode("utf-8-sig"),
                            due=req.due, source=source[:300])
            s.add(row)
            s.flush()
            return ImportResult(_row(row), True)

    def import_file(self, path: Path) -> ImportResult:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise PEDesktopError(f"Cannot read {path}: {exc.strerror or exc}") from exc
        return self.import_bytes(data, str(path))

    def list(self) -> list[RequestRow]:
        with self.ctx.read_session() as s:
            return [_row(r) for r in s.scalars(select(QaRequest).order_by(QaRequest.due,
                                                                          QaRequest.id))]

    def get(self, round_id: str) -> RequestRow:
        with self.ctx.read_session() as s:
            rows = s.scalars(select(QaRequest).where(QaRequest.round_id == round_id)).all()
            if not rows:
                raise NotFoundError(f"No sample request for round {round_id!r}: import it "
                                    "with 'pe-desktop qa requests --import FILE'")
            if len(rows) > 1:
                raise PEDesktopError(f"Two panels sent a round called {round_id!r}")
            return _row(rows[0])

    def set_org_code(self, request_id: int, code: str) -> None:
        with self.ctx.session() as s:
            r = s.get(QaRequest, request_id)
            if r is None:
                raise NotFoundError(f"No request {request_id}")
            codes = [o.code for o in _row(r).request.organisations]
            if code and code not in codes:
                raise PEDesktopError(f"Organisation code {code!r} is not in the panel's list "
                                     f"({', '.join(codes) or 'none given'})")
            r.org_code = code


@dataclass(frozen=True)
class PullResult:
    target: str
    name: str
    imported: RequestRow | None
    new: bool
    error: str


REQUEST_PREFIX = "qa-request-"


def pull(ctx: AppContext, store=None, names: list[str] | None = None) -> list[PullResult]:
    """Fetch every ``qa-request-*.json`` from the targets and import it (refusals listed)."""
    import tempfile

    from pe_desktop.services.qa.targets import TargetService
    from pe_desktop.sync.targets import TargetError

    svc = TargetService(ctx, store)
    infos = [svc.get(n) for n in names] if names else svc.list()
    if not infos:
        raise PEDesktopError("No targets yet: add one with 'pe-desktop qa target add', or "
                             "import a request file with 'qa requests --import FILE'.")
    requests = RequestService(ctx)
    out: list[PullResult] = []
    for info in infos:
        target = svc.open(info)
        try:
            files = [n for n in target.list(REQUEST_PREFIX) if n.endswith(".json")
                     and n.rpartition("/")[2].startswith(REQUEST_PREFIX)]
            for name in sorted(files):
                with tempfile.TemporaryDirectory(prefix="pe-qa-") as tmp:
                    dest = Path(tmp) / "request.json"
                    try:
                        target.get(name, dest)
                        res = requests.import_bytes(dest.read_bytes(), f"{info.name}:{name}")
                        out.append(PullResult(info.name, name, res.row, res.new, ""))
                    except (PEDesktopError, TargetError) as exc:
                        out.append(PullResult(info.name, name, None, False, str(exc)))
        except TargetError as exc:
            out.append(PullResult(info.name, "", None, False, str(exc)))
        finally:
            getattr(target, "close", lambda: None)()
    return out
