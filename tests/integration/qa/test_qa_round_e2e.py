"""Done when: a panel, a PE and a WebDAV server, as a new user would run them.

panel init → round create → the PE imports the request → sees the selection
with reasons → approves → pushes to a real WebDAV server; the file there opens
with the standard ``age`` tool and the panel's exported identity, its manifest
signature verifies with ``openssl cms``, and no name, place or identifier of
the demo database appears anywhere in what was decrypted.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from clocks import make_clock

pytestmark = pytest.mark.skipif(not (shutil.which("age") and shutil.which("openssl")
                                     and shutil.which("pdftotext")),
                                reason="needs the age, openssl and pdftotext tools")

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # tests/ for dav_server
from dav_server import PASSWORD, USER, DavServer  # noqa: E402


def cli(capsys, *argv: str) -> str:
    from pe_desktop.cli.main import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    assert code == 0, out.err
    return out.out


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c)).casefold()


def pii_strings(data_dir: Path) -> set[str]:
    """Every person, place, contact and identifier in the database, and each name's parts."""
    from sqlalchemy import select

    import pe_desktop.storage.models  # noqa: F401 - registers the tables
    from pe_desktop.services.context import open_context
    from pe_desktop.storage.base import Base

    ctx = open_context(data_dir, clock=make_clock())
    found: set[str] = set()
    with ctx.read_session() as s:
        for table in Base.metadata.sorted_tables:
            for col in table.columns:
                kind = col.info.get("pii")
                if kind not in ("person", "place", "identifier", "contact"):
                    continue
                for (v,) in s.execute(select(col).distinct()):
                    v = str(v or "").strip()
                    if not v:
                        continue
                    found.add(v)
                    if kind == "person":
                        found.update(w for w in re.split(r"[\s,;()]+", v)
                                     if len(w) >= 3 and w[0].isupper())
    ctx.close()
    # Role words stored where a person's name may also go ("owner: PE").
    # Role words stored where a person's name may also go ("owner: PE", a concern
    # "raised by: On-site supervisor", review attendees by role): not identifying,
    # and the anonymiser's own role labels use them.
    roles = {"pe", "student", "oss", "dr", "mr", "ms", "mrs", "tutor", "on-site",
             "on-site supervisor", "practice educator", "practice", "supervisor",
             "practice education consultant", "consultant", "other"}
    return {v for v in found if v.lower() not in roles}


@pytest.fixture
def env(monkeypatch, tmp_path):
    from pe_desktop.services.secret_store import SecretStore

    # One in-memory secret store per "machine" (the encrypted file's Argon2 unlock is
    # tested with the signing identity; here it would only add seconds per command).
    stores: dict[str, SecretStore] = {}
    monkeypatch.setattr("pe_desktop.cli.cmd_signing.open_store",
                        lambda keys: stores.setdefault(str(keys), SecretStore.in_memory()))
    monkeypatch.setenv("PE_DESKTOP_WEBDAV_PASSWORD", PASSWORD)
    server = DavServer(tmp_path)
    yield server
    server.stop()


def test_a_round_from_request_to_a_bundle_the_panel_opens(env, tmp_path, capsys):
    pe, panel = str(tmp_path / "pe"), str(tmp_path / "panel")
    from pe_desktop.services.context import open_context
    from pe_desktop.services.demo import create_demo_data

    ctx = open_context(pe, clock=make_clock())
    create_demo_data(ctx, currency=False)  # with reports and three years of QA history
    ctx.close()
    cli(capsys, "--data-dir", panel, "panel", "init", "--name", "North West QA panel")
    shown = cli(capsys, "--data-dir", panel, "panel", "identity", "show")
    recipient = re.search(r"age1[0-9a-z]+", shown).group(0)
    ident = tmp_path / "panel-identity.txt"
    cli(capsys, "--data-dir", panel, "panel", "identity", "export", "--out", str(ident))
    assert ident.stat().st_mode & 0o077 == 0 and recipient in ident.read_text()
    request = tmp_path / "request.json"
    cli(capsys, "--data-dir", panel, "panel", "round", "create", "--round", "NW-2026",
        "--from", "2023-12-01", "--to", "2026-11-30", "--rate", "10", "--due", "2026-12-15",
        "--org", "NCC=Northfield City Council", "--org", "IND=Independent PEs",
        "--out", str(request))

    out = cli(capsys, "--data-dir", pe, "qa", "requests", "--import", str(request))
    assert "Imported: round NW-2026" in out and "signature verified" in out
    sample = json.loads(cli(capsys, "--data-dir", pe, "qa", "sample", "--round", "NW-2026",
                            "--json"))
    assert sample["counts"]["eligible"] >= 20
    rules = {r for row in sample["reports"] for r in row["rules"]}
    assert rules == {"epr_fail", "borderline", "midway_concerns"}
    assert all(row["reason"] for row in sample["reports"])
    selected = [r for r in sample["reports"] if r["selected"]]

    out = cli(capsys, "--data-dir", pe, "qa", "approve", "--round", "NW-2026", "--org", "NCC")
    assert out.count("Approved ") == len(selected) and "Redactions in the round:" in out
    bundle_sha = re.search(r"sha256 ([0-9a-f]{64}), signed", out).group(1)

    cli(capsys, "--data-dir", pe, "qa", "target", "add", "panel-dav", "--webdav", env.url,
        "--user", USER)
    cli(capsys, "--data-dir", pe, "qa", "push")
    on_server = [f for f in env.files() if f.startswith("qa-bundle-NW-2026-")]
    assert on_server == [f"qa-bundle-NW-2026-{bundle_sha}.age"]
    shared = cli(capsys, "--data-dir", pe, "qa", "shared")
    assert "panel-dav" in shared and bundle_sha in shared

    # The panel opens it with the standard tools.
    work = tmp_path / "opened"
    work.mkdir()
    zpath = work / "bundle.zip"
    with zpath.open("wb") as fh:
        subprocess.run(["age", "-d", "-i", str(ident), str(env.root / on_server[0])],
                       stdout=fh, check=True, timeout=60)
    with zipfile.ZipFile(zpath) as zf:
        zf.extractall(work / "z")
    z = work / "z"
    proc = subprocess.run(
        ["openssl", "cms", "-verify", "-binary", "-inform", "DER", "-in",
         str(z / "manifest.json.p7s"), "-content", str(z / "manifest.json"),
         "-certfile", str(z / "signer.pem"), "-CAfile", str(z / "signer.pem"),
         "-purpose", "any", "-attime", str(int(make_clock().now().timestamp())),
         "-out", "/dev/null"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0 and "Verification successful" in proc.stderr, proc.stderr
    manifest = json.loads((z / "manifest.json").read_text())
    assert manifest["round_id"] == "NW-2026" and manifest["contributor"]["organisation_code"] \
        == "NCC" and manifest["selected"]["total"] == len(selected)
    assert len(manifest["items"]) == len(selected)
    # the PE's audit chain head, signed; the PE checks its trail against the panel's zip
    assert re.fullmatch(r"[0-9a-f]{64}", manifest["audit_chain_head"])
    out = cli(capsys, "--data-dir", pe, "audit", "verify", "--bundle", str(zpath))
    assert "Audit trail intact" in out

    texts = []
    for p in sorted(z.rglob("*")):
        if p.suffix == ".pdf":
            texts.append(subprocess.run(["pdftotext", str(p), "-"], capture_output=True,
                                        text=True, check=True).stdout)
            texts.append(subprocess.run(["pdfinfo", str(p)], capture_output=True,
                                        text=True).stdout)
        elif p.is_file() and p.suffix != ".p7s":
            texts.append(p.read_text(encoding="utf-8"))
    texts.append(subprocess.run(["openssl", "x509", "-noout", "-subject", "-in",
                                 str(z / "signer.pem")], capture_output=True, text=True).stdout)
    strings = pii_strings(Path(pe))
    assert len(strings) > 80

    def leaks(text: str) -> list[str]:
        blob = fold(text)
        return sorted(s for s in strings
                      if re.search(rf"(?<!\w){re.escape(fold(s))}(?!\w)", blob))

    assert leaks("\n".join(texts)) == []
    # The same check finds plenty in the ordinary PDF of a selected report.
    first = selected[0]
    plain = tmp_path / "plain.pdf"
    cli(capsys, "--data-dir", pe, "pdf", "--placement", str(first["placement_id"]),
        "--kind", first["kind"], "--out", str(plain))
    plain_text = subprocess.run(["pdftotext", str(plain), "-"], capture_output=True,
                                text=True, check=True).stdout
    assert first["student"] in leaks(plain_text)
