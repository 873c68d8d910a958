"""Done when: a PE and an on-site supervisor, two data directories, complete the
round trip through a shared folder and through a real WebDAV server, on the CLI."""

from __future__ import annotations

import json
import re

from clocks import make_clock
from dav_server import PASSWORD, USER, DavServer

from tests.integration.oss.conftest import active_placement


def run(capsys, *argv: str, expect: int = 0) -> str:
    from pe_desktop.cli.main import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == expect, out.err
    return out.out + out.err


def test_round_trip_through_a_folder_and_webdav(pe_dir, oss_dir, stores, tmp_path, capsys,
                                                monkeypatch):
    pe, oss = str(pe_dir), str(oss_dir)
    pid = active_placement(pe_dir)
    invite = tmp_path / "sam.peinvite"
    out = run(capsys, "--data-dir", pe, "oss", "invite", "--placement", str(pid),
              "--out", str(invite))
    assert "expires" in out and invite.stat().st_mode & 0o077 == 0
    payload = json.loads(__import__("base64").b64decode(json.loads(invite.read_text())["payload"]))
    assert set(payload) == {"schema", "schema_version", "invite_id", "placement_ref",
                            "student_first_name", "framework", "level", "start_date",
                            "planned_end_date", "forms", "pe", "created_at", "expires"}
    assert " " not in payload["student_first_name"]

    out = run(capsys, "--data-dir", oss, "oss", "join", str(invite), "--name", "Sam Okafor")
    assert payload["student_first_name"] in out
    fp = re.search(r"Key SHA-256:\s+(\S+)",
                   run(capsys, "--data-dir", oss, "oss", "identity", "show")).group(1)
    form = json.loads(run(capsys, "--data-dir", oss, "oss", "record", "--observation",
                          "--template"))
    assert len(form["judgements"]) == 9 and "meets" in form["allowed"]["judgement"]
    form.update(observed_on="2026-11-20", consent_obtained=True, setting="Home visit",
                observer_account="Led the visit calmly and explained the plan.")
    form["judgements"][0].update(judgement="meets", comment="Clear about her role")
    form["judgements"][3].update(judgement="developing")
    filled = tmp_path / "obs.json"
    filled.write_text(json.dumps(form))
    run(capsys, "--data-dir", oss, "oss", "record", "--observation", str(filled))

    # 1. through a shared folder
    shared = tmp_path / "shared"
    shared.mkdir()
    for d in (pe, oss):
        run(capsys, "--data-dir", d, "qa", "target", "add", "share", "--folder", str(shared))
    out = run(capsys, "--data-dir", oss, "oss", "send", "--target", "share")
    assert "observation" in out and "Sent" in out
    assert [p.suffix for p in shared.iterdir()] == [".pepkg"]
    out = run(capsys, "--data-dir", pe, "oss", "import", "--pull", expect=3)
    assert "Sam Okafor" in out and fp in out  # refused until the PE confirms the key
    out = run(capsys, "--data-dir", pe, "oss", "import", "--pull", "--trust-fingerprint", fp)
    assert "Imported observation" in out and "pinned" in out
    assert "Nothing new" in run(capsys, "--data-dir", pe, "oss", "import", "--pull")

    # 2. through WebDAV (a supervision note this time)
    server = DavServer(tmp_path / "dav")
    monkeypatch.setenv("PE_DESKTOP_WEBDAV_PASSWORD", PASSWORD)
    try:
        for d in (pe, oss):
            run(capsys, "--data-dir", d, "qa", "target", "add", "cloud", "--webdav",
                server.url, "--user", USER)
        sup = json.loads(run(capsys, "--data-dir", oss, "oss", "record", "--supervision",
                             "--template"))
        sup.update(held_on="2026-11-19", discussion="Reflected on the home visit.",
                   domains=["values_ethics", "critical_reflection"])
        sup["actions"] = [{"description": "Read the safeguarding policy", "owner": "student",
                           "due_date": "2026-11-30"}]
        (tmp_path / "sup.json").write_text(json.dumps(sup))
        run(capsys, "--data-dir", oss, "oss", "record", "--supervision",
            str(tmp_path / "sup.json"))
        out = run(capsys, "--data-dir", oss, "oss", "send", "--target", "cloud")
        assert "supervision" in out and "observation" not in out  # sent once only
        out = run(capsys, "--data-dir", pe, "oss", "import", "--pull", "--target", "cloud")
        assert "Imported supervision" in out and "pinned" not in out  # key already pinned
    finally:
        server.stop()

    from pe_desktop.domain.errors import ValidationError
    from pe_desktop.services.context import open_context
    from pe_desktop.services.evidence.coverage import CoverageService
    from pe_desktop.services.evidence.observations import ObservationService
    from pe_desktop.services.oss.records_pe import annotate, imported, reverify
    from pe_desktop.services.reports.evidence import gather
    from pe_desktop.services.supervision import SupervisionService

    ctx = open_context(pe_dir, clock=make_clock())
    try:
        matrix = CoverageService(ctx).matrix(pid)
        obs_refs = [r for r in matrix.refs if r.title == "Direct observation by Sam Okafor"]
        assert len(obs_refs) == 1
        first_domain = form["judgements"][0]["domain_key"]
        assert first_domain in obs_refs[0].domains
        links = gather(ctx, pid).for_domain(first_domain)
        assert any(lk.record_id == obs_refs[0].record_id for lk in links)
        sessions = SupervisionService(ctx).list_sessions(pid)
        assert any(x.discussion == "Reflected on the home visit." for x in sessions)
        rows = imported(ctx, pid)
        assert [r.kind for r in rows] == ["observation", "supervision"]
        assert all(r.oss_name == "Sam Okafor" and r.fingerprint == fp for r in rows)
        assert reverify(ctx, rows[0].id) == fp
        o = ObservationService(ctx)
        row = o.get(rows[0].record_id)
        try:
            o.update(row.id, row.to_input())
        except ValidationError as exc:
            assert "annotation" in str(exc.problems)
        else:
            raise AssertionError("an OSS record was edited by the PE")
        assert annotate(ctx, rows[0].id, "Discussed with Sam.").annotation == \
            "Discussed with Sam."
    finally:
        ctx.close()

    pdf = tmp_path / "record.pdf"
    run(capsys, "--data-dir", oss, "oss", "pdf", "--out", str(pdf))
    import subprocess

    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Record of students supervised" in text and payload["student_first_name"] in text
    assert "20 Nov 2026" in text
