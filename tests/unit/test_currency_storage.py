"""Currency tables: personal data marked, data travels in export/import.

(The migrated schema is compared with the models in test_migrations.py.)"""

from __future__ import annotations

from datetime import date

from pe_desktop.domain.currency import CpdKind, QualificationKind
from pe_desktop.domain.enums import PlacementKind
from pe_desktop.services.currency import (
    CheckInInput,
    CpdInput,
    CurrencyService,
    MentoringInput,
    PastStudentInput,
    QualificationInput,
    RegistrationInput,
)
from pe_desktop.services.interchange import export_json, import_json


def test_currency_tables_have_personal_data_marked(ctx):
    from pe_desktop.storage.models import CpdEntry, ManagerCheckIn, MentoringRecord, PastStudent

    assert PastStudent.__table__.c.initials.info["pii"] == "person"
    assert ManagerCheckIn.__table__.c.manager.info["pii"] == "person"
    assert MentoringRecord.__table__.c.mentor.info["pii"] == "person"
    assert CpdEntry.__table__.c.reflection.info["pii"] == "free_text"


def test_currency_record_round_trips_through_json(demo_ctx, tmp_path, template_db):
    import shutil

    from pe_desktop.services.context import open_context

    svc = CurrencyService(demo_ctx)
    pid = svc.overview().placements[0].id
    qid = svc.save_qualification(QualificationInput(QualificationKind.PEPS1, date(2024, 3, 1),
                                                    provider="Eastbrook", credits=20))
    cert = tmp_path / "cert.pdf"
    cert.write_bytes(b"%PDF cert")
    svc.attach(cert, qualification_id=qid)
    svc.save_registration(RegistrationInput(date(2027, 11, 30), date(2026, 11, 2), "renewed"))
    svc.save_past_student(PastStudentInput("J.K.", date(2018, 1, 8), date(2018, 5, 4),
                                           PlacementKind.FINAL, "Northfield"))
    svc.save_cpd(CpdInput(date(2026, 3, 3), "Conférence — réflexion", 6.5, CpdKind.CONFERENCE,
                          reflection="Learnt a lot ✓", domains=("pcf:knowledge",)))
    svc.save_checkin(CheckInInput(date(2026, 8, 1), "Manager Ó Briain", True, pid, "fine"))
    svc.save_mentoring(MentoringInput("Dr Mentor", pid, "Stage 2", date(2026, 9, 1), "agreed"))
    svc.save_policy({"name": "Custom", "cpd_min_hours": 15})
    before = svc.overview()

    out = tmp_path / "all.json"
    counts = export_json(demo_ctx, out)
    assert counts["cpd_entries"] == 1 and counts["currency_attachments"] == 1

    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(template_db, other / template_db.name)
    ctx2 = open_context(other, today=demo_ctx.today)
    try:
        import_json(ctx2, out)
        after = CurrencyService(ctx2).overview()
    finally:
        ctx2.close()
    assert after.cpd == before.cpd
    assert after.qualifications == before.qualifications
    assert after.past_students == before.past_students
    assert after.checkins == before.checkins
    assert after.mentoring == before.mentoring
    assert after.registrations == before.registrations
    assert after.policy == before.policy and after.policy_is_custom
    assert after.status == before.status
