"""Decentralised, unbiased, re-derivable selection of reports for a QA round.

Every eligible report meeting an always-include rule is selected. Any other is
selected when its *draw* is below the rate::

    n    = first 8 bytes of HMAC-SHA256(key=salt, msg=report_uid as UTF-8), big-endian
    draw = n / 2**64                        (a fraction in [0, 1))
    selected  iff  n * 100 < rate_percent * 2**64     (exact, no floating point)

The salt is random per round and fixed by the panel's signed request, and the
report uid is the report's (not a version's), so neither side can steer the
draw: re-signing or reopening a report does not change it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction

EPR_FAIL = "epr_fail"
BORDERLINE = "borderline"
MIDWAY_CONCERNS = "midway_concerns"
ALWAYS_RULES = (EPR_FAIL, BORDERLINE, MIDWAY_CONCERNS)
RULE_LABELS = {
    EPR_FAIL: "every EPR fail",
    BORDERLINE: "every borderline report",
    MIDWAY_CONCERNS: "every midway report with progress raising concerns",
}


@dataclass(frozen=True)
class Candidate:
    """One eligible report (signed, in the period, of a requested kind)."""

    uid: str
    kind: str  # "midway" | "final"
    recommendation: str | None  # satisfactory | concerns | pass | fail
    borderline: bool = False


@dataclass(frozen=True)
class Decision:
    uid: str
    selected: bool
    rules: tuple[str, ...]  # always-include rules this report meets
    draw: float
    reason: str


def draw_number(salt: bytes, uid: str) -> int:
    return int.from_bytes(hmac.new(salt, uid.encode("utf-8"), hashlib.sha256).digest()[:8], "big")


def draw(salt: bytes, uid: str) -> float:
    return draw_number(salt, uid) / 2**64


def rules_met(c: Candidate, rules: Iterable[str]) -> tuple[str, ...]:
    met = []
    rules = set(rules)
    if EPR_FAIL in rules and c.kind == "final" and c.recommendation == "fail":
        met.append(EPR_FAIL)
    if BORDERLINE in rules and c.borderline:
        met.append(BORDERLINE)
    if MIDWAY_CONCERNS in rules and c.kind == "midway" and c.recommendation == "concerns":
        met.append(MIDWAY_CONCERNS)
    return tuple(met)


def sampled(salt: bytes, uid: str, rate_percent: Fraction | float | int | str) -> bool:
    rate = Fraction(str(rate_percent))
    return draw_number(salt, uid) * 100 < rate * 2**64


def decide(candidates: Iterable[Candidate], *, salt: bytes,
           rate_percent: Fraction | float | int | str,
           rules: Iterable[str] = ALWAYS_RULES) -> list[Decision]:
    """A decision, with its reason, for every candidate (same order)."""
    rules = tuple(rules)
    rate = Fraction(str(rate_percent))
    out = []
    for c in candidates:
        met = rules_met(c, rules)
        d = draw(salt, c.uid)
        if met:
            reason = "Always included: " + "; ".join(RULE_LABELS[r] for r in met)
            out.append(Decision(c.uid, True, met, d, reason))
        elif sampled(salt, c.uid, rate):
            out.append(Decision(c.uid, True, (), d,
                                f"Sampled: its draw {d:.4f} is below the rate {float(rate):g}%"))
        else:
            out.append(Decision(c.uid, False, (), d,
                                f"Not sampled: its draw {d:.4f} is not below the rate "
                                f"{float(rate):g}%"))
    return out
