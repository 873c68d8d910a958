"""The content of the currency statement, independent of how it is drawn.

The statement is what a partnership's PE database asks for: qualifications,
registration, students supported by year (initials only), CPD totals per
year and the entries, manager check-ins and the current status. CPD
reflections and notes are left out: they are the PE's own working notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pe_desktop.domain.currency import State, currency_label, fmt
from pe_desktop.domain.enums import PlacementKind, label
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.rows import CurrencyOverview
from pe_desktop.services.currency.service import CurrencyService, domain_short_label


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: Relative column widths (same length as headers).
    widths: tuple[float, ...] = ()
    empty: str = "None recorded."


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[tuple[str, Table], ...] = ()  # (caption, table); caption may be ""


@dataclass(frozen=True)
class Statement:
    title: str
    subject: str
    pe_name: str
    registration_number: str
    organisation: str
    date_text: str
    state: State
    state_line: str
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def plain_text(self) -> str:
        """All the statement's words, for tests and accessibility checks."""
        out = [self.title, self.subject, self.state_line]
        for s in self.sections:
            out.append(s.title)
            out.extend(s.paragraphs)
            for caption, t in s.tables:
                out.append(caption)
                out.append(" | ".join(t.headers))
                out.extend(" | ".join(r) for r in t.rows)
        return "\n".join(x for x in out if x)


def _d(value) -> str:  # noqa: ANN001 - date or None
    return value.strftime("%d/%m/%Y") if value else "—"


def _outcome(value: str) -> str:
    from pe_desktop.domain.currency import StudentOutcome

    if value == "completed":
        return "Completed"
    try:
        return currency_label(StudentOutcome(value))
    except ValueError:
        return value


def _time_section(ctx: AppContext, ov: CurrencyOverview) -> Section | None:
    """Time summaries the PE attached to check-ins (students by initials only)."""
    from pe_desktop.domain.timelog import hours
    from pe_desktop.services.timelog.service import TimeLogService

    attached = TimeLogService(ctx).checkin_summaries()
    rows = []
    for c in ov.checkins:
        for t in attached.get(c.id, []):
            rows.append((_d(c.held_on), t.get("student", ""), t.get("placement", ""),
                         f"{hours(t.get('total_minutes', 0))} over {len(t.get('weeks', []))} "
                         f"weeks (to {t.get('as_of', '')})",
                         hours(t.get("average_minutes_per_week", 0)),
                         hours(t.get("allocation_minutes_per_week", 0)),
                         str(t.get("weeks_over_allocation", 0))))
    if not rows:
        return None
    return Section("Time on placements, shown at manager check-ins", tables=(("", Table(
        ("Check-in", "Student", "Placement", "Recorded", "Average a week", "Allocated a week",
         "Weeks over"), tuple(rows), (1.0, 0.8, 2.6, 2.0, 1.0, 1.0, 0.8))),))


def build_statement(ctx: AppContext, ov: CurrencyOverview | None = None) -> Statement:
    ov = ov or CurrencyService(ctx).overview()
    st = ov.status
    from pe_desktop.services.profile import ProfileService

    profile = ProfileService(ctx).get()
    organisation = profile.organisation if profile else ""
    state_line = f"Currency status on {fmt(st.today)}: {st.state.label.upper()}"

    status = Section(
        "Current status",
        paragraphs=(
            f"Assessed against the policy “{ov.policy.name}”: a student supported within "
            f"{ov.policy.student_within_months} months; "
            + (f"at least {ov.policy.cpd_min_hours:g} hours of CPD"
               if ov.policy.cpd_min_hours > 0 else "at least one CPD activity")
            + f" in the last {ov.policy.cpd_window_months} months"
            + ("; a manager check-in for each new placement"
               if ov.policy.checkin_each_new_placement else "")
            + ("; registration in date" if ov.policy.registration_required else "")
            + f". Items lapsing within {ov.policy.at_risk_days} days are shown as at risk.",
            *[f"Note: {w.text}" for w in st.warnings],
        ),
        tables=(("", Table(
            ("Check", "Status", "Detail", "Lapses / lapsed"),
            tuple((r.title, r.state.label, r.text, _d(r.lapses_on)) for r in st.reasons),
            (2.2, 1.0, 5.0, 1.4))),),
    )

    quals = Section("Qualifications", tables=(("", Table(
        ("Qualification", "Completed", "Provider", "Credits", "Certificate"),
        tuple((q.display_title, _d(q.completed_on) if q.completed_on else "in progress",
               q.provider, "" if q.credits is None else str(q.credits),
               "on file" if q.attachments else "—")
              for q in ov.qualifications),
        (3.0, 1.2, 2.6, 0.8, 1.3))),),
        paragraphs=(f"Highest PEPS stage completed: {st.peps_stage}" if st.peps_stage
                    else "No PEPS stage completed is recorded.",))

    reg = Section(
        "Social Work England registration",
        paragraphs=(f"Registration number: {ov.registration_number or 'not recorded'}",),
        tables=(("", Table(("Registered until", "Renewed on"),
                           tuple((_d(r.valid_until), _d(r.renewed_on))
                                 for r in ov.registrations), (1, 1))),),
    )

    student_tables = []
    for year, rows in ov.students_by_year().items():
        student_tables.append((f"{year} ({len(rows)} student{'s' if len(rows) != 1 else ''})",
                               Table(("Student", "Placement", "University", "From", "To",
                                      "Outcome"),
                                     tuple((s.initials, label(PlacementKind(s.kind)),
                                            s.university, _d(s.start),
                                            _d(s.end) if s.end else "running",
                                            _outcome(s.outcome)) for s in rows),
                                     (0.9, 1.5, 2.6, 1.0, 1.0, 1.3))))
    students = Section(
        "Students supported",
        paragraphs=("Students are shown by initials only. Placements recorded in PE Desktop "
                    "and students supported before it are both included.",),
        tables=tuple(student_tables) or (("", Table(("Student",), ())),),
    )

    per_year = ov.cpd_hours_by_year()
    cpd = Section(
        "Continuing professional development",
        paragraphs=(f"{st.cpd_hours_in_window:g} hours in the last "
                    f"{ov.policy.cpd_window_months} months.",),
        tables=(
            ("Hours per year", Table(("Year", "Entries", "Hours"), tuple(
                (str(y), str(sum(1 for c in ov.cpd if c.on_date.year == y)), f"{h:g}")
                for y, h in per_year.items()), (1, 1, 1))),
            ("Entries", Table(("Date", "Activity", "Type", "Hours", "Provider", "Domains"), tuple(
                (_d(c.on_date), c.title, currency_label(c.kind), f"{c.hours:g}", c.provider,
                 ", ".join(domain_short_label(ctx, d) for d in c.domains))
                for c in ov.cpd), (1.0, 3.2, 1.1, 0.6, 2.2, 1.3))),
        ),
    )

    checkins = Section("Manager check-ins", tables=(("", Table(
        ("Date", "Manager", "Caseload appropriate", "Placement"),
        tuple((_d(c.held_on), c.manager, "Yes" if c.caseload_ok else "No",
               c.placement_label or "—") for c in ov.checkins),
        (1.0, 2.0, 1.4, 4.0))),))

    sections = [status, quals, reg, students, cpd, checkins]
    time = _time_section(ctx, ov)
    if time is not None:
        sections.append(time)
    if ov.mentoring:
        sections.append(Section(
            "Mentoring for final placements (PEPS stage 1)",
            tables=(("", Table(("Mentor", "Role", "Placement", "Ratified on"), tuple(
                (m.mentor, m.mentor_role, m.placement_label or "—", _d(m.ratified_on))
                for m in ov.mentoring), (1.8, 2.0, 3.4, 1.2))),)))

    return Statement(
        title="Practice educator currency statement",
        subject=f"{ov.pe_name} — Social Work England {ov.registration_number}".strip(" —"),
        pe_name=ov.pe_name,
        registration_number=ov.registration_number,
        organisation=organisation,
        date_text=fmt(st.today),
        state=st.state,
        state_line=state_line,
        sections=tuple(sections),
    )
