"""What the concerns service takes and returns (plain frozen dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pe_desktop.domain.concerns import ConcernOutcome, ConcernRaiser, label


@dataclass(frozen=True)
class ActionInput:
    description: str
    owner: str = ""
    review_on: date | None = None
    done_on: date | None = None
    review_notes: str = ""
    id: int | None = None  # None: a new action


@dataclass(frozen=True)
class MeetingInput:
    planned_on: date
    held_on: date | None = None
    attendees: str = ""
    notes: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ConcernInput:
    raised_on: date
    raised_by: ConcernRaiser
    description: str
    raised_by_name: str = ""
    domains: tuple[str, ...] = ()
    actions: tuple[ActionInput, ...] = ()
    meetings: tuple[MeetingInput, ...] = ()
    outcome: ConcernOutcome = ConcernOutcome.OPEN
    outcome_on: date | None = None
    outcome_notes: str = ""


@dataclass(frozen=True)
class ConcernRow:
    id: int
    placement_id: int
    raised_on: date
    raised_by: ConcernRaiser
    raised_by_name: str
    description: str
    domains: tuple[str, ...]
    actions: tuple[ActionInput, ...]
    meetings: tuple[MeetingInput, ...]
    outcome: ConcernOutcome
    outcome_on: date | None
    outcome_notes: str
    report_id: int | None  # the midway report it records, if linked

    @property
    def is_open(self) -> bool:
        return self.outcome == ConcernOutcome.OPEN

    @property
    def raiser_text(self) -> str:
        who = label(self.raised_by)
        return f"{who} ({self.raised_by_name})" if self.raised_by_name else who

    @property
    def outcome_text(self) -> str:
        if self.outcome == ConcernOutcome.OPEN:
            return "Open"
        when = f" on {self.outcome_on:%d %b %Y}" if self.outcome_on else ""
        return f"{label(self.outcome)}{when}"

    def to_input(self) -> ConcernInput:
        return ConcernInput(
            self.raised_on, self.raised_by, self.description, self.raised_by_name, self.domains,
            self.actions, self.meetings, self.outcome, self.outcome_on, self.outcome_notes,
        )

    def plan_text(self) -> str:
        """The action plan as plain text: the midway report's action plan when linked."""
        return plan_text(self.actions)

    def snapshot(self, titles: dict[str, str]) -> dict:
        """JSON-ready record for a signed report's snapshot and for PDFs."""
        return {
            "raised": f"{self.raised_on:%d %b %Y} by {self.raiser_text}",
            "description": self.description,
            "domains": [titles.get(k, k) for k in sorted(
                self.domains, key=lambda k: list(titles).index(k) if k in titles else 99)],
            "actions": [
                [a.description, a.owner or "—",
                 f"{a.review_on:%d %b %Y}" if a.review_on else "—",
                 (f"Done {a.done_on:%d %b %Y}" if a.done_on else "Open")
                 + (f": {a.review_notes}" if a.review_notes else "")]
                for a in self.actions
            ],
            "meetings": [
                [f"{m.planned_on:%d %b %Y}",
                 f"Held {m.held_on:%d %b %Y}" if m.held_on else "Not yet held",
                 m.attendees, m.notes]
                for m in self.meetings
            ],
            "outcome": self.outcome_text + (f" — {self.outcome_notes}" if self.outcome_notes
                                            else ""),
        }


def plan_text(actions: tuple[ActionInput, ...]) -> str:
    lines = []
    for i, a in enumerate(actions, 1):
        bits = [f"{i}. {a.description.strip()}"]
        if a.owner:
            bits.append(f"owner: {a.owner}")
        if a.review_on:
            bits.append(f"review {a.review_on:%d %b %Y}")
        if a.done_on:
            bits.append(f"done {a.done_on:%d %b %Y}")
        lines.append(" — ".join(bits))
    return "\n".join(lines)
