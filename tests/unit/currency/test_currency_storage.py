"""Currency tables: personal data marked, data travels in export/import.

(The migrated schema is compared with the models in test_migrations.py.)"""

from __future__ import annotations

from datetime import date

import pytest
from clocks import make_clock

from pe_desktop.domain.currency import CpdKind, QualificationKind
from pe_desktop.domain.enums import PlacementKind
from pe_desktop.services.currency.service import (
    CheckInInput,
    CpdInput,
    CurrencyService,
    MentoringInput,
    PastStudentInput,
    QualificationInput,
    RegistrationInput,
)
from pe_desktop.services.interchange.document import export_json, import_json


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
    ctx2 = open_context(other, clock=make_clock())
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
    # the certificate's bytes travel in the file and are back in the store
    sha = after.qualifications[0].attachments[0].sha256
    assert b"%PDF cert" not in (other / "attachments" / "currency" / sha[:2] / sha).read_bytes()
    ctx3 = open_context(other, clock=make_clock())
    try:
        assert ctx3.attachments("currency").read_bytes(sha) == b"%PDF cert"
    finally:
        ctx3.close()


def test_import_refuses_an_altered_certificate_and_changes_nothing(demo_ctx, tmp_path,
                                                                   template_db):
    import json
    import shutil

    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.context import open_context
    from pe_desktop.services.interchange.document import database_is_empty

    svc = CurrencyService(demo_ctx)
    qid = svc.save_qualification(QualificationInput(QualificationKind.PEPS2, date(2025, 3, 1)))
    cert = tmp_path / "cert.pdf"
    cert.write_bytes(b"%PDF original")
    svc.attach(cert, qualification_id=qid)
    out = tmp_path / "all.json"
    export_json(demo_ctx, out)
    doc = json.loads(out.read_text())
    (sha,) = doc["currency_attachment_files"]
    import base64

    doc["currency_attachment_files"][sha] = base64.b64encode(b"%PDF forged").decode()
    out.write_text(json.dumps(doc))
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy2(template_db, other / template_db.name)
    ctx2 = open_context(other, clock=make_clock())
    try:
        with pytest.raises(PEDesktopError, match="does not match its SHA-256"):
            import_json(ctx2, out)
        del doc["currency_attachment_files"][sha]
        out.write_text(json.dumps(doc))
        with pytest.raises(PEDesktopError, match="contents are not in the import file"):
            import_json(ctx2, out)
        with ctx2.read_session() as s:
            assert database_is_empty(s)
    finally:
        ctx2.close()


def test_import_checks_currency_rows(demo_ctx, tmp_path):
    import json

    from pe_desktop.domain.errors import ValidationError
    from pe_desktop.services.interchange.document import export_document, parse_document

    CurrencyService(demo_ctx).save_cpd(CpdInput(date(2026, 3, 3), "Forum", 2.0))
    doc = json.loads(json.dumps(export_document(demo_ctx)))
    doc["tables"]["cpd_entries"][0]["hours"] = -4
    with pytest.raises(ValidationError, match="hours: must be more than 0") as err:
        parse_document(doc)
    assert err.value.record.startswith("cpd_entries")
