"""Vocabularies used across the app. Values are stored in the database and the
interchange format, so never rename a value; add new ones instead."""

from __future__ import annotations

from enum import StrEnum


class PEArrangement(StrEnum):
    ONSITE = "onsite"
    OFFSITE = "offsite"
    INDEPENDENT = "independent"


class ProgrammeKind(StrEnum):
    BA = "ba"
    MA = "ma"
    STEP_UP = "step_up"
    FRONTLINE = "frontline"
    THINK_AHEAD = "think_ahead"
    APPRENTICESHIP = "apprenticeship"
    OTHER = "other"


class PlacementKind(StrEnum):
    FIRST = "first"
    FINAL = "final"
    OTHER = "other"


class ServiceArea(StrEnum):
    ADULTS = "adults"
    CHILDREN_FAMILIES = "children_families"
    OTHER = "other"


class PlacementStatus(StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    EXTENDED = "extended"
    COMPLETED = "completed"
    TERMINATED = "terminated"


#: Statuses in which the placement is still running (or about to).
OPEN_STATUSES = frozenset(
    {PlacementStatus.PLANNED, PlacementStatus.ACTIVE, PlacementStatus.SUSPENDED,
     PlacementStatus.EXTENDED}
)


class AttendanceKind(StrEnum):
    ATTENDED = "attended"
    ABSENT = "absent"
    STUDY = "study"


class MeetingKind(StrEnum):
    PRE_PLACEMENT = "pre_placement"
    LEARNING_AGREEMENT = "learning_agreement"
    FOUR_WEEK_REVIEW = "four_week_review"
    MIDWAY_REVIEW = "midway_review"
    FINAL_REVIEW = "final_review"
    #: A meeting about a cause for concern (any number per placement; kept with the concern).
    CONCERNS = "concerns_meeting"


class ContactMode(StrEnum):
    """How a supervision session or observation took place."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    PHONE = "phone"


LABELS: dict[StrEnum, str] = {
    PEArrangement.ONSITE: "On-site PE",
    PEArrangement.OFFSITE: "Off-site PE",
    PEArrangement.INDEPENDENT: "Independent PE",
    ProgrammeKind.BA: "BA (Hons) Social Work",
    ProgrammeKind.MA: "MA / MSW Social Work",
    ProgrammeKind.STEP_UP: "Step Up to Social Work",
    ProgrammeKind.FRONTLINE: "Frontline",
    ProgrammeKind.THINK_AHEAD: "Think Ahead",
    ProgrammeKind.APPRENTICESHIP: "Degree apprenticeship",
    ProgrammeKind.OTHER: "Other",
    PlacementKind.FIRST: "First placement",
    PlacementKind.FINAL: "Final placement",
    PlacementKind.OTHER: "Other placement",
    ServiceArea.ADULTS: "Adults",
    ServiceArea.CHILDREN_FAMILIES: "Children and families",
    ServiceArea.OTHER: "Other",
    PlacementStatus.PLANNED: "Planned",
    PlacementStatus.ACTIVE: "Active",
    PlacementStatus.SUSPENDED: "Suspended",
    PlacementStatus.EXTENDED: "Extended",
    PlacementStatus.COMPLETED: "Completed",
    PlacementStatus.TERMINATED: "Terminated",
    AttendanceKind.ATTENDED: "Attended",
    AttendanceKind.ABSENT: "Absent",
    AttendanceKind.STUDY: "Study day",
    MeetingKind.PRE_PLACEMENT: "Pre-placement meeting",
    MeetingKind.LEARNING_AGREEMENT: "Learning agreement meeting",
    MeetingKind.FOUR_WEEK_REVIEW: "Four-week review",
    MeetingKind.MIDWAY_REVIEW: "Midway review",
    MeetingKind.FINAL_REVIEW: "Final review",
    MeetingKind.CONCERNS: "Concerns meeting",
    ContactMode.IN_PERSON: "In person",
    ContactMode.VIDEO: "By video",
    ContactMode.PHONE: "By phone",
}


def label(value: StrEnum) -> str:
    """Human-readable label for an enum value."""
    return LABELS.get(value, value.value.replace("_", " ").capitalize())


DEFAULT_REQUIRED_DAYS: dict[PlacementKind, int] = {
    PlacementKind.FIRST: 70,
    PlacementKind.FINAL: 100,
    PlacementKind.OTHER: 70,
}
