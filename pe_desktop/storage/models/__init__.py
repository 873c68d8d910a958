"""All ORM models. Importing this package registers every table on
``Base.metadata``; add new model modules to the import list below."""

from pe_desktop.storage.models.currency import (
    CpdEntry,
    CurrencyAttachment,
    ManagerCheckIn,
    MentoringRecord,
    PastStudent,
    Qualification,
    RegistrationPeriod,
)
from pe_desktop.storage.models.evidence import (
    Attachment,
    Draft,
    EvidenceDomain,
    EvidenceItem,
    FeedbackDomain,
    Observation,
    ObservationJudgement,
    ServiceFeedback,
)
from pe_desktop.storage.models.people import Programme, Student, University
from pe_desktop.storage.models.placements import (
    AttendanceDay,
    Meeting,
    Placement,
    PlacementStatusChange,
)
from pe_desktop.storage.models.profile import Profile, Setting
from pe_desktop.storage.models.qa import (
    QaApproval,
    QaBundle,
    QaPanel,
    QaPanelRound,
    QaRedactionChoice,
    QaRequest,
    QaShare,
)
from pe_desktop.storage.models.qa_panel import (
    QaEnrolment,
    QaFeedbackReceived,
    QaFeedbackSent,
    QaModeration,
    QaPanelItem,
    QaPanelMember,
    QaReceivedBundle,
    QaReview,
)
from pe_desktop.storage.models.reports import Report, ReportNarrative, ReportVersion
from pe_desktop.storage.models.supervision import (
    AgendaTemplate,
    EvidenceSettings,
    SupervisionAction,
    SupervisionDomain,
    SupervisionSession,
)

__all__ = [
    "CpdEntry",
    "CurrencyAttachment",
    "ManagerCheckIn",
    "MentoringRecord",
    "PastStudent",
    "Qualification",
    "RegistrationPeriod",
    "AgendaTemplate",
    "Attachment",
    "Draft",
    "EvidenceDomain",
    "EvidenceItem",
    "EvidenceSettings",
    "FeedbackDomain",
    "Observation",
    "ObservationJudgement",
    "ServiceFeedback",
    "SupervisionAction",
    "SupervisionDomain",
    "SupervisionSession",
    "AttendanceDay",
    "Meeting",
    "Placement",
    "PlacementStatusChange",
    "Profile",
    "Programme",
    "QaApproval",
    "QaBundle",
    "QaPanel",
    "QaPanelRound",
    "QaRedactionChoice",
    "QaRequest",
    "QaShare",
    "QaEnrolment",
    "QaFeedbackReceived",
    "QaFeedbackSent",
    "QaModeration",
    "QaPanelItem",
    "QaPanelMember",
    "QaReceivedBundle",
    "QaReview",
    "Report",
    "ReportNarrative",
    "ReportVersion",
    "Setting",
    "Student",
    "University",
]
