"""Supervision sessions and observations say whether they were in person, by video or by
phone; the record and its PDF keep it."""

from __future__ import annotations

import subprocess
from datetime import timedelta

from evidence_helpers import make_placement

from pe_desktop.domain.enums import ContactMode
from pe_desktop.domain.evidence_vocab import ObservationStatus, ObserverRole
from pe_desktop.services.documents.kinds import PdfRequest
from pe_desktop.services.evidence.observations import ObservationInput, ObservationService
from pe_desktop.services.signing.pdf_export import export_pdf
from pe_desktop.services.supervision import SessionInput, SupervisionService


def test_mode_round_trips_and_reaches_the_pdfs(ctx, tmp_path):
    pid = make_placement(ctx)
    day = ctx.today() - timedelta(days=3)
    sup = SupervisionService(ctx).create(pid, SessionInput(
        held_on=day, discussion="Talked through the week.", mode=ContactMode.VIDEO))
    assert sup.mode == ContactMode.VIDEO and sup.to_input().mode == ContactMode.VIDEO
    obs = ObservationService(ctx).create(pid, ObservationInput(
        observed_on=day, status=ObservationStatus.COMPLETED, observer_role=ObserverRole.PE,
        consent_obtained=True, observer_account="Phone review with a carer.",
        mode=ContactMode.PHONE))
    assert ObservationService(ctx).get(obs.id).mode == ContactMode.PHONE
    assert SessionInput(held_on=day).mode == ContactMode.IN_PERSON  # new records' default
    out = tmp_path / "s.pdf"
    export_pdf(ctx, "supervision", PdfRequest(pid, {"session_id": sup.id}), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "60 minutes, by video" in " ".join(text.split())
    export_pdf(ctx, "observation", PdfRequest(pid, {"observation_id": obs.id}), out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "by phone" in " ".join(text.split())
