"""Midway and end-of-placement reports: vocabularies and completeness rules.

Pure Python (no database, no Qt). Values are stored in the database and the
interchange format, so never rename one; add new ones instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pe_desktop.domain.wording import count


class ReportKind(StrEnum):
    MIDWAY = "midway"
    FINAL = "final"  # the End of Placement Report (EPR)


class VersionStatus(StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"


class Recommendation(StrEnum):
    SATISFACTORY = "satisfactory"  # midway
    CONCERNS = "concerns"  # midway
    PASS = "pass"  # EPR
    FAIL = "fail"  # EPR


class ConfirmationMethod(StrEnum):
    IN_PERSON = "in_person"
    EMAIL = "email"
    PAPER = "paper"
    ESIGNATURE = "esignature"
    PHONE_VIDEO = "phone_video"
    OTHER = "other"
    #: Only from an on-site supervisor's signed reply (never chosen by hand).
    OSS_KEY = "oss_key"


#: Methods a PE may pick when typing a confirmation in.
TYPED_CONFIRMATIONS = tuple(m for m in ConfirmationMethod if m != ConfirmationMethod.OSS_KEY)

RECOMMENDATIONS: dict[ReportKind, tuple[Recommendation, ...]] = {
    ReportKind.MIDWAY: (Recommendation.SATISFACTORY, Recommendation.CONCERNS),
    ReportKind.FINAL: (Recommendation.PASS, Recommendation.FAIL),
}

LABELS: dict[StrEnum, str] = {
    ReportKind.MIDWAY: "Midway report",
    ReportKind.FINAL: "End of placement report",
    VersionStatus.DRAFT: "Draft",
    VersionStatus.SIGNED: "Signed",
    Recommendation.SATISFACTORY: "Satisfactory progress",
    Recommendation.CONCERNS: "Progress raising concerns",
    Recommendation.PASS: "Pass",
    Recommendation.FAIL: "Fail",
    ConfirmationMethod.IN_PERSON: "In person",
    ConfirmationMethod.EMAIL: "By email",
    ConfirmationMethod.PAPER: "Signed paper copy",
    ConfirmationMethod.ESIGNATURE: "Electronic signature",
    ConfirmationMethod.PHONE_VIDEO: "Phone or video call",
    ConfirmationMethod.OTHER: "Other",
    ConfirmationMethod.OSS_KEY: "Signed reply, their own key",
}


def label(value: StrEnum | None) -> str:
    if value is None:
        return "Not yet decided"
    return LABELS.get(value, str(value).replace("_", " ").capitalize())


def short_title(kind: ReportKind) -> str:
    return "Midway report" if kind == ReportKind.MIDWAY else "EPR"


# -- completeness --------------------------------------------------------------------
@dataclass(frozen=True)
class CheckItem:
    key: str
    label: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True)
class CompletenessFacts:
    """What the checklist looks at, gathered by the service."""

    kind: ReportKind
    domains: tuple[tuple[str, str], ...]  # (key, "1 Professionalism")
    narratives: dict[str, str]
    summary: str
    recommendation: Recommendation | None
    action_plan: str
    learning_agreement_held: bool
    midway_meeting_held: bool
    #: None when observations are not tracked (no evidence records available)
    observations_required: int | None
    observations_completed: int | None
    days_completed: int = 0
    required_days: int = 0
    learning_agreement_on: date | None = None
    midway_meeting_on: date | None = None


def midway_day(required_days: int) -> int:
    """The day of the placement at which the midway point is reached."""
    return (required_days + 1) // 2


#: Fewer characters than this in a domain narrative does not count as addressed.
MIN_NARRATIVE = 20


def completeness(f: CompletenessFacts) -> list[CheckItem]:
    """The checklist shown before sign-off, in the order a PE works through it."""
    items: list[CheckItem] = []
    missing = [title for key, title in f.domains
               if len((f.narratives.get(key) or "").strip()) < MIN_NARRATIVE]
    items.append(CheckItem(
        "domains", f"Every domain addressed ({len(f.domains) - len(missing)} of {len(f.domains)})",
        not missing, "Not yet addressed: " + "; ".join(missing) if missing else "",
    ))
    items.append(CheckItem("summary", "Holistic summary written", bool(f.summary.strip()),
                           "" if f.summary.strip() else "Write the holistic summary"))
    rec_ok = f.recommendation in RECOMMENDATIONS[f.kind]
    items.append(CheckItem("recommendation", "Recommendation chosen", rec_ok,
                           "" if rec_ok else "Choose the recommendation"))
    if f.kind == ReportKind.MIDWAY:
        ok = bool(f.action_plan.strip())
        items.append(CheckItem("action_plan", "Action plan agreed", ok,
                               "" if ok else "Write the action plan for the second half"))
    la_on = f" on {f.learning_agreement_on:%d %b %Y}" if f.learning_agreement_on else ""
    items.append(CheckItem(
        "learning_agreement", f"Learning agreement meeting held{la_on}",
        f.learning_agreement_held,
        "" if f.learning_agreement_held else "Mark the learning agreement meeting as held",
    ))
    mid_on = f" on {f.midway_meeting_on:%d %b %Y}" if f.midway_meeting_on else ""
    items.append(CheckItem(
        "midway_meeting", f"Midway review meeting held{mid_on}", f.midway_meeting_held,
        "" if f.midway_meeting_held else "Not yet held: mark the midway review as held "
        "once it has taken place",
    ))
    if f.required_days:
        point = midway_day(f.required_days) if f.kind == ReportKind.MIDWAY else f.required_days
        what = "the midway point" if f.kind == ReportKind.MIDWAY else "all required days"
        ok = f.days_completed >= point
        items.append(CheckItem(
            "days", f"Days completed: {f.days_completed} of {f.required_days} "
                    f"({what}: day {point})", ok,
            "" if ok else f"Signing now is early: {count(point - f.days_completed, 'more day')} to "
                          f"{what}. Signing early needs a reason.",
        ))
    if f.observations_required is None or f.observations_completed is None:
        items.append(CheckItem("observations", "Required direct observations completed", False,
                               "Observations are not recorded in PE Desktop for this placement"))
    else:
        need = f.observations_required if f.kind == ReportKind.FINAL else max(
            1, f.observations_required // 2)
        ok = f.observations_completed >= need
        what = "required" if f.kind == ReportKind.FINAL else "expected by midway"
        items.append(CheckItem(
            "observations",
            f"Direct observations completed ({f.observations_completed}; {need} {what})", ok,
            "" if ok else f"{count(need - f.observations_completed, 'more observation')} needed",
        ))
    return items


def all_ok(items: list[CheckItem]) -> bool:
    return all(i.ok for i in items)
