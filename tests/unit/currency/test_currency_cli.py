"""``pe-desktop currency`` on a real data directory."""

from __future__ import annotations

import json

from pe_desktop.cli.main import main
from pe_desktop.services.currency.service import CpdInput, CurrencyService, RegistrationInput


def test_currency_prints_status_and_reasons(demo_ctx, data_dir, capsys, monkeypatch):
    svc = CurrencyService(demo_ctx)
    today = demo_ctx.today()
    svc.save_registration(RegistrationInput(today.replace(year=today.year + 2)))
    svc.save_cpd(CpdInput(today, "PE forum", 2.0))
    assert main(["--data-dir", str(data_dir), "currency", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["state"] in {"current", "at_risk", "lapsed"}
    rules = {r["rule"]: r for r in doc["reasons"]}
    # the default policy asks for engagement (one activity), not a number of hours
    assert rules["cpd"]["state"] == "current"
    assert "2 hours of CPD" in rules["cpd"]["text"] and "at least one entry" in \
        rules["cpd"]["text"]
    assert rules["registration"]["state"] == "current"
    assert doc["policy"]["student_within_months"] == 24

    assert main(["--data-dir", str(data_dir), "currency"]) == 0
    out = capsys.readouterr().out
    assert doc["state"].replace("_", " ").upper() in out.splitlines()[0].upper()
    assert "Continuing professional development: 2 hours of CPD" in out


def test_policy_commands(data_dir, tmp_path, capsys):
    policy = tmp_path / "north.json"
    policy.write_text(json.dumps({"name": "North TP", "cpd_min_hours": 1.5}))
    assert main(["--data-dir", str(data_dir), "currency", "--set-policy", str(policy)]) == 0
    assert "North TP" in capsys.readouterr().out
    assert main(["--data-dir", str(data_dir), "currency", "--show-policy", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["cpd_min_hours"] == 1.5 and shown["custom"] is True
    policy.write_text(json.dumps({"cpd_min_hours": -3}))
    assert main(["--data-dir", str(data_dir), "currency", "--set-policy", str(policy)]) == 1
    assert "cpd_min_hours: must be between 0 and 500" in capsys.readouterr().err
    assert main(["--data-dir", str(data_dir), "currency", "--reset-policy"]) == 0
    assert main(["--data-dir", str(data_dir), "currency", "--show-policy"]) == 0
    assert "(default)" in capsys.readouterr().out
