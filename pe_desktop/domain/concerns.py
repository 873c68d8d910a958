"""Causes for concern about a student's progress: vocabularies and the review rule.

Partnerships run concerns meetings and placement panels for struggling
students (seed 001:405, 001:593). A concern records who raised it, what it is,
the framework domains it touches, an action plan whose items each have an
owner and a review date, and how it ended. Values are stored: never rename one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class ConcernRaiser(StrEnum):
    PE = "pe"
    OSS = "oss"
    STUDENT = "student"
    TUTOR = "tutor"
    OTHER = "other"


class ConcernOutcome(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"
    EXTENDED = "extended"  # placement extended to give time to meet the plan
    PANEL = "panel"  # referred to a placement panel
    ENDED = "ended"  # placement ended


LABELS: dict[StrEnum, str] = {
    ConcernRaiser.PE: "Practice educator",
    ConcernRaiser.OSS: "On-site supervisor",
    ConcernRaiser.STUDENT: "Student",
    ConcernRaiser.TUTOR: "University tutor",
    ConcernRaiser.OTHER: "Someone else",
    ConcernOutcome.OPEN: "Open",
    ConcernOutcome.RESOLVED: "Resolved",
    ConcernOutcome.EXTENDED: "Placement extended",
    ConcernOutcome.PANEL: "Referred to a placement panel",
    ConcernOutcome.ENDED: "Placement ended",
}


def label(value: StrEnum | None) -> str:
    if value is None:
        return "—"
    return LABELS.get(value, str(value).replace("_", " ").capitalize())


#: A review date this close counts as due on the dashboard.
REVIEW_LEAD = timedelta(days=7)


@dataclass(frozen=True)
class ReviewState:
    overdue: bool
    days: int  # days late (overdue) or days to go

    def words(self) -> str:
        n = self.days
        if self.overdue:
            return f"review overdue by {n} day{'s' if n != 1 else ''}"
        if n == 0:
            return "review due today"
        return f"review due in {n} day{'s' if n != 1 else ''}"


def review_state(review_on: date | None, done_on: date | None, today: date) -> ReviewState | None:
    """Where an action's review stands; None when it needs no attention yet."""
    if review_on is None or done_on is not None or review_on - today > REVIEW_LEAD:
        return None
    if review_on < today:
        return ReviewState(True, (today - review_on).days)
    return ReviewState(False, (review_on - today).days)
