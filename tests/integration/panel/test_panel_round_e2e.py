"""Done when: a whole QA round between separate data directories over WebDAV.

A panel chair, a second reviewer and two PEs with the demo data: request →
bundles → verified import (each class of bad bundle rejected and quarantined,
nothing half-imported) → two reviews with a moderated disagreement → feedback
visible on the PE's original reports (and logged as CPD) → a signed learnings
summary PDF checked with pdftotext and pdfsig.
"""

from __future__ import annotations

import io
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path

import pytest
from clocks import make_clock

pytestmark = pytest.mark.skipif(not (shutil.which("pdftotext") and shutil.which("pdfsig")),
                                reason="needs poppler-utils")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/ for dav_server
from dav_server import PASSWORD, USER, DavServer  # noqa: E402

ROUND = "NW-2026"


def cli(capsys, *argv: str, code: int = 0) -> str:
    from pe_desktop.cli.main import main

    capsys.readouterr()
    got = main(list(argv))
    out = capsys.readouterr()
    assert got == code, out.out + out.err
    return out.out


@pytest.fixture
def env(monkeypatch, tmp_path):
    from pe_desktop.services.secret_store import SecretStore

    stores: dict[str, SecretStore] = {}
    monkeypatch.setattr("pe_desktop.cli.cmd_signing.open_store",
                        lambda keys: stores.setdefault(str(keys), SecretStore.in_memory()))
    monkeypatch.setenv("PE_DESKTOP_WEBDAV_PASSWORD", PASSWORD)
    server = DavServer(tmp_path)
    yield server
    server.stop()


# -- bad bundles, made from a good one -------------------------------------------------
def _repack(zip_bytes: bytes, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(zip_bytes))
    members = {n: src.read(n) for n in src.namelist()}
    change(members)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for n, data in members.items():
            zf.writestr(n, data)
    return buf.getvalue()


def bad_bundles(good: bytes, identity: str, recipient: str) -> dict[str, bytes]:
    from pe_desktop.services.packages.cms import sign_detached
    from pe_desktop.services.packages.keys import (
        AgeKeyPair,
        age_decrypt,
        age_encrypt,
        new_signing_key,
    )

    plain = age_decrypt(good, identity)
    names = zipfile.ZipFile(io.BytesIO(plain)).namelist()
    item = next(n for n in names if n.endswith(".json") and n.startswith("items/"))

    def tamper(m):
        m[item] = m[item].replace(b'"kind"', b'"kind" ', 1)

    def unsign(m):
        del m["manifest.json.p7s"]

    def altered_manifest(m):
        m["manifest.json"] = m["manifest.json"].replace(b'"eligible": ', b'"eligible": 1')

    def other_key(m):  # a key claiming the same pseudonym
        pseudonym = json.loads(m["manifest.json"])["contributor"]["pseudonym"]
        key = new_signing_key(pseudonym, make_clock().now(), "PE Desktop QA contributor")
        m["manifest.json.p7s"] = sign_detached(m["manifest.json"], key)
        m["signer.pem"] = key.cert_pem.encode()

    def enc(change) -> bytes:
        return age_encrypt(_repack(plain, change), [recipient])

    return {
        "hash-mismatch": enc(tamper),
        "missing-file": enc(unsign),
        "bad-signature": enc(altered_manifest),
        "untrusted-signer": enc(other_key),
        "wrong-recipient": age_encrypt(plain, [AgeKeyPair.generate().recipient]),
        "truncated": good[: len(good) // 2],
    }


def _fp(text: str) -> list[str]:
    return re.findall(r"(?:[0-9A-F]{2}:){31}[0-9A-F]{2}", text)


def test_whole_round_between_four_data_directories(env, tmp_path, capsys):
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data
    from pe_desktop.services.packages.package import sha256

    chair, second = str(tmp_path / "chair"), str(tmp_path / "second")
    pes = {"NCC": str(tmp_path / "pe1"), "IND": str(tmp_path / "pe2")}
    ctx = open_context(pes["NCC"], clock=make_clock())
    create_demo_data(ctx, currency=False)  # reports and QA history (~10 s: made once)
    ctx.close()
    shutil.copytree(pes["NCC"], pes["IND"])  # the second PE: same demo, own keys and codes

    def dav(d: str) -> None:
        cli(capsys, "--data-dir", d, "qa", "target", "add", "dav", "--webdav", env.url,
            "--user", USER)

    # The chair sets up and publishes two rounds.
    cli(capsys, "--data-dir", chair, "panel", "init", "--name", "North West QA panel")
    dav(chair)
    request = tmp_path / "request.json"
    for rid in (ROUND, "NW-2027"):
        cli(capsys, "--data-dir", chair, "panel", "round", "create", "--round", rid,
            "--from", "2023-12-01", "--to", "2026-11-30", "--rate", "5", "--due", "2026-12-15",
            "--org", "NCC=Northfield City Council", "--org", "IND=Independent PEs",
            "--out", str(request if rid == ROUND else tmp_path / "r2.json"))
    cli(capsys, "--data-dir", chair, "panel", "round", "publish", "--round", ROUND,
        "--target", "dav")

    # Each PE pulls the request, approves its sample and pushes its bundle.
    for org, d in pes.items():
        dav(d)
        assert f"Imported round {ROUND}" in cli(capsys, "--data-dir", d, "qa", "requests")
        cli(capsys, "--data-dir", d, "qa", "approve", "--round", ROUND, "--org", org)
        cli(capsys, "--data-dir", d, "qa", "push")
    goods = sorted(f for f in env.files() if f.startswith(f"qa-bundle-{ROUND}-"))
    assert len(goods) == 2

    # Pull: both imported, keys pending until the chair confirms them.
    out = cli(capsys, "--data-dir", chair, "panel", "pull", "--round", ROUND)
    assert out.count("imported dav:") == 2 and "awaits confirmation" in out
    for fp in _fp(cli(capsys, "--data-dir", chair, "panel", "enrol", "--round", ROUND)):
        cli(capsys, "--data-dir", chair, "panel", "enrol", "--round", ROUND, "--confirm", fp)
    status = json.loads(cli(capsys, "--data-dir", chair, "panel", "round", "status", "--round",
                            ROUND, "--json"))
    received = status["received_items"]
    assert received == status["expected_items"] >= 4 and status["pending_contributors"] == 0
    assert set(status["per_org"]) == {"NCC", "IND"}

    # Every class of bad bundle: rejected with its reason, quarantined, nothing imported.
    ident = tmp_path / "panel-identity.txt"
    cli(capsys, "--data-dir", chair, "panel", "identity", "export", "--out", str(ident))
    identity = ident.read_text().strip().splitlines()[-1]
    recipient = re.search(r"age1[0-9a-z]+", ident.read_text()).group(0)
    good = (env.root / goods[0]).read_bytes()
    bad = bad_bundles(good, identity, recipient)
    for reason, data in bad.items():
        name = goods[0] if reason == "truncated" else f"qa-bundle-{ROUND}-{sha256(data)}.age"
        if reason == "truncated":  # cut short: the name's hash is of the whole file
            name = f"qa-bundle-{ROUND}-{sha256(good + b'more')}.age"
        (env.root / name).write_bytes(data)
    (env.root / f"qa-bundle-NW-2027-{sha256(good)}.age").write_bytes(good)  # replayed
    out = cli(capsys, "--data-dir", chair, "panel", "pull", "--round", ROUND, code=3)
    assert out.count("already imported") == 2 and out.count("REJECTED") == len(bad)
    for reason in bad:
        assert f": {reason}: " in out, (reason, out)
    out2 = cli(capsys, "--data-dir", chair, "panel", "pull", "--round", "NW-2027", code=3)
    assert ": wrong-round: " in out2
    quarantine = tmp_path / "chair" / "panel" / "quarantine"
    assert len(list((quarantine / ROUND).glob("*.age"))) == len(bad)
    assert len(list((quarantine / "NW-2027").glob("*.age"))) == 1
    after = json.loads(cli(capsys, "--data-dir", chair, "panel", "round", "status", "--round",
                           ROUND, "--json"))
    assert after["received_items"] == received and after["contributors"] == 2
    assert (quarantine / ROUND).stat().st_mode & 0o077 == 0

    # A second reviewer on their own laptop joins, pulls, reviews and sends signed reviews.
    joined = cli(capsys, "--data-dir", second, "panel", "join", "--identity", str(ident),
                 "--request", str(request), "--name", "Sam Reviewer")
    member_fp = _fp(joined)[0]
    dav(second)
    cli(capsys, "--data-dir", second, "panel", "pull", "--round", ROUND, code=3)  # sees the bad
    for fp in _fp(cli(capsys, "--data-dir", second, "panel", "enrol", "--round", ROUND)):
        cli(capsys, "--data-dir", second, "panel", "enrol", "--round", ROUND, "--confirm", fp)
    items = {i["return_code"]: i for i in status["items"]}
    ncc = [c for c, i in items.items() if i["organisation_code"] == "NCC"]
    disputed, agreed, leaked = ncc[0], ncc[1], ncc[2] if len(ncc) > 2 else None

    from pe_desktop.services.panel.review import PanelReviewService, report_text

    ctx = open_context(chair, clock=make_clock())
    text = report_text(PanelReviewService(ctx).item(ROUND, agreed).report)
    ctx.close()
    excerpt = " ".join(text.split()[:12])

    def form(who: str, code: str, rating: str, themes=(), gp=()) -> Path:
        tpl = json.loads(cli(capsys, "--data-dir", who, "panel", "review", "--round", ROUND,
                             "--code", code, "--template"))
        assert tpl["allowed_ratings"] and all(r["rating"] == "" for r in tpl["ratings"])
        for r in tpl["ratings"]:
            r["rating"], r["comment"] = rating, f"{rating} by {Path(who).name}"
        tpl["themes"], tpl["good_practice"] = list(themes), list(gp)
        path = tmp_path / f"{Path(who).name}-{code}.json"
        path.write_text(json.dumps(tpl))
        return path

    theme = "Observations well analysed"
    for who, rating in ((second, "meets"), (chair, "not_met")):
        cli(capsys, "--data-dir", who, "panel", "review", "--round", ROUND, "--code", disputed,
            "--from-json", str(form(who, disputed, rating, [theme])))
        cli(capsys, "--data-dir", who, "panel", "review", "--round", ROUND, "--code", agreed,
            "--from-json", str(form(who, agreed, "meets", [theme], [excerpt])))
    cli(capsys, "--data-dir", second, "panel", "review", "--round", ROUND, "--export",
        "--target", "dav")
    # Not pinned yet: refused. Pinned: merged.
    assert "untrusted-signer" in cli(capsys, "--data-dir", chair, "panel", "review", "--round",
                                     ROUND, "--import", code=3)
    cli(capsys, "--data-dir", chair, "panel", "member", "add", "--name", "Sam Reviewer",
        "--fingerprint", member_fp)
    assert "imported 2 reviews by Sam Reviewer" in cli(
        capsys, "--data-dir", chair, "panel", "review", "--round", ROUND, "--import")
    st = json.loads(cli(capsys, "--data-dir", chair, "panel", "round", "status", "--round",
                        ROUND, "--json"))
    states = {i["return_code"]: i["review_state"] for i in st["items"]}
    assert states[disputed] == "needs_moderation" and states[agreed] == "agreed"
    mod = json.loads(cli(capsys, "--data-dir", chair, "panel", "moderate", "--round", ROUND,
                         "--code", disputed, "--template"))
    assert {"Sam Reviewer", "Chair"} <= set(mod["ratings"][0]["reviewers"])
    for r in mod["ratings"]:
        r["rating"], r["comment"] = "partly", "agreed at the panel meeting"
    mod["reasons"] = "Evidence is present but thin; both views partly right."
    (tmp_path / "mod.json").write_text(json.dumps(mod))
    cli(capsys, "--data-dir", chair, "panel", "moderate", "--round", ROUND, "--code", disputed,
        "--from-json", str(tmp_path / "mod.json"), "--moderator", "Pat Chair")
    if leaked:
        cli(capsys, "--data-dir", chair, "panel", "leak", "--round", ROUND, "--code", leaked,
            "--where", "domain 3, second paragraph")

    # Feedback to the PEs: each sees only their own, on the original report.
    sent = cli(capsys, "--data-dir", chair, "panel", "feedback", "send", "--round", ROUND)
    assert f"{disputed}\tqueued" in sent and f"{agreed}\tqueued" in sent
    fb = json.loads(cli(capsys, "--data-dir", pes["NCC"], "qa", "feedback", "--json"))
    got = {f["return_code"]: f for f in fb["feedback"]}
    assert disputed in got and agreed in got
    assert all(p["status"] != "rejected" for p in fb["pulled"])
    assert got[disputed]["moderated"] and got[disputed]["criteria"][0]["rating"] == "partly"
    assert excerpt in got[agreed]["good_practice"]
    assert " — " in got[agreed]["report"] and got[agreed]["placement_id"]
    if leaked:
        assert got[leaked]["leak"] == {"reported": True, "where": "domain 3, second paragraph"}
    other = json.loads(cli(capsys, "--data-dir", pes["IND"], "qa", "feedback", "--json"))
    assert other["feedback"] == []
    cli(capsys, "--data-dir", pes["NCC"], "qa", "feedback", "--log-cpd", agreed)
    from sqlalchemy import select

    from pe_desktop.storage.models import CpdEntry

    ctx = open_context(pes["NCC"], clock=make_clock())
    with ctx.read_session() as s:
        titles = s.scalars(select(CpdEntry.title)).all()
    ctx.close()
    assert any(agreed in t for t in titles)

    # The learnings summary, signed by the panel.
    pdf = tmp_path / "summary.pdf"
    cli(capsys, "--data-dir", chair, "panel", "summary", "--round", ROUND, "--out", str(pdf),
        "--sign")
    import subprocess

    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    flat = " ".join(words.split())
    for needle in ("Ratings per criterion", "Themes", theme, "Pat Chair", "Sam Reviewer",
                   excerpt[:30], "Actions for PEPS training"):
        assert needle in flat, needle
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "North West QA panel" in sig and "Signature is Valid" in sig
