"""Part 5: the OSS section of a midway report goes to the OSS and comes back signed.

A CLI round trip between two data directories through a shared folder target;
then every class of bad reply (and request) is refused with its reason, with
nothing changed."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from clocks import make_clock
from sqlalchemy import func, select

from pe_desktop.domain.reports import ConfirmationMethod, ReportKind
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.storage.models import OssImport, OssReportAsk, ReportVersion
from tests.integration.oss.conftest import active_placement
from tests.integration.oss.test_oss_round_trip import run


def _ctx(path, days: int = 0):
    from pe_desktop.services.context import open_context

    clock = make_clock()
    clock.advance(timedelta(days=days))
    return open_context(path, clock=clock)


def _setup(pe, oss, tmp_path, capsys):
    """Invite, join, one observation sent and imported (pins the OSS key)."""
    pid = active_placement(pe)
    invite = tmp_path / "sam.peinvite"
    run(capsys, "--data-dir", str(pe), "oss", "invite", "--placement", str(pid),
        "--out", str(invite))
    run(capsys, "--data-dir", str(oss), "oss", "join", str(invite), "--name", "Sam Okafor")
    fp = re.search(r"Key SHA-256:\s+(\S+)",
                   run(capsys, "--data-dir", str(oss), "oss", "identity", "show")).group(1)
    form = json.loads(run(capsys, "--data-dir", str(oss), "oss", "record", "--observation",
                          "--template"))
    form.update(observed_on="2026-11-20", consent_obtained=True, observer_account="Seen.")
    form["judgements"][0]["judgement"] = "meets"
    (tmp_path / "obs.json").write_text(json.dumps(form))
    run(capsys, "--data-dir", str(oss), "oss", "record", "--observation",
        str(tmp_path / "obs.json"))
    shared = tmp_path / "shared"
    shared.mkdir()
    for d in (pe, oss):
        run(capsys, "--data-dir", str(d), "qa", "target", "add", "share", "--folder",
            str(shared))
    run(capsys, "--data-dir", str(oss), "oss", "send")
    run(capsys, "--data-dir", str(pe), "oss", "import", "--pull", "--trust-fingerprint", fp)
    ctx = _ctx(pe)
    try:
        from pe_desktop.services.reports.service import ReportContent, ReportService

        svc = ReportService(ctx)
        view = svc.open(pid, ReportKind.MIDWAY)
        svc.save(view.version.id, ReportContent(summary="Good progress; stronger on values.",
                                                oss_comments="typed by the PE"))
    finally:
        ctx.close()
    return pid, fp, shared


def test_report_section_round_trip_through_a_folder_and_webdav(pe_dir, oss_dir, stores,
                                                               tmp_path, capsys, monkeypatch):
    pid, fp, shared = _setup(pe_dir, oss_dir, tmp_path, capsys)
    pe, oss = str(pe_dir), str(oss_dir)
    out = run(capsys, "--data-dir", pe, "oss", "report", "send", "--placement", str(pid),
              "--kind", "midway")
    assert "encrypted to Sam Okafor" in out and "Sent" in out
    assert any(p.name.startswith("ossreq-") for p in shared.iterdir())

    out = run(capsys, "--data-dir", oss, "oss", "report", "receive", "--pull")
    assert "Received request 1: the Midway report, version 1" in out
    listed = json.loads(run(capsys, "--data-dir", oss, "oss", "report", "list", "--json"))
    assert listed[0]["pe_summary"] == "Good progress; stronger on values."
    assert len(listed[0]["domains"]) == 9 and listed[0]["replied_on"] is None
    assert "No new report sections" in run(capsys, "--data-dir", oss, "oss", "report",
                                           "receive", "--pull")  # a second pull: nothing
    (tmp_path / "c.txt").write_text("Sam's student has grown in confidence with families.")
    out = run(capsys, "--data-dir", oss, "oss", "report", "reply", "--request", "1",
              "--comments-file", str(tmp_path / "c.txt"), "--confirm")
    assert "comments and confirmation" in out and "Sent" in out
    run(capsys, "--data-dir", oss, "oss", "report", "reply", "--request", "1",
        "--comments", "again", expect=1)  # a reply is signed once

    out = run(capsys, "--data-dir", pe, "oss", "import", "--pull")
    assert "Imported report" in out

    ctx = _ctx(pe_dir)
    try:
        from pe_desktop.services.reports.service import ReportContent, ReportService

        svc = ReportService(ctx)
        v = svc.get(pid, ReportKind.MIDWAY).version
        assert v.content.oss_comments == "Sam's student has grown in confidence with families."
        assert v.oss_confirmation.name == "Sam Okafor"
        assert v.oss_confirmation.how == ConfirmationMethod.OSS_KEY
        assert v.oss_confirmation.on.isoformat() == "2026-11-23"
        assert v.oss_reply.fingerprint == fp and v.oss_reply.confirmed
        # the PE cannot overwrite the OSS's signed comments
        after = svc.save(v.id, ReportContent(summary="Edited", oss_comments="rewritten by PE"))
        assert after.content.oss_comments == v.content.oss_comments
        with ctx.read_session() as s:
            row = s.scalar(select(OssImport).where(OssImport.kind == "report"))
            assert row.report_version_id == v.id
        from pe_desktop.services.oss.records_pe import reverify

        assert reverify(ctx, row.id) == fp
    finally:
        ctx.close()
    assert "Nothing new" in run(capsys, "--data-dir", pe, "oss", "import", "--pull")

    # Again through a WebDAV server: the PE asks once more; the newest reply speaks, and
    # without a confirmation the earlier one no longer stands.
    from dav_server import PASSWORD, USER, DavServer

    server = DavServer(tmp_path / "dav")
    monkeypatch.setenv("PE_DESKTOP_WEBDAV_PASSWORD", PASSWORD)
    try:
        for d in (pe, oss):
            run(capsys, "--data-dir", d, "qa", "target", "add", "cloud", "--webdav",
                server.url, "--user", USER)
        run(capsys, "--data-dir", pe, "oss", "report", "send", "--placement", str(pid),
            "--kind", "midway", "--target", "cloud")
        out = run(capsys, "--data-dir", oss, "oss", "report", "receive", "--pull", "--target",
                  "cloud")
        assert "Received request 2" in out
        run(capsys, "--data-dir", oss, "oss", "report", "reply", "--request", "2",
            "--comments", "Still growing; more to do on reports.", "--target", "cloud")
        assert "Imported report" in run(capsys, "--data-dir", pe, "oss", "import", "--pull",
                                        "--target", "cloud")
    finally:
        server.stop()
    ctx = _ctx(pe_dir)
    try:
        from pe_desktop.services.reports.service import ReportContent, ReportService

        svc = ReportService(ctx)
        v = svc.get(pid, ReportKind.MIDWAY).version
        assert v.content.oss_comments == "Still growing; more to do on reports."
        assert v.oss_confirmation is None and not v.oss_reply.confirmed
        # signed, then reopened: the copied comments are still the OSS's, read only
        svc.sign(v.id, override=True, override_reason="Early midway for the test")
        new = svc.reopen(v.id, "Add the second observation")
        assert new.oss_reply is not None and new.oss_reply.in_content
        kept = svc.save(new.id, ReportContent(oss_comments="PE's own words"))
        assert kept.content.oss_comments == "Still growing; more to do on reports."
    finally:
        ctx.close()


@pytest.fixture
def sent(pe_dir, oss_dir, stores, tmp_path, capsys):
    """A request received by the OSS and a reply written to ./replies (not imported)."""
    pid, fp, shared = _setup(pe_dir, oss_dir, tmp_path, capsys)
    reqs = tmp_path / "requests"
    reqs.mkdir()
    run(capsys, "--data-dir", str(pe_dir), "oss", "report", "send", "--placement", str(pid),
        "--kind", "midway", "--out", str(reqs))
    request = next(reqs.iterdir())
    run(capsys, "--data-dir", str(oss_dir), "oss", "report", "receive", str(request))
    replies = tmp_path / "replies"
    replies.mkdir()
    run(capsys, "--data-dir", str(oss_dir), "oss", "report", "reply", "--request", "1",
        "--comments", "Fine.", "--confirm", "--out", str(replies))
    return pid, request, next(replies.iterdir())


def _version_state(pe_dir):
    ctx = _ctx(pe_dir)
    try:
        with ctx.read_session() as s:
            v = s.scalars(select(ReportVersion)).first()
            return (v.oss_comments, v.oss_confirmed_name,
                    s.scalar(select(func.count()).select_from(OssImport)))
    finally:
        ctx.close()


def _import(pe_dir, stores, data: bytes):
    from pe_desktop.services.oss.importer import import_bytes

    ctx = _ctx(pe_dir)
    try:
        store = stores[str(ctx.paths.keys)]
        return import_bytes(ctx, store, data)
    finally:
        ctx.close()


def test_bad_replies_are_refused_and_change_nothing(pe_dir, oss_dir, stores, sent, tmp_path,
                                                   capsys):
    from pe_desktop.services.packages.keys import age_decrypt, age_encrypt
    from pe_desktop.services.qa.key_store import load_age

    pid, request, reply = sent
    before = _version_state(pe_dir)
    data = reply.read_bytes()
    # tampered: one byte of the encrypted file
    bad = bytearray(data)
    bad[-40] ^= 0x01
    with pytest.raises(PackageRejected):
        _import(pe_dir, stores, bytes(bad))
    # foreign: the OSS's request (encrypted to the OSS, not to the PE)
    with pytest.raises(PackageRejected) as exc:
        _import(pe_dir, stores, request.read_bytes())
    assert exc.value.reason == "wrong-recipient"
    # tampered inside: the comments changed after signing (decrypt, edit, re-encrypt to PE)
    ctx = _ctx(pe_dir)
    try:
        pe_store = stores[str(ctx.paths.keys)]
        from pe_desktop.services.oss.keys import PE_AGE_SECRET

        age = load_age(pe_store, PE_AGE_SECRET)
    finally:
        ctx.close()
    import io
    import zipfile

    zin = zipfile.ZipFile(io.BytesIO(age_decrypt(data, age.identity)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "record.json":
                body = body.replace(b"Fine.", b"Poor.")
            zout.writestr(info, body)
    with pytest.raises(PackageRejected) as exc:
        _import(pe_dir, stores, age_encrypt(buf.getvalue(), [age.recipient]))
    assert exc.value.reason == "hash-mismatch"
    assert _version_state(pe_dir) == before
    # expired: imported long after the invitation (and request) expired
    from pe_desktop.services.oss.importer import import_bytes

    late = _ctx(pe_dir, days=400)
    try:
        with pytest.raises(PackageRejected) as exc:
            import_bytes(late, stores[str(late.paths.keys)], data)
        assert exc.value.reason == "expired"
    finally:
        late.close()
    assert _version_state(pe_dir) == before
    # the good one, then the same again: replayed
    _import(pe_dir, stores, data)
    assert _version_state(pe_dir)[:2] == ("Fine.", "Sam Okafor")
    with pytest.raises(PackageRejected) as exc:
        _import(pe_dir, stores, data)
    assert exc.value.reason == "replayed"
    # the report PDF shows the comments and who signed them, with which key
    import subprocess

    pdf = tmp_path / "midway.pdf"
    run(capsys, "--data-dir", str(pe_dir), "pdf", "--placement", str(pid), "--kind", "midway",
        "--out", str(pdf))
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Fine." in text
    assert "Sam Okafor confirmed and commented on 23 Nov 2026, signed with their own key" in text
    assert "Sam Okafor, 23 Nov 2026 (signed reply, their own key)" in text
    shots = Path("/work/helpers/shots/oss2")
    if shots.parent.is_dir():  # look at it
        shots.mkdir(exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(shots / "midway-pdf")],
                       check=False)


def test_bad_requests_are_refused_on_the_oss_side(pe_dir, oss_dir, stores, sent, tmp_path):
    from pe_desktop.services.oss.report_asks import receive_bytes

    pid, request, reply = sent
    oss = _ctx(oss_dir)
    try:
        store = stores[str(oss.paths.keys)]
        with pytest.raises(PackageRejected) as exc:
            receive_bytes(oss, store, request.read_bytes())
        assert exc.value.reason == "replayed"
        with pytest.raises(PackageRejected) as exc:  # the OSS's own reply: not for them
            receive_bytes(oss, store, reply.read_bytes())
        assert exc.value.reason == "wrong-recipient"
        with oss.read_session() as s:
            assert s.scalar(select(func.count()).select_from(OssReportAsk)) == 1
    finally:
        oss.close()
    late = _ctx(oss_dir, days=400)
    try:
        with late.session() as s:
            s.execute(OssReportAsk.__table__.delete())
        with pytest.raises(PackageRejected) as exc:
            receive_bytes(late, stores[str(late.paths.keys)], request.read_bytes())
        assert exc.value.reason == "expired"
    finally:
        late.close()



def test_a_section_needs_an_invitation_and_a_confirmed_key(ctx, tmp_path):
    from evidence_helpers import make_placement

    from pe_desktop.domain.errors import PEDesktopError
    from pe_desktop.services.oss.invitation import issue
    from pe_desktop.services.oss.report_section import preview
    from pe_desktop.services.reports.service import ReportService
    from pe_desktop.services.secret_store import SecretStore

    pid = make_placement(ctx)
    version = ReportService(ctx).open(pid, ReportKind.MIDWAY).version.id
    with pytest.raises(PEDesktopError, match="Invite the on-site supervisor first"):
        preview(ctx, version)
    issue(ctx, SecretStore.in_memory(), pid, tmp_path / "i.peinvite")
    with pytest.raises(PEDesktopError, match="No record from the on-site supervisor"):
        preview(ctx, version)
