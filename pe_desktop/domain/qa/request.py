"""The QA sample request a panel signs (schema ``pe-desktop/qa-sample-request`` v1).

Only the shape and its checks live here; signing and verification are in
``services/packages``. Every problem is a ``ValueError`` with one clear line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

from pe_desktop.domain.qa.sampling import ALWAYS_RULES

SCHEMA = "pe-desktop/qa-sample-request"
SCHEMA_VERSION = 1
KINDS = ("midway", "final")
ROUND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
ORG_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,15}$")


@dataclass(frozen=True)
class Organisation:
    code: str
    name: str


@dataclass(frozen=True)
class SampleRequest:
    round_id: str
    panel_id: str
    panel_name: str
    age_recipient: str
    signing_cert: str  # PEM
    period_from: date
    period_to: date
    rate_percent: Fraction
    always_include: tuple[str, ...]
    kinds: tuple[str, ...]
    due: date
    salt: bytes
    organisations: tuple[Organisation, ...]
    created_at: str

    def to_payload(self) -> dict[str, Any]:
        rate = self.rate_percent
        return {
            "schema": SCHEMA, "schema_version": SCHEMA_VERSION,
            "round_id": self.round_id,
            "panel": {"id": self.panel_id, "name": self.panel_name,
                      "age_recipient": self.age_recipient, "signing_cert": self.signing_cert},
            "period": {"from": self.period_from.isoformat(), "to": self.period_to.isoformat()},
            "rate_percent": int(rate) if rate.denominator == 1 else str(float(rate)),
            "always_include": list(self.always_include),
            "kinds": list(self.kinds),
            "due": self.due.isoformat(),
            "salt": self.salt.hex(),
            "organisations": [{"code": o.code, "name": o.name} for o in self.organisations],
            "created_at": self.created_at,
        }


def _date(value: Any, what: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise ValueError(f"{what} is not a date (YYYY-MM-DD): {value!r}") from exc


def check_round_id(value: str) -> str:
    if not ROUND_ID.match(value or ""):
        raise ValueError("A round id is 1-64 letters, digits, dots, dashes or underscores")
    return value


def parse_rate(value: Any) -> Fraction:
    try:
        rate = Fraction(str(value))
    except (ValueError, ZeroDivisionError) as exc:
        raise ValueError(f"The rate is not a number: {value!r}") from exc
    if not 0 < rate <= 100:
        raise ValueError("The rate is a percentage above 0 and at most 100")
    return rate


def parse_request(p: dict[str, Any]) -> SampleRequest:
    """Check a verified payload's shape and values."""
    if p.get("schema") != SCHEMA:
        raise ValueError(f"This is not a QA sample request (schema {p.get('schema')!r})")
    if p.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(f"QA sample request version {p.get('schema_version')!r} is not "
                         f"supported (this app reads version {SCHEMA_VERSION})")
    try:
        panel = p["panel"]
        period = p["period"]
        req = SampleRequest(
            round_id=check_round_id(str(p["round_id"])),
            panel_id=str(panel["id"]), panel_name=str(panel["name"]).strip(),
            age_recipient=str(panel["age_recipient"]), signing_cert=str(panel["signing_cert"]),
            period_from=_date(period["from"], "The period's start"),
            period_to=_date(period["to"], "The period's end"),
            rate_percent=parse_rate(p["rate_percent"]),
            always_include=tuple(str(r) for r in p["always_include"]),
            kinds=tuple(str(k) for k in p["kinds"]),
            due=_date(p["due"], "The due date"),
            salt=bytes.fromhex(str(p["salt"])),
            organisations=tuple(Organisation(str(o["code"]), str(o["name"]))
                                for o in p.get("organisations", [])),
            created_at=str(p.get("created_at", "")),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"The request is missing {exc}") from exc
    if req.period_to < req.period_from:
        raise ValueError("The period ends before it starts")
    unknown = set(req.always_include) - set(ALWAYS_RULES)
    if unknown:
        raise ValueError(f"Unknown always-include rule: {sorted(unknown)[0]}")
    if not req.kinds or set(req.kinds) - set(KINDS):
        raise ValueError("The kinds are midway and/or final")
    if len(req.salt) < 16:
        raise ValueError("The selection salt is shorter than 16 bytes")
    if not req.panel_name:
        raise ValueError("The request does not name its panel")
    for o in req.organisations:
        if not ORG_CODE.match(o.code):
            raise ValueError(f"Organisation code {o.code!r} is not 1-16 capitals, digits, - or _")
    return req
