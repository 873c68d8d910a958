"""``pe-desktop audit verify --bundle FILE``: the shared bundle anchors the audit trail.

A real bundle (age + CMS) from the PE's app; the chain is then edited, or
rewritten so that it verifies on its own, and the bundle's anchor catches it.
"""

from __future__ import annotations

from sqlalchemy import text

from pe_desktop.cli.main import main
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.audit_log import event_hash


def _run(capsys, data_dir, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def _unlock_audit(s) -> None:
    s.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
    s.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))


def _rewrite_from(ctx, seq: int) -> None:
    """Alter event ``seq`` and re-hash it and every later event: a self-consistent chain."""
    from sqlalchemy import select, update

    from pe_desktop.storage.models import AuditEvent

    t = AuditEvent.__table__
    with ctx.session() as s:
        _unlock_audit(s)
        rows = s.execute(select(t).where(t.c.seq >= seq).order_by(t.c.seq)).all()
        prev = rows[0].prev_hash
        for r in rows:
            uid = "pk:rewritten" if r.seq == seq else r.record_uid
            h = event_hash(prev, r.seq, r.at, r.action, r.record_type, uid, r.state_hash)
            s.execute(update(t).where(t.c.seq == r.seq)
                      .values(record_uid=uid, prev_hash=prev, hash=h))
            prev = h


def _with_head(ctx, data: bytes, store, round_id: str, head: str) -> bytes:
    """The bundle opened with the PE's round key, its manifest's head changed, re-encrypted."""
    import io
    import json
    import zipfile

    from pe_desktop.services.packages.keys import age_decrypt, age_encrypt
    from pe_desktop.services.qa.key_store import contributor_age
    from pe_desktop.services.qa.requests import RequestService

    pair = contributor_age(store, RequestService(ctx).get(round_id).uid)
    src = zipfile.ZipFile(io.BytesIO(age_decrypt(data, pair.identity)))
    members = {n: src.read(n) for n in src.namelist()}
    m = json.loads(members["manifest.json"])
    m["audit_chain_head"] = head
    members["manifest.json"] = (json.dumps(m, indent=2, sort_keys=True) + "\n").encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, b in members.items():
            zf.writestr(n, b)
    return age_encrypt(buf.getvalue(), [pair.recipient])


def test_audit_verify_checks_a_bundle_anchor(demo_ctx, tmp_path, capsys, monkeypatch):
    from pe_desktop.services import audit
    from pe_desktop.services.qa.bundles import BundleService
    from pe_desktop.services.qa.demo import add_demo_request, add_past_placements
    from pe_desktop.services.qa.review import ReviewService

    store = SecretStore.in_memory()
    monkeypatch.setattr("pe_desktop.cli.cmd_signing.open_store", lambda _keys: store)
    add_past_placements(demo_ctx)  # signed reports for the sample
    round_id = add_demo_request(demo_ctx)
    assert ReviewService(demo_ctx).approve_all(round_id)
    out_file = tmp_path / "sent.age"
    res = BundleService(demo_ctx).queue(round_id, store, org_code="NCC", copy_to=out_file)
    anchored = next(e for e in audit.list_events(demo_ctx)
                    if e.hash == res.manifest["audit_chain_head"])
    d = demo_ctx.paths.root

    code, out, err = _run(capsys, d, "audit", "verify", "--bundle", str(out_file))
    assert code == 0 and "Audit trail intact" in out, err
    tampered = tmp_path / "tampered.age"
    tampered.write_bytes(_with_head(demo_ctx, out_file.read_bytes(), store, round_id, "f" * 64))
    code, out, err = _run(capsys, d, "audit", "verify", "--bundle", str(tampered))
    assert code == 1 and out == ""
    assert err.startswith("pe-desktop: audit verify failed: tampered.age is not intact "
                          "(bad-signature): ") and len(err.strip().splitlines()) == 1, err
    tampered.write_bytes(out_file.read_bytes()[:-40] + bytes(40))  # damaged in transit
    code, out, err = _run(capsys, d, "audit", "verify", "--bundle", str(tampered))
    assert code == 1 and "tampered.age is not intact" in err and \
        len(err.strip().splitlines()) == 1, err
    code, _out, err = _run(capsys, d, "audit", "verify", "--bundle", str(tmp_path / "none"))
    assert code == 1 and "cannot read" in err.lower() and len(err.strip().splitlines()) == 1

    # Rewritten consistently from the anchored event on: the chain alone looks intact,
    # the bundle shared before the rewrite does not agree.
    _rewrite_from(demo_ctx, anchored.seq)
    code, out, err = _run(capsys, d, "audit", "verify")
    assert code == 0, err
    code, out, err = _run(capsys, d, "audit", "verify", "--bundle", str(out_file))
    assert code == 1 and "recorded in an exported document is not in this chain" in err, err

    # An edited (not re-hashed) event before the anchor breaks the chain itself.
    with demo_ctx.session() as s:
        _unlock_audit(s)
        s.execute(text("UPDATE audit_events SET record_uid = 'someone-else' WHERE seq = 3"))
    code, _out, err = _run(capsys, d, "audit", "verify", "--bundle", str(out_file))
    assert code == 1 and "event 3 was altered" in err, err
