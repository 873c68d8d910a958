"""All ORM models. Importing this package registers every table on
``Base.metadata``; add new model modules to the import list below."""

from pe_desktop.storage.models.concerns import (
    Concern,
    ConcernAction,
    ConcernDomain,
    ConcernMeeting,
)
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
from pe_desktop.storage.models.reports import Report, ReportNarrative, ReportVersion
from pe_desktop.storage.models.reviews import QampReview, ReviewAttendee, ReviewCheck
from pe_desktop.storage.models.supervision import (
    AgendaTemplate,
    EvidenceSettings,
    SupervisionAction,
    SupervisionDomain,
    SupervisionSession,
)
from pe_desktop.storage.models.timelog import CheckinTimeSummary, TimeAllocation, TimeEntry

__all__ = [
    "CheckinTimeSummary",
    "Concern",
    "ConcernAction",
    "ConcernDomain",
    "ConcernMeeting",
    "QampReview",
    "ReviewAttendee",
    "ReviewCheck",
    "TimeAllocation",
    "TimeEntry",
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
    "Report",
    "ReportNarrative",
    "ReportVersion",
    "Setting",
    "Student",
    "University",
]
