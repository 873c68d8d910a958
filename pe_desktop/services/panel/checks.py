"""The panel's checks on a decrypted QA bundle beyond the package's own.

Each failure is a :class:`~pe_desktop.services.packages.errors.PackageRejected`
with a stable reason (see docs/qa-protocol.md, *What the panel checks*).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import cert_fingerprint
from pe_desktop.services.packages.package import SIGNER, OpenedPackage, sha256

BUNDLE_SCHEMA = "pe-desktop/qa-bundle"
REPORT_SCHEMA = "pe-desktop/qa-report"
RETURN_CODE = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


@dataclass(frozen=True)
class CheckedItem:
    return_code: str
    kind: str
    outcome: str
    selected_because: tuple[str, ...]
    report_json: bytes
    report_sha256: str
    pdf: bytes


@dataclass(frozen=True)
class CheckedBundle:
    round_id: str
    pseudonym: str
    org_code: str
    age_recipient: str  # "" for bundles made before feedback existed
    fingerprint: str
    cert_pem: str
    manifest: dict[str, Any]
    manifest_sha256: str
    items: tuple[CheckedItem, ...]
    audit_head: str = ""  # the PE's audit chain head; "" for bundles made before it existed


def _cn(subject: str) -> str:
    m = re.search(r"Common Name: ([^,;]+)", subject)
    return m.group(1).strip() if m else ""


def check_bundle(pkg: OpenedPackage, *, round_id: str, panel_id: str, request_sha256: str,
                 org_codes: list[str]) -> CheckedBundle:
    m = pkg.manifest
    if m.get("schema") != BUNDLE_SCHEMA:
        raise PackageRejected("bad-format", "The package is not a QA bundle.")
    if m.get("schema_version") != 1:
        raise PackageRejected("unsupported-version",
                              f"QA bundle version {m.get('schema_version')!r} is not supported.")
    if m.get("panel_id") != panel_id:
        raise PackageRejected("foreign", "The bundle was made for another panel.")
    if m.get("round_id") != round_id:
        raise PackageRejected("wrong-round", f"The bundle belongs to round "
                                             f"{str(m.get('round_id'))[:64]!r}, not {round_id}.")
    if m.get("request_sha256") != request_sha256:
        raise PackageRejected("wrong-round", "The bundle answers a different sample request "
                                             "than the one this panel sent for the round.")
    signer_pem = pkg.files.get(SIGNER) or b""
    fingerprint = pkg.signer.fingerprint
    if signer_pem and cert_fingerprint(signer_pem) != fingerprint:
        raise PackageRejected("untrusted-signer", "signer.pem is not the certificate that "
                                                  "signed the manifest.")
    try:
        contributor = m["contributor"]
        pseudonym = str(contributor["pseudonym"])
        org = str(contributor.get("organisation_code", ""))
        recipient = str(contributor.get("age_recipient", ""))
        entries = list(m["items"])
    except (KeyError, TypeError) as exc:
        raise PackageRejected("bad-format", "The bundle manifest is incomplete.") from exc
    if _cn(pkg.signer.subject) != pseudonym:
        raise PackageRejected("untrusted-signer", "The bundle was not signed by the key of the "
                                                  f"pseudonym it names ({pseudonym[:20]}).")
    if org and org_codes and org not in org_codes:
        raise PackageRejected("bad-format", f"Organisation code {org[:16]!r} is not in the "
                                            "round's list.")
    head = m.get("audit_chain_head")
    if head is not None and not (isinstance(head, str) and re.fullmatch(r"[0-9a-f]{64}", head)):
        raise PackageRejected("bad-format", "The bundle's audit chain head is not a SHA-256.")
    if recipient:
        from pe_desktop.services.packages.keys import check_recipient

        recipient = check_recipient(recipient)
    items: list[CheckedItem] = []
    seen: set[str] = set()
    for e in entries:
        try:
            code = str(e["return_code"])
            jpath, ppath = e["files"]["json"]["path"], e["files"]["pdf"]["path"]
            jsha, psha = e["files"]["json"]["sha256"], e["files"]["pdf"]["sha256"]
            kind, outcome = str(e["kind"]), str(e["outcome"])
            because = tuple(str(x) for x in e.get("selected_because", []))
        except (KeyError, TypeError) as exc:
            raise PackageRejected("bad-format", "A bundle item is incomplete.") from exc
        if not RETURN_CODE.match(code) or code in seen:
            raise PackageRejected("bad-format", f"Bad or repeated return code {code[:20]!r}.")
        seen.add(code)
        if jpath not in pkg.files or ppath not in pkg.files:
            raise PackageRejected("missing-file", f"Item {code} has no report file.")
        data, pdf = pkg.files[jpath], pkg.files[ppath]
        if sha256(data) != jsha or sha256(pdf) != psha:
            raise PackageRejected("hash-mismatch", f"Item {code} does not match its hash.")
        try:
            report = json.loads(data.decode("utf-8"))
            ok = (report["schema"] == REPORT_SCHEMA and report["schema_version"] == 1
                  and report["return_code"] == code and report["kind"] == kind)
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
            ok = False
        if not ok:
            raise PackageRejected("bad-format", f"Item {code} is not an anonymised QA report "
                                                "matching the manifest.")
        items.append(CheckedItem(code, kind, outcome, because, data, jsha, pdf))
    if not items:
        raise PackageRejected("bad-format", "The bundle holds no reports.")
    return CheckedBundle(round_id, pseudonym, org, recipient, fingerprint, pkg.signer.cert_pem,
                         m, sha256(pkg.manifest_bytes), tuple(items), head or "")
