"""Every class of bad package is refused with its reason, and nothing is half-imported."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import timedelta

import pytest
from clocks import make_clock
from evidence_helpers import make_placement
from sqlalchemy import func, select

from pe_desktop.services.oss import records
from pe_desktop.services.oss.importer import TrustNeeded, import_bytes
from pe_desktop.services.oss.invitation import issue
from pe_desktop.services.oss.keys import pe_keys
from pe_desktop.services.oss.profile import enter_record, join, supervisees
from pe_desktop.services.oss.send import build
from pe_desktop.services.packages.errors import PackageRejected
from pe_desktop.services.packages.keys import age_decrypt, age_encrypt
from pe_desktop.services.secret_store import SecretStore
from pe_desktop.storage.models import Observation, OssImport, OssMembership, OssPin


def _ctx(path):
    from pe_desktop.services.context import open_context

    return open_context(path, clock=make_clock())


@pytest.fixture
def world(ctx, tmp_path, oss_dir):
    """A PE with a placement and an invitation; an OSS who joined it and recorded one
    observation. Yields (pe ctx, pe store, oss ctx, oss store, supervisee, invitation)."""
    pid = make_placement(ctx)
    pe_store, oss_store = SecretStore.in_memory(), SecretStore.in_memory()
    inv = issue(ctx, pe_store, pid, tmp_path / "i.peinvite", days=30)
    oss = _ctx(oss_dir)
    join(oss, oss_store, tmp_path / "i.peinvite", "Sam Okafor")
    sv = supervisees(oss)[0]
    form = records.template(records.OBSERVATION, oss.frameworks.get(sv.framework), sv.level,
                            sv.first_name)
    form.update(observed_on="2026-11-20", consent_obtained=True, observer_account="Seen.")
    form["judgements"][0]["judgement"] = "meets"
    enter_record(oss, records.OBSERVATION, form, None)
    yield ctx, pe_store, oss, oss_store, sv, inv
    oss.close()


def _obs_id(oss):
    with oss.read_session() as s:
        return s.scalar(select(Observation.id))


def _counts(ctx):
    with ctx.read_session() as s:
        return tuple(s.scalar(select(func.count()).select_from(m))
                     for m in (Observation, OssImport, OssPin))


def _refused(ctx, store, data, reason, **kw):
    before = _counts(ctx)
    with pytest.raises(PackageRejected) as info:
        import_bytes(ctx, store, data, trust_fingerprint=kw.pop("fp", None), **kw)
    assert info.value.reason == reason, str(info.value)
    assert str(info.value)  # one clear line
    assert _counts(ctx) == before  # nothing half-imported
    return str(info.value)


def test_bad_packages_are_refused_with_their_reason(world, tmp_path, template_db):
    pe, pe_store, oss, oss_store, sv, inv = world
    _name, built, _pid = build(oss, oss_store, sv, records.OBSERVATION, _obs_id(oss))
    from pe_desktop.services.oss.keys import identity_info

    fp = identity_info(oss).fingerprint

    # unknown key without confirmation: refused (the CLI exits 3), nothing stored
    before = _counts(pe)
    with pytest.raises(TrustNeeded) as info:
        import_bytes(pe, pe_store, built.data)
    assert fp in str(info.value) and _counts(pe) == before
    # a confirmation with the wrong fingerprint
    _refused(pe, pe_store, built.data, "untrusted-signer", fp="AB:" * 31 + "AB")
    # tampered: a byte of the ciphertext, and a record altered inside a re-encrypted zip
    bad = bytearray(built.data)
    bad[-40] ^= 1
    _refused(pe, pe_store, bytes(bad), "not-age", fp=fp)
    plain = age_decrypt(built.data, pe_keys(pe, pe_store, "", create=False).age.identity)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain)) as zin, zipfile.ZipFile(buf, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "record.json":
                data = data.replace(b"Seen.", b"Not seen.")
            zout.writestr(item, data)
    forged = age_encrypt(buf.getvalue(), [inv.pe_age_recipient])
    _refused(pe, pe_store, forged, "hash-mismatch", fp=fp)

    # the good package imports once; the same package again is a replay
    res = import_bytes(pe, pe_store, built.data, trust_fingerprint=fp)
    assert res.newly_trusted and res.oss_name == "Sam Okafor"
    _refused(pe, pe_store, built.data, "replayed")

    # another key claiming to be the same OSS for this placement: unknown key
    other_dir = tmp_path / "other"
    other_dir.mkdir(mode=0o700)
    import shutil

    shutil.copy2(template_db, other_dir / template_db.name)
    other, other_store = _ctx(other_dir), SecretStore.in_memory()
    try:
        join(other, other_store, tmp_path / "i.peinvite", "Sam Okafor")
        osv = supervisees(other)[0]
        form = records.template(records.OBSERVATION, other.frameworks.get(osv.framework),
                                osv.level, osv.first_name)
        form.update(observed_on="2026-11-21", consent_obtained=True, observer_account="x")
        enter_record(other, records.OBSERVATION, form, None)
        _n, impostor, _p = build(other, other_store, osv, records.OBSERVATION, _obs_id(other))
    finally:
        other.close()
    assert "unknown key" in _refused(pe, pe_store, impostor.data, "untrusted-signer")

    # foreign: encrypted to another PE, or answering an invitation never issued here
    other_pe = pe_keys(_fresh(tmp_path, template_db, "pe2"), SecretStore.in_memory(), "B")
    zip_bytes = age_decrypt(built.data, pe_keys(pe, pe_store, "", create=False).age.identity)
    _refused(pe, pe_store, age_encrypt(zip_bytes, [other_pe.age.recipient]), "wrong-recipient")
    with oss.session() as s:
        s.scalar(select(OssMembership)).invite_id = "00000000-0000-4000-8000-000000000000"
    sv2 = supervisees(oss)[0]
    _n, foreign, _p = build(oss, oss_store, sv2, records.OBSERVATION, _obs_id(oss))
    _refused(pe, pe_store, foreign.data, "foreign")


def _fresh(tmp_path, template_db, name):
    import shutil

    d = tmp_path / name
    d.mkdir(mode=0o700)
    shutil.copy2(template_db, d / template_db.name)
    return _ctx(d)


def test_a_package_made_after_the_invitation_expired_is_refused(world):
    pe, pe_store, oss, oss_store, sv, inv = world
    # The OSS's laptop ignores the expiry (its record says later) and sends 40 days on.
    with oss.session() as s:
        s.scalar(select(OssMembership)).expires_on = inv.expires + timedelta(days=365)
    oss.clock.advance(timedelta(days=40))
    sv = supervisees(oss)[0]
    _n, late, _p = build(oss, oss_store, sv, records.OBSERVATION, _obs_id(oss))
    from pe_desktop.services.oss.keys import identity_info

    msg = _refused(pe, pe_store, late.data, "expired", fp=identity_info(oss).fingerprint)
    assert inv.expires.strftime("%d %b %Y") in msg


def test_an_invitation_is_refused_when_altered_or_expired(ctx, tmp_path, oss_dir):
    from pe_desktop.services.oss.invitation import read_invitation

    pid = make_placement(ctx)
    issue(ctx, SecretStore.in_memory(), pid, tmp_path / "i.peinvite", days=10)
    raw = (tmp_path / "i.peinvite").read_bytes()
    env = json.loads(raw)
    import base64

    payload = json.loads(base64.b64decode(env["payload"]))
    assert payload["student_first_name"] == "Zo"  # first (preferred) name only
    dumped = json.dumps(payload)
    assert "Bhriain" not in dumped and "Northfield" not in dumped and "Kavanagh" not in dumped
    payload["student_first_name"] = "Zoë Ní Bhriain"
    env["payload"] = base64.b64encode(json.dumps(payload).encode()).decode()
    with pytest.raises(PackageRejected) as info:
        read_invitation(json.dumps(env).encode(), ctx.today())
    assert info.value.reason == "bad-signature"
    with pytest.raises(PackageRejected) as info:
        read_invitation(raw, ctx.today() + timedelta(days=11))
    assert info.value.reason == "expired"
