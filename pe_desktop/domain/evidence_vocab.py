"""Vocabularies for supervision, observations, feedback and evidence.

Values are stored in the database and in the interchange file: never rename a
value, add a new one instead.
"""

from __future__ import annotations

from enum import StrEnum

from pe_desktop.domain.enums import label as base_label


class SupervisionType(StrEnum):
    FORMAL_PE = "formal_pe"
    ONSITE_SUPERVISOR = "onsite_supervisor"
    GROUP = "group"
    OTHER = "other"


class ObserverRole(StrEnum):
    PE = "pe"
    ONSITE_SUPERVISOR = "onsite_supervisor"
    OTHER = "other"


class ObservationStatus(StrEnum):
    PLANNED = "planned"
    COMPLETED = "completed"


class Judgement(StrEnum):
    """The per-domain judgement scale, lowest first (see :data:`JUDGEMENT_ORDER`)."""

    NOT_YET = "not_yet"
    DEVELOPING = "developing"
    MEETS = "meets"
    EXCEEDS = "exceeds"


JUDGEMENT_ORDER: tuple[Judgement, ...] = (
    Judgement.NOT_YET, Judgement.DEVELOPING, Judgement.MEETS, Judgement.EXCEEDS,
)


class FeedbackSource(StrEnum):
    SERVICE_USER = "service_user"
    CARER = "carer"


class FeedbackMethod(StrEnum):
    CONVERSATION = "conversation"
    QUESTIONNAIRE = "questionnaire"
    TELEPHONE = "telephone"
    WRITTEN = "written"
    OTHER = "other"


class EvidenceKind(StrEnum):
    DIRECT_OBSERVATION = "direct_observation"
    SUPERVISION = "supervision"
    SERVICE_USER_FEEDBACK = "service_user_feedback"
    REFLECTIVE_LOG = "reflective_log"
    CRITICAL_REFLECTION = "critical_reflection"
    CASE_WORK = "case_work"
    COLLEAGUE_FEEDBACK = "colleague_feedback"
    STUDENT_HUB = "student_hub"
    OTHER = "other"


EVIDENCE_LABELS: dict[StrEnum, str] = {
    SupervisionType.FORMAL_PE: "Formal PE supervision",
    SupervisionType.ONSITE_SUPERVISOR: "On-site supervisor supervision",
    SupervisionType.GROUP: "Group supervision",
    SupervisionType.OTHER: "Other",
    ObserverRole.PE: "Practice Educator",
    ObserverRole.ONSITE_SUPERVISOR: "On-site supervisor",
    ObserverRole.OTHER: "Other person",
    ObservationStatus.PLANNED: "Planned",
    ObservationStatus.COMPLETED: "Completed",
    Judgement.NOT_YET: "Not yet evidenced",
    Judgement.DEVELOPING: "Developing",
    Judgement.MEETS: "Meets the expected level",
    Judgement.EXCEEDS: "Exceeds the expected level",
    FeedbackSource.SERVICE_USER: "Person using services",
    FeedbackSource.CARER: "Carer",
    FeedbackMethod.CONVERSATION: "Conversation",
    FeedbackMethod.QUESTIONNAIRE: "Questionnaire / form",
    FeedbackMethod.TELEPHONE: "Telephone",
    FeedbackMethod.WRITTEN: "Card, letter or email",
    FeedbackMethod.OTHER: "Other",
    EvidenceKind.DIRECT_OBSERVATION: "Direct observation",
    EvidenceKind.SUPERVISION: "Supervision record",
    EvidenceKind.SERVICE_USER_FEEDBACK: "Service-user / carer feedback",
    EvidenceKind.REFLECTIVE_LOG: "Reflective log",
    EvidenceKind.CRITICAL_REFLECTION: "Critical reflection",
    EvidenceKind.CASE_WORK: "Case work",
    EvidenceKind.COLLEAGUE_FEEDBACK: "Colleague feedback",
    EvidenceKind.STUDENT_HUB: "Student hub / group session",
    EvidenceKind.OTHER: "Other",
}

#: Short column headings for the coverage matrix.
EVIDENCE_SHORT: dict[EvidenceKind, str] = {
    EvidenceKind.DIRECT_OBSERVATION: "Obs.",
    EvidenceKind.SUPERVISION: "Superv.",
    EvidenceKind.SERVICE_USER_FEEDBACK: "SU/carer",
    EvidenceKind.REFLECTIVE_LOG: "Refl. log",
    EvidenceKind.CRITICAL_REFLECTION: "Crit. refl.",
    EvidenceKind.CASE_WORK: "Cases",
    EvidenceKind.COLLEAGUE_FEEDBACK: "Colleag.",
    EvidenceKind.STUDENT_HUB: "Hub",
    EvidenceKind.OTHER: "Other",
}


def label(value: StrEnum) -> str:
    """Human-readable label for any vocabulary value (this module's or the foundation's)."""
    return EVIDENCE_LABELS.get(value) or base_label(value)
