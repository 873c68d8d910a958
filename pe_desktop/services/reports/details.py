"""Placement details a report fills in by itself, and the framework domains it covers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class DomainInfo:
    number: int
    key: str
    title: str
    summary: str

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class PlacementDetails:
    """Filled in automatically from the placement, profile and evidence."""

    placement_id: int
    student: str
    programme: str
    university: str
    pe_name: str
    pe_registration: str
    oss_name: str
    tutor_name: str
    organisation: str
    team: str
    placement_kind: str
    framework: str
    level: str
    start_date: date
    planned_end_date: date
    required_days: int
    days_completed: int
    learning_agreement_on: date | None
    midway_meeting_on: date | None
    supervision_dates: tuple[date, ...] | None  # None: not recorded in the app
    observations_completed: int | None
    observations_required: int | None

    def rows(self) -> list[tuple[str, str]]:
        def d(v: date | None) -> str:
            return f"{v:%d %b %Y}" if v else "not yet held"

        sup = ("not recorded" if self.supervision_dates is None else
               ", ".join(f"{x:%d %b}" for x in self.supervision_dates) or "none yet")
        obs = ("not recorded" if self.observations_completed is None else
               f"{self.observations_completed} of {self.observations_required} required")
        return [
            ("Student", self.student),
            ("Programme", " · ".join(x for x in (self.programme, self.university) if x)),
            ("Practice educator", f"{self.pe_name} ({self.pe_registration})"
             if self.pe_registration else self.pe_name),
            ("On-site supervisor", self.oss_name or "—"),
            ("University tutor", self.tutor_name or "—"),
            ("Organisation and team", " — ".join(x for x in (self.organisation, self.team) if x)),
            ("Placement", f"{self.placement_kind}; assessed against {self.framework}, "
                          f"{self.level}"),
            ("Start date", f"{self.start_date:%d %b %Y}"),
            ("Days completed", f"{self.days_completed} of {self.required_days}"),
            ("Planned end date", f"{self.planned_end_date:%d %b %Y}"),
            ("Learning agreement meeting", d(self.learning_agreement_on)),
            ("Midway review meeting", d(self.midway_meeting_on)),
            (f"Supervision sessions held ({len(self.supervision_dates or ())})", sup),
            ("Direct observations completed", obs),
        ]

    def header_lines(self) -> tuple[str, ...]:
        return (
            f"Student: {self.student} · {self.programme or 'programme not recorded'}"
            f"{' · ' + self.university if self.university else ''}",
            f"{self.placement_kind}: {self.organisation}{' — ' + self.team if self.team else ''}"
            f" · {self.start_date:%d %b %Y} to {self.planned_end_date:%d %b %Y}",
            f"Practice educator: {self.pe_name}"
            f"{' (' + self.pe_registration + ')' if self.pe_registration else ''}"
            f" · On-site supervisor: {self.oss_name or '—'} · Tutor: {self.tutor_name or '—'}",
        )
