"""Structured QAMP reviews: four weeks, midway and end of placement.

Each review checks the quality of the placement experience — learning
opportunities, support and supervision, the student's performance, and any
issues raised and how they were resolved (seed 001:226-228) — with a
red/amber/green rating each. Values are stored: never rename one.
"""

from __future__ import annotations

from enum import StrEnum

from pe_desktop.domain.enums import MeetingKind


class ReviewStage(StrEnum):
    FOUR_WEEK = "four_week"
    MIDWAY = "midway"
    FINAL = "final"


class AttendeeRole(StrEnum):
    PE = "pe"
    OSS = "oss"
    TUTOR = "tutor"
    PEC = "pec"  # practice education consultant / lead
    STUDENT = "student"


class ReviewArea(StrEnum):
    OPPORTUNITIES = "opportunities"
    SUPPORT = "support"
    PERFORMANCE = "performance"
    ISSUES = "issues"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


STAGE_MEETING: dict[ReviewStage, MeetingKind] = {
    ReviewStage.FOUR_WEEK: MeetingKind.FOUR_WEEK_REVIEW,
    ReviewStage.MIDWAY: MeetingKind.MIDWAY_REVIEW,
    ReviewStage.FINAL: MeetingKind.FINAL_REVIEW,
}

AREAS: tuple[ReviewArea, ...] = tuple(ReviewArea)

LABELS: dict[StrEnum, str] = {
    ReviewStage.FOUR_WEEK: "Four-week review",
    ReviewStage.MIDWAY: "Midway review",
    ReviewStage.FINAL: "Final review",
    AttendeeRole.PE: "Practice educator",
    AttendeeRole.OSS: "On-site supervisor",
    AttendeeRole.TUTOR: "University tutor",
    AttendeeRole.PEC: "Practice education consultant",
    AttendeeRole.STUDENT: "Student",
    ReviewArea.OPPORTUNITIES: "Learning opportunities",
    ReviewArea.SUPPORT: "Support and supervision",
    ReviewArea.PERFORMANCE: "Student's performance",
    ReviewArea.ISSUES: "Issues raised and how they were resolved",
    Rag.RED: "Red",
    Rag.AMBER: "Amber",
    Rag.GREEN: "Green",
}

#: What each check asks, shown beside it in the form and the PDF.
PROMPTS: dict[ReviewArea, str] = {
    ReviewArea.OPPORTUNITIES: "Is the student getting the work and variety the placement offered?",
    ReviewArea.SUPPORT: "Is supervision happening as agreed; is the student well supported?",
    ReviewArea.PERFORMANCE: "How is the student progressing against the framework?",
    ReviewArea.ISSUES: "What has been raised by anyone, and what was done about it?",
}

RAG_COLOURS: dict[Rag, str] = {Rag.RED: "#c62828", Rag.AMBER: "#ef8f00", Rag.GREEN: "#2e7d32"}


def label(value: StrEnum | None) -> str:
    if value is None:
        return "Not rated"
    return LABELS.get(value, str(value).replace("_", " ").capitalize())


def overall(ratings: list[Rag | None]) -> Rag | None:
    """The review's overall rating: its worst rated check (None if none rated)."""
    rated = [r for r in ratings if r is not None]
    for r in (Rag.RED, Rag.AMBER, Rag.GREEN):
        if r in rated:
            return r
    return None
