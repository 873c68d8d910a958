"""Signers' certificates remembered on first use, so a look-alike is caught.

Anyone can make a self-signed certificate naming "Łukasz Nowak (SW123456)";
only its fingerprint differs. ``verify`` without ``--trust`` therefore says a
signer is unverified the first time it sees the certificate and remembers
the fingerprint (``<data dir>/keys/known-signers.json``, owner-only); a later
file naming the same signer with a *different* certificate fails loudly, and
the same certificate is reported as the one seen before.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from pe_desktop.export.signing import SignatureCheck, VerifyReport
from pe_desktop.paths import ensure_private_dir

FILENAME = "known-signers.json"


def _load(path: Path) -> dict[str, Any]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) and isinstance(doc.get("signers"), dict) else {}


def _save(path: Path, doc: dict[str, Any]) -> None:
    ensure_private_dir(path.parent)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=1)
    os.replace(tmp, path)


def apply_known_signers(report: VerifyReport, keys_dir: Path, today: str) -> VerifyReport:
    """Mark each signature pinned / new against the remembered certificates and
    remember new ones; a different certificate for a remembered signer fails."""
    path = Path(keys_dir) / FILENAME
    doc = _load(path) or {"signers": {}}
    signers: dict[str, Any] = doc["signers"]
    checks: list[SignatureCheck] = []
    changed = False
    for s in report.signatures:
        if s.fingerprint == "unknown" or not (s.intact and s.valid):
            checks.append(s)
            continue
        entry = signers.get(s.signer)
        known = entry.get("fingerprints", {}) if isinstance(entry, dict) else {}
        if s.fingerprint in known:
            checks.append(replace(s, known="pinned", known_since=f"first seen {known[s.fingerprint]}"))
        elif known and s.trusted is not True:
            other = next(iter(known))
            checks.append(replace(s, known="different", problem=(
                f"a DIFFERENT certificate claims to be {s.signer}: this one is {s.fingerprint}, "
                f"the one seen before is {other}. It may be a look-alike; check with the signer "
                "before relying on this document (if they confirm a new certificate, verify with "
                "--trust THEIR-CERT)")))
        else:
            checks.append(replace(s, known="new" if s.trusted is not True else "pinned",
                                  known_since="trusted with --trust"))
            signers[s.signer] = {"fingerprints": {**known, s.fingerprint: today}}
            changed = True
    if changed:
        # Remembering is a convenience; without it the report still says "unverified".
        with contextlib.suppress(OSError):
            _save(path, doc)
    first_bad = next((c for c in checks if c.problem), None)
    reason = report.reason or (f"{first_bad.field_name}: {first_bad.problem}" if first_bad else "")
    return VerifyReport(checks, reason)
