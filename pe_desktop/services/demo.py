"""Synthetic data: the small demo set and the large benchmark set.

Names are invented, chosen to exercise accents and non-English letters.
Organisations and universities are fictional.
"""

from __future__ import annotations

import random
from datetime import timedelta

from sqlalchemy import delete, insert

from pe_desktop.domain.enums import (
    AttendanceKind,
    PEArrangement,
    PlacementKind,
    PlacementStatus,
    ProgrammeKind,
    ServiceArea,
)
from pe_desktop.domain.errors import PEDesktopError
from pe_desktop.domain.schedule import calendar_date_of_day
from pe_desktop.services.context import AppContext
from pe_desktop.services.interchange.document import database_is_empty, tables_in_order
from pe_desktop.services.placements.service import PlacementInput, PlacementService
from pe_desktop.services.placements.students import StudentInput, StudentService
from pe_desktop.services.profile import ProfileData, ProfileService
from pe_desktop.storage.models import AttendanceDay, Meeting, Placement, PlacementStatusChange

FIRST_NAMES = [
    "Siobhán", "Zoë", "Łukasz", "Amara", "Chloé", "Tomás", "Aoife", "Dariusz", "Precious",
    "Mehmet", "Niamh", "Kwame", "Ayşe", "Björn", "Ifeoma", "Rhiannon", "Joaquín", "Priya",
    "Gráinne", "Oluwaseun", "Małgorzata", "Eilidh", "Renée", "Hamza", "Saoirse", "Dónal",
]
SURNAMES = [
    "Ní Bhriain", "Okafor", "Nowak", "Mensah", "Dubois", "Ó Súilleabháin", "Kowalczyk",
    "Adeyemi", "Yılmaz", "Bergström", "Patel", "Hughes", "García", "Byrne", "Chowdhury",
    "Evans", "Mbeki", "Ferreira", "Lindqvist", "O'Connor", "Wiśniewska", "MacLeod",
]
#: Names every demo shows on its running placements (letters beyond ASCII).
FEATURED = [("Siobhán", "Ní Bhriain"), ("Łukasz", "Nowak"), ("Zoë", "Okafor"),
            ("Małgorzata", "Wiśniewska")]
UNIVERSITIES = [
    ("University of Northfield", [("BA (Hons) Social Work", ProgrammeKind.BA),
                                  ("MA Social Work", ProgrammeKind.MA)]),
    ("Eastbrook University", [("BSc Social Work", ProgrammeKind.BA),
                              ("Step Up to Social Work", ProgrammeKind.STEP_UP),
                              ("Social Work Degree Apprenticeship", ProgrammeKind.APPRENTICESHIP)]),
]
ORGS = [
    ("Northfield City Council", "Children in Need — East", ServiceArea.CHILDREN_FAMILIES, True),
    ("Northfield City Council", "Adult Social Care — Hospital Discharge", ServiceArea.ADULTS, True),
    ("Westmoor County Council", "Fostering Team", ServiceArea.CHILDREN_FAMILIES, True),
    ("Westmoor County Council", "Community Learning Disability Team", ServiceArea.ADULTS, True),
    ("Harbourside Women's Aid", "Outreach", ServiceArea.OTHER, False),
    ("Riverside Young Carers", "Family Support", ServiceArea.CHILDREN_FAMILIES, False),
    ("Greenway Mental Health Trust", "Early Intervention in Psychosis", ServiceArea.ADULTS, True),
]
OSS = ["Bríd Kavanagh", "Marcus Lindqvist", "Fatima Hassan", "Jolene Pryce", "Dev Anand"]
TUTORS = ["Dr Helen Marsh", "Dr Kofi Asante", "Ms Zsófia Horváth", "Mr Pádraig Doyle"]
ABSENCE_REASONS = ["Sickness", "Medical appointment", "Bereavement leave", "Annual leave (agreed)"]


def _clear(ctx: AppContext) -> None:
    with ctx.session() as s:
        for table in reversed(tables_in_order()):
            s.execute(delete(table))


def populate(ctx: AppContext, *, placements: int, seed: int = 7, years: int = 3) -> dict[str, int]:
    """Add ``placements`` placements (with students, attendance and meetings)
    spread over the ``years`` up to today; the last few are still active."""
    rng = random.Random(seed)
    today = ctx.today()
    students = StudentService(ctx)
    pls = PlacementService(ctx)
    span_days = years * 365
    counts = {"students": 0, "placements": 0, "universities": len(UNIVERSITIES)}
    with ctx.session() as s:
        attendance_rows: list[dict] = []
        for i in range(placements):
            uni, progs = UNIVERSITIES[i % len(UNIVERSITIES)]
            prog, pkind = progs[rng.randrange(len(progs))]
            first = FIRST_NAMES[(i * 7 + rng.randrange(3)) % len(FIRST_NAMES)]
            last = SURNAMES[(i * 5 + rng.randrange(4)) % len(SURNAMES)]
            newest = placements - 1 - i  # the most recent placements are still running
            if newest < len(FEATURED):
                first, last = FEATURED[newest]
            name = f"{first} {last}"
            cohort_year = today.year - (span_days - i * span_days // max(1, placements)) // 365
            st = students.create_in(
                s,
                StudentInput(
                    full_name=name,
                    university=uni,
                    student_number=f"{'NF' if i % 2 == 0 else 'EB'}{100000 + i}",
                    preferred_name=first if rng.random() < 0.2 else "",
                    email=f"student{i}@students.example.ac.uk",
                    programme=prog,
                    programme_kind=pkind,
                    cohort=str(cohort_year),
                    adjustments="Extra time for written work; dyslexia support plan."
                    if rng.random() < 0.15 else "",
                ),
            )
            counts["students"] += 1
            kind = PlacementKind.FIRST if rng.random() < 0.5 else PlacementKind.FINAL
            org, team, area, statutory = ORGS[rng.randrange(len(ORGS))]
            # Spread start dates evenly; the newest few run through today.
            offset = span_days - int((i + 1) * span_days / placements)
            start = today - timedelta(days=offset + rng.randrange(0, 20))
            start = calendar_date_of_day(start, 1)  # a working day
            p = pls.create_in(
                s,
                PlacementInput(
                    student_id=st.id, kind=kind, organisation=org, start_date=start,
                    team=team, service_area=area, statutory=statutory,
                    pe_arrangement=PEArrangement.OFFSITE if i % 3 else PEArrangement.ONSITE,
                    oss_name=OSS[rng.randrange(len(OSS))],
                    oss_contact="oss@example.org.uk",
                    tutor_name=TUTORS[rng.randrange(len(TUTORS))],
                    tutor_contact="tutor@example.ac.uk",
                ),
            )
            counts["placements"] += 1
            done = 0
            day_no = 1
            while done < p.required_days:
                d = calendar_date_of_day(p.start_date, day_no, p.days_per_week)
                day_no += 1
                if d > today:
                    break
                r = rng.random()
                if r < 0.04:
                    attendance_rows.append(dict(placement_id=p.id, day=d,
                                                kind=AttendanceKind.ABSENT,
                                                reason=rng.choice(ABSENCE_REASONS)))
                    continue
                kind_day = AttendanceKind.STUDY if day_no % 10 == 0 else AttendanceKind.ATTENDED
                attendance_rows.append(dict(placement_id=p.id, day=d, kind=kind_day, reason=""))
                done += 1
            finished = done >= p.required_days
            status = PlacementStatus.COMPLETED if finished else PlacementStatus.ACTIVE
            if start > today:
                status = PlacementStatus.PLANNED
            # The placement was set up a few weeks before it started.
            for change in p.status_changes:
                change.changed_on = min(change.changed_on, start - timedelta(days=21))
            if status != PlacementStatus.PLANNED:
                s.add(PlacementStatusChange(placement_id=p.id, from_status=PlacementStatus.PLANNED,
                                            to_status=PlacementStatus.ACTIVE, changed_on=start,
                                            reason="Placement started"))
            if status == PlacementStatus.COMPLETED:
                s.add(PlacementStatusChange(placement_id=p.id, from_status=PlacementStatus.ACTIVE,
                                            to_status=status, changed_on=p.planned_end_date,
                                            reason="All required days completed"))
            p.status = status
            for m in s.query(Meeting).filter(Meeting.placement_id == p.id):
                if m.due_date < today - timedelta(days=2) and (finished or rng.random() < 0.85):
                    m.held_on = m.due_date + timedelta(days=rng.randrange(0, 3))
        if attendance_rows:
            s.execute(insert(AttendanceDay), attendance_rows)
        s.flush()
    return counts


def create_demo_data(
    ctx: AppContext, *, force: bool = False, placements: int = 12, currency: bool = True,
    reports: bool = True, qa: bool | None = None,
) -> dict[str, int]:
    """The demo a new user loads: placements with evidence, reports and the PE's
    own currency record, and (``qa``, with the reports by default) three years of
    signed reports and a pending peer-QA sample request. Tests that start from an
    empty currency record or no reports turn ``currency`` / ``reports`` off."""
    with ctx.read_session() as s:
        empty = database_is_empty(s)
    if not empty and not force:
        raise PEDesktopError("the database already holds data; use --force to replace it")
    if not empty:
        from pe_desktop.storage.backups import backup_database

        backup_database(ctx.paths.database, ctx.paths.backups, ctx.now(), label="before-demo")
    # One transaction: a kill, a full disk or an error anywhere leaves the old
    # data exactly as it was; the new data appears all at once.
    with ctx.one_transaction() as tx:
        if not empty:
            _clear(tx)
        counts = _fill(tx, placements=placements, currency=currency, reports=reports, qa=qa)
    if not empty:
        from pe_desktop.services.interchange.document import prune_unused_files

        prune_unused_files(ctx)
    return counts


def _fill(ctx: AppContext, *, placements: int, currency: bool, reports: bool,
          qa: bool | None) -> dict[str, int]:
    ProfileService(ctx).save(
        ProfileData(
            full_name="Máire Ó Dónaill",
            swe_registration="SW123456",
            organisation="Independent practice educator",
            email="maire.odonaill@example.org.uk",
            usual_arrangement=PEArrangement.INDEPENDENT,
        )
    )
    counts = populate(ctx, placements=placements, years=1)
    from pe_desktop.services.evidence.demo import add_demo_evidence

    counts.update(add_demo_evidence(ctx))
    if reports:
        from pe_desktop.services.reports.demo import add_demo_reports

        counts.update(add_demo_reports(ctx))
        from pe_desktop.services.concerns.demo import add_demo_concern, struggling_placement
        from pe_desktop.services.reviews.demo import add_demo_reviews
        from pe_desktop.services.timelog.demo import add_demo_time

        struggling = struggling_placement(ctx)
        counts.update(add_demo_concern(ctx))
        counts.update(add_demo_reviews(ctx, skip=struggling.id if struggling else None))
        counts.update(add_demo_time(ctx, heavy=struggling.id if struggling else None))
    if reports if qa is None else qa:
        from pe_desktop.services.qa.demo import add_demo_qa

        counts.update(add_demo_qa(ctx))
    if currency:
        from pe_desktop.services.currency.demo import add_demo_currency

        counts.update(add_demo_currency(ctx))
    return counts


__all__ = ["create_demo_data", "populate", "Placement"]
