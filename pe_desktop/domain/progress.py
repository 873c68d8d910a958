"""Progress at a glance: each framework domain's evidence and judgements over
the placement, against what is expected by this point (pure; no Qt, no database).

The PCF asks for *sufficiency* of evidence across all nine domains by the end
of the placement, triangulated from different sources. The app turns that into
a simple, visible expectation a PE can read at any point:

- **evidence**: :data:`EXPECTED_BY_END` records per domain by the planned end,
  accruing evenly, so ``EXPECTED_BY_END × fraction done`` (rounded) by now;
- **kinds**: from the midway point, at least :data:`EXPECTED_KINDS` kinds of
  evidence per domain (one kind alone is the coverage matrix's
  ``single_source`` gap);
- **judgements**: from the midway point the latest judgement on a domain should
  be at least *developing*; in the last fifth of the placement (the point where
  an observation shortfall becomes overdue) at least *meets*.

These are prompts for the PE's holistic judgement, not a pass mark; the
drawing and the PDF say so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pe_desktop.domain.coverage import DomainCoverage, DomainJudgement, EvidenceRef
from pe_desktop.domain.evidence_vocab import JUDGEMENT_ORDER, Judgement

#: Records per domain expected by the planned end of the placement.
EXPECTED_BY_END = 4
#: Kinds of evidence per domain expected from the midway point.
EXPECTED_KINDS = 2
MIDWAY = 0.5
LAST_FIFTH = 0.8


JUDGEMENT_SHORT = {Judgement.NOT_YET: "Not yet", Judgement.DEVELOPING: "Developing",
                   Judgement.MEETS: "Meets", Judgement.EXCEEDS: "Exceeds"}


class Standing(StrEnum):
    """How a domain stands against what is expected by now."""

    ON_TRACK = "on_track"
    BEHIND = "behind"
    NOT_STARTED = "not_started"  # nothing expected yet and nothing recorded


STANDING_TEXT = {
    Standing.ON_TRACK: "on track",
    Standing.BEHIND: "behind",
    Standing.NOT_STARTED: "nothing expected yet",
}


def fraction_done(start: date, end: date, today: date,
                  days_completed: int = 0, required_days: int = 0) -> float:
    """How far through the placement it is (0–1): the further of the calendar
    and the days completed, as the dashboard's observation rule counts it."""
    span = (end - start).days or 1
    calendar = (today - start).days / span
    days = days_completed / required_days if required_days else 0.0
    return max(0.0, min(1.0, max(calendar, days)))


def expected_records(fraction: float) -> int:
    """Records per domain expected by ``fraction`` of the placement."""
    return math.floor(EXPECTED_BY_END * fraction + 0.5)


def expected_judgement(fraction: float) -> Judgement | None:
    """The lowest latest judgement expected by ``fraction`` (None: none yet)."""
    if fraction >= LAST_FIFTH:
        return Judgement.MEETS
    if fraction >= MIDWAY:
        return Judgement.DEVELOPING
    return None


def _rank(j: Judgement) -> int:
    return JUDGEMENT_ORDER.index(j)


@dataclass(frozen=True)
class DomainProgress:
    """One domain's evidence and judgements over time, and where it stands."""

    number: int
    key: str
    title: str
    #: One date per record naming the domain, oldest first (cumulative count = index + 1).
    evidence_dates: tuple[date, ...]
    #: Every judgement on the domain, oldest first.
    judgements: tuple[DomainJudgement, ...]
    kinds: int
    expected_now: int
    expected_kinds_now: int
    expected_judgement: Judgement | None
    standing: Standing
    #: Plain-English reasons when behind ("2 of 3 records expected", ...).
    reasons: tuple[str, ...] = ()

    @property
    def count(self) -> int:
        return len(self.evidence_dates)

    @property
    def latest(self) -> DomainJudgement | None:
        return self.judgements[-1] if self.judgements else None

    def summary(self) -> str:
        """One line for a tooltip, a screen reader or the PDF's text alternative."""
        judged = (f"latest judgement {JUDGEMENT_SHORT[self.latest.judgement]} "
                  f"({self.latest.on:%d %b})" if self.latest else "no judgement yet")
        text = (f"Domain {self.number} {self.title}: {self.count} record"
                f"{'' if self.count == 1 else 's'} of {self.expected_now} expected by now, "
                f"{judged}; {STANDING_TEXT[self.standing]}")
        return text + (f" ({'; '.join(self.reasons)})" if self.reasons else "")


@dataclass(frozen=True)
class PlacementProgress:
    """The nine-domain picture for one placement on ``today``."""

    start: date
    end: date
    today: date
    fraction: float
    domains: tuple[DomainProgress, ...]

    @property
    def midway(self) -> date:
        from datetime import timedelta

        return self.start + timedelta(days=round((self.end - self.start).days * MIDWAY))

    @property
    def scale(self) -> int:
        """The top of the count axis shared by every domain (so rows compare)."""
        return max([EXPECTED_BY_END, *(d.count for d in self.domains)])

    def position(self, on: date) -> float:
        """Where ``on`` falls on the placement's time axis (0 = start, 1 = planned end)."""
        span = (self.end - self.start).days or 1
        return max(0.0, min(1.0, (on - self.start).days / span))

    def behind(self) -> list[DomainProgress]:
        return [d for d in self.domains if d.standing == Standing.BEHIND]

    def headline(self) -> str:
        pct = round(self.fraction * 100)
        behind = self.behind()
        text = (f"{pct}% of the placement done: {len(self.domains) - len(behind)} of "
                f"{len(self.domains)} domains on track")
        if behind:
            text += "; behind: " + ", ".join(str(d.number) for d in behind)
        return text


def build_progress(coverage: Sequence[DomainCoverage], refs: Iterable[EvidenceRef],
                   judgements: Iterable[DomainJudgement], start: date, end: date,
                   today: date, fraction: float) -> PlacementProgress:
    """Fold the coverage data into the per-domain picture.

    Records dated after ``today`` (a planned date typed ahead) are still counted:
    the picture shows what the PE has recorded, and the time axis clamps them.
    """
    refs = list(refs)
    judged = sorted(judgements, key=lambda j: (j.on, j.observation_id))
    want_n = expected_records(fraction)
    want_kinds = EXPECTED_KINDS if fraction >= MIDWAY else 0
    want_j = expected_judgement(fraction)
    out = []
    for d in coverage:
        dates = tuple(sorted(r.on for r in refs if d.key in r.domains))
        js = tuple(j for j in judged if j.domain_key == d.key)
        kinds = len(d.kinds)
        reasons = []
        if len(dates) < want_n:
            reasons.append(f"{len(dates)} of {want_n} records expected")
        if kinds < want_kinds and dates:
            reasons.append(f"one kind of evidence, {want_kinds} expected")
        if want_j and js and _rank(js[-1].judgement) < _rank(want_j):
            reasons.append(f"latest {JUDGEMENT_SHORT[js[-1].judgement]}, "
                           f"{JUDGEMENT_SHORT[want_j]} expected")
        if reasons:
            standing = Standing.BEHIND
        elif not dates and want_n == 0:
            standing = Standing.NOT_STARTED
        else:
            standing = Standing.ON_TRACK
        out.append(DomainProgress(d.number, d.key, d.title, dates, js, kinds, want_n,
                                  want_kinds, want_j, standing, tuple(reasons)))
    return PlacementProgress(start, end, today, fraction, tuple(out))
