"""``panel criteria show|use|reset`` and ``panel init --chair``: a panel's own criteria
file with a version of its own, checked before use, one line for every bad file."""

from __future__ import annotations

import json

import pytest


@pytest.fixture
def panel(monkeypatch, tmp_path, capsys):
    from pe_desktop.services.secret_store import SecretStore

    store = SecretStore.in_memory()
    monkeypatch.setattr("pe_desktop.cli.cmd_signing.open_store", lambda keys: store)
    d = str(tmp_path / "chair")
    assert run(capsys, "--data-dir", d, "panel", "init", "--name", "NW panel",
               "--chair", "Pat Chair")[0] == 0
    return d


def run(capsys, *argv: str) -> tuple[int, str, str]:
    from pe_desktop.cli.main import main

    capsys.readouterr()
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_own_criteria_need_their_own_version_and_are_checked(panel, capsys, tmp_path):
    from clocks import make_clock

    from pe_desktop.services.context import open_context
    from pe_desktop.services.panel.review import criteria_for, member_name

    f = tmp_path / "criteria.json"
    code, out, _ = run(capsys, "--data-dir", panel, "panel", "criteria", "show", "--out", str(f))
    assert code == 0 and "Criteria v1 (shipped)" in out and "anonymisation" in out
    assert f.stat().st_mode & 0o077 == 0
    data = json.loads(f.read_text())
    data["criteria"].append({"key": "supervision_used", "title": "Supervision notes used",
                             "kinds": ["midway", "final"]})
    f.write_text(json.dumps(data))
    code, _, err = run(capsys, "--data-dir", panel, "panel", "criteria", "use", str(f))
    assert code != 0 and "version of their own" in err and len(err.strip().splitlines()) == 1
    data["version"] = "v1-nw"
    f.write_text(json.dumps(data))
    code, out, _ = run(capsys, "--data-dir", panel, "panel", "criteria", "use", str(f))
    assert code == 0 and "Criteria v1-nw (this panel)" in out and "supervision_used" in out
    f.write_text("{not json")
    code, _, err = run(capsys, "--data-dir", panel, "panel", "criteria", "use", str(f))
    assert code != 0 and len(err.strip().splitlines()) == 1
    data["criteria"] = data["criteria"][:1] * 2  # duplicate keys
    f.write_text(json.dumps(data))
    code, _, err = run(capsys, "--data-dir", panel, "panel", "criteria", "use", str(f))
    assert code != 0 and "distinct keys" in err
    ctx = open_context(panel, clock=make_clock())
    try:
        assert criteria_for(ctx).version == "v1-nw"  # the refused files changed nothing
        assert member_name(ctx) == "Pat Chair"
        stored = ctx.paths.root / "panel" / "criteria-v1-nw.json"
        assert stored.stat().st_mode & 0o077 == 0
    finally:
        ctx.close()
    code, out, _ = run(capsys, "--data-dir", panel, "panel", "criteria", "reset")
    assert code == 0 and "Criteria v1 (shipped)" in out
