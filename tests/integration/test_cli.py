"""The CLI as a user runs it: a real process, a real data directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pe_desktop import __version__


def run(*args, data_dir=None, check=False):
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "pe_desktop"]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    proc = subprocess.run(cmd + list(args), capture_output=True, text=True, env=env, timeout=120)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_version():
    out = run("--version", check=True)
    assert out.stdout.strip() == f"PE Desktop {__version__}"


def test_demo_refuses_to_overwrite_without_force(tmp_path):
    d = tmp_path / "d"
    first = run("demo", data_dir=d, check=True)
    assert "12 placements" in first.stdout
    again = run("demo", data_dir=d)
    assert again.returncode != 0
    assert again.stderr.strip() == (
        "pe-desktop: error: the database already holds data; use --force to replace it"
    )
    assert run("demo", "--force", data_dir=d).returncode == 0
    # the demo a new user loads includes the PE's own currency record
    status = json.loads(run("currency", "--json", data_dir=d, check=True).stdout)
    assert {r["rule"]: r["state"] for r in status["reasons"]}["cpd"] == "current"
    # ... and signed reports for completed placements
    rows = json.loads(run("placements", "--json", data_dir=d, check=True).stdout)
    names = " ".join(r["student"] for r in rows)
    assert all(n in names for n in ("Siobhán Ní Bhriain", "Zoë", "Łukasz"))
    done = next(r for r in rows if r["status"] == "completed")
    pdf = d.parent / "epr.pdf"
    run("pdf", "--placement", str(done["id"]), "--kind", "final", "--out", str(pdf),
        data_dir=d, check=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "signed by Máire Ó Dónaill" in text and done["student"] in text


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PE_DESKTOP_DATA_DIR", str(tmp_path / "env-data"))
    run("demo", check=True)
    assert (tmp_path / "env-data" / "pe-desktop.sqlite").exists()


def test_export_import_round_trip(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    run("demo", data_dir=a, check=True)
    run("export", "--json", str(tmp_path / "x.json"), data_dir=a, check=True)
    run("import", "--json", str(tmp_path / "x.json"), data_dir=b, check=True)
    run("export", "--json", str(tmp_path / "y.json"), data_dir=b, check=True)
    x = json.loads((tmp_path / "x.json").read_text(encoding="utf-8"))
    y = json.loads((tmp_path / "y.json").read_text(encoding="utf-8"))
    x.pop("exported_at"), y.pop("exported_at")
    assert x == y
    listing = run("placements", "--json", data_dir=b, check=True)
    assert len(json.loads(listing.stdout)) == 22  # 12 recent + 10 earlier placements (peer QA history)


@pytest.mark.parametrize(
    "args,expected",
    [
        (("import", "--json", "{missing}"), "cannot read"),
        (("import", "--json", "{garbage}"), "is not valid JSON"),
        (("import", "--students-csv", "{garbage}"), "--students-csv needs --university"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, args, expected):
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{nope", encoding="utf-8")
    args = [a.format(missing=tmp_path / "missing.json", garbage=garbage) for a in args]
    proc = run(*args, data_dir=tmp_path / "d")
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0]


def test_failed_import_leaves_the_database_unchanged(tmp_path):
    d = tmp_path / "d"
    run("demo", data_dir=d, check=True)
    run("export", "--json", str(tmp_path / "before.json"), data_dir=d, check=True)
    doc = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    doc["tables"]["placements"][-1]["start_date"] = "not a date"
    (tmp_path / "bad.json").write_text(json.dumps(doc), encoding="utf-8")
    proc = run("import", "--json", str(tmp_path / "bad.json"), "--replace", data_dir=d)
    assert proc.returncode != 0
    assert "placements id=" in proc.stderr and "start_date" in proc.stderr
    run("export", "--json", str(tmp_path / "after.json"), data_dir=d, check=True)
    before = json.loads((tmp_path / "before.json").read_text(encoding="utf-8"))
    after = json.loads((tmp_path / "after.json").read_text(encoding="utf-8"))
    before.pop("exported_at"), after.pop("exported_at")
    assert before == after


def test_students_csv_via_cli(tmp_path):
    csv = tmp_path / "list.csv"
    csv.write_bytes(
        "\ufeffName,Student ID,Start date,Organisation,Placement\r\n"
        "Zoë Okafor,EB1,07/09/2026,Eastbrook Council,final\r\n".encode()
    )
    proc = run("import", "--students-csv", str(csv), "--university", "Eastbrook University",
               data_dir=tmp_path / "d")
    assert proc.returncode == 1 and "--date-format dmy" in proc.stderr  # 7 Sep or 9 Jul?
    proc = run("import", "--students-csv", str(csv), "--university", "Eastbrook University",
               "--date-format", "dmy", data_dir=tmp_path / "d", check=True)
    assert "Imported 1 students and 1 placements" in proc.stdout
    assert "Dates were read as day/month/year" in proc.stdout
    bad = tmp_path / "bad.csv"
    bad.write_text("Name,Student ID\r\n,EB2\r\nX,EB3,\r\n", encoding="utf-8")
    proc = run("import", "--students-csv", str(bad), "--university", "Eastbrook University",
               data_dir=tmp_path / "d")
    assert proc.returncode != 0 and "line 2" in proc.stderr


def test_newer_database_gives_a_clear_message(tmp_path):
    import sqlite3

    d = tmp_path / "d"
    run("demo", data_dir=d, check=True)
    con = sqlite3.connect(d / "pe-desktop.sqlite")
    con.execute("UPDATE alembic_version SET version_num='zzzz'")
    con.commit()
    con.close()
    proc = run("placements", data_dir=d)
    assert proc.returncode != 0 and "newer version of PE Desktop" in proc.stderr
