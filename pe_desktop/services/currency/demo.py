"""Synthetic currency records for the demo, screenshots and benchmarks.

Everything is invented. Dates are relative to the context's ``today`` so the
record looks lived-in whatever day it is built.
"""

from __future__ import annotations

import random
from datetime import timedelta

from pe_desktop.domain.currency import CpdKind, QualificationKind, StudentOutcome, add_months
from pe_desktop.domain.enums import PlacementKind
from pe_desktop.services.context import AppContext
from pe_desktop.services.currency.service import (
    CheckInInput,
    CpdInput,
    CurrencyService,
    MentoringInput,
    PastStudentInput,
    QualificationInput,
    RegistrationInput,
)

CPD_TITLES = [
    ("Assessing students who are struggling", CpdKind.WORKSHOP, "Northfield Teaching Partnership",
     ("pcf:critical_reflection", "peps:C")),
    ("Regional practice educator forum", CpdKind.PE_FORUM, "Eastbrook University",
     ("peps:D",)),
    ("Anti-racist practice education", CpdKind.COURSE, "Westmoor Workforce Development",
     ("pcf:diversity_equality", "peps:B")),
    ("Reading: holistic assessment and the PCF", CpdKind.READING, "",
     ("pcf:knowledge",)),
    ("Peer supervision group for off-site PEs", CpdKind.PEER_GROUP, "Independent PE network",
     ("pcf:professionalism", "peps:D")),
    ("Annual practice education conference", CpdKind.CONFERENCE, "Teaching Partnership",
     ("pcf:contexts_organisations",)),
]
MANAGERS = ["Gráinne Byrne", "Tomás Ferreira", "Priya Chowdhury"]
PAST = [("R.K.", "University of Northfield"), ("D.Ó.S.", "Eastbrook University"),
        ("A.M.", "University of Northfield"), ("Ł.W.", "Eastbrook University")]


def add_demo_currency(ctx: AppContext, rng: random.Random | None = None,
                      years: int = 3) -> dict[str, int]:
    """Add qualifications, registration, past students, CPD, check-ins and a
    mentoring record. Returns counts per kind."""
    rng = rng or random.Random(11)
    svc = CurrencyService(ctx)
    today = ctx.today()
    counts = {"qualifications": 0, "cpd_entries": 0, "manager_checkins": 0,
              "past_students": 0, "registration_periods": 0, "mentoring_records": 0}
    svc.save_qualification(QualificationInput(
        QualificationKind.PEPS1, add_months(today, -12 * years - 14),
        "PEPS stage 1 (Practice Educator Professional Standards)", "University of Northfield",
        20, "Assessed with my first student, a BA first placement."))
    svc.save_qualification(QualificationInput(
        QualificationKind.PEPS2, None, "PEPS stage 2 (in progress)", "Eastbrook University",
        40, "Portfolio due next spring."))
    svc.save_qualification(QualificationInput(
        QualificationKind.OTHER, add_months(today, -12 * years - 40),
        "Best Interests Assessor", "Westmoor Workforce Development", 20))
    counts["qualifications"] = 3
    # Registration periods run to 30 November each year (renewed in the autumn).
    end = today.replace(month=11, day=30)
    if end < today:
        end = end.replace(year=end.year + 1)
    for k in range(years):
        valid = end.replace(year=end.year - k)
        svc.save_registration(RegistrationInput(valid, valid - timedelta(days=40 + k)))
        counts["registration_periods"] += 1
    for i, (ini, uni) in enumerate(PAST):
        start = add_months(today, -12 * (years + 2 + i) - 2)
        svc.save_past_student(PastStudentInput(
            ini, start, start + timedelta(days=7 * (14 if i % 2 else 20)),
            PlacementKind.FIRST if i % 2 else PlacementKind.FINAL, uni,
            StudentOutcome.PASSED if i != 2 else StudentOutcome.WITHDRAWN))
        counts["past_students"] += 1
    n_cpd = 4 * years
    for i in range(n_cpd):
        title, kind, provider, domains = CPD_TITLES[i % len(CPD_TITLES)]
        on = today - timedelta(days=int(i * 365 * years / n_cpd) + rng.randrange(1, 20))
        svc.save_cpd(CpdInput(
            on, title, rng.choice([1.5, 2.0, 3.0, 3.5, 6.0]), kind, provider,
            "What I will do differently: plan direct observations earlier and share the "
            "criteria with the student and the on-site supervisor.", domains))
        counts["cpd_entries"] += 1
    overview = svc.overview()
    for i, pl in enumerate(reversed(overview.placements)):
        if rng.random() < 0.15 and pl.open:
            continue  # leave a gap for the status to find
        start = _start_of(ctx, pl.id)
        on = min(today, start - timedelta(days=rng.randrange(5, 40)))
        svc.save_checkin(CheckInInput(
            on, MANAGERS[i % len(MANAGERS)], True, pl.id,
            "Caseload reduced by two families for the placement."))
        counts["manager_checkins"] += 1
    finals = [p for p in overview.placements if p.open and "Final" in p.label]
    if finals:
        svc.save_mentoring(MentoringInput(
            "Dr Kofi Asante", finals[0].id, "Stage 2 practice educator (mentor)",
            None, "Mentor will co-sign the end of placement recommendation."))
        counts["mentoring_records"] += 1
    return counts


def _start_of(ctx: AppContext, placement_id: int):
    from pe_desktop.services.placements.service import PlacementService

    return PlacementService(ctx).get(placement_id).start_date
