"""The data-protection commands as a user runs them (in-process for speed; one subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

from pe_desktop.cli.main import main


def _run(capsys, data_dir, *args) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_restore_check_audit_retention_subject_access(demo_ctx, tmp_path, capsys):
    d = demo_ctx.paths.root
    demo_ctx.close()
    code, out, _ = _run(capsys, d, "backup")
    assert code == 0 and "Backed up to" in out
    code, out, _ = _run(capsys, d, "backup", "--to", str(tmp_path / "usb"))
    assert code == 0 and str(tmp_path / "usb") in out
    code, out, _ = _run(capsys, d, "restore", "--list", "--json")
    rows = json.loads(out)
    manual = next(r for r in rows if r["label"] == "manual")
    assert manual["counts"]["students"] == 12 and not manual["problem"]
    code, out, _ = _run(capsys, d, "restore", manual["file"])
    assert code == 0 and "Restored" in out and "12 students" in out
    code, out, err = _run(capsys, d, "check")
    assert code == 0 and "Everything checked is intact." in out, err
    code, out, _ = _run(capsys, d, "audit", "--json", "--limit", "2")
    events = json.loads(out)
    assert [e["action"] for e in events][-1] == "restore"
    code, out, _ = _run(capsys, d, "audit", "verify")
    assert code == 0 and "Audit trail intact" in out
    code, out, _ = _run(capsys, d, "retention")
    assert code == 0
    code, out, _ = _run(capsys, d, "retention", "--set-years", "3", "--university",
                        "University of Northfield")
    assert code == 0 and "University of Northfield: 3" in out
    code, out, _ = _run(capsys, d, "placements", "--json")
    sid = json.loads(out)[0]["id"]
    code, out, err = _run(capsys, d, "subject-access", "--student", str(sid), "--out",
                          str(tmp_path / "sar"))
    assert code == 0 and (tmp_path / "sar" / "data.pdf").exists(), err
    code, _out, err = _run(capsys, d, "key", "rotate")
    assert code == 1 and "PE_DESKTOP_DATA_KEY" in err


def test_check_exits_non_zero_with_the_first_problem(ctx, tmp_path, capsys):
    from evidence_helpers import make_placement
    from sqlalchemy import text

    from pe_desktop.storage.models import AuditEvent  # noqa: F401 - the table under test

    make_placement(ctx)
    with ctx.session() as s:
        trigger = s.execute(text("SELECT sql FROM sqlite_master "
                                 "WHERE name = 'audit_events_no_update'")).scalar()
        s.execute(text("DROP TRIGGER audit_events_no_update"))
        s.execute(text("UPDATE audit_events SET record_uid = 'x' WHERE seq = 1"))
    d = ctx.paths.root
    ctx.close()
    # The guard trigger is gone: the schema check names it first.
    code, _out, err = _run(capsys, d, "check")
    assert code == 1
    assert err.strip() == ("pe-desktop: check failed: database schema damaged: "
                           "trigger audit_events_no_update is missing")
    # Put back (as someone covering their tracks would), the edited event is still found.
    from keys import TEST_KEY

    from pe_desktop.storage import crypto

    con = crypto.connect(d / "pe-desktop.sqlite", TEST_KEY)
    con.execute(trigger)
    con.commit()
    con.close()
    code, _out, err = _run(capsys, d, "check")
    assert code == 1
    assert err.strip() == "pe-desktop: check failed: audit trail: event 1 was altered after it was recorded"
    code, _out, err = _run(capsys, d, "audit", "verify")
    assert code == 1 and "event 1 was altered" in err


def test_wrong_key_is_one_clear_line_in_a_real_process(data_dir):
    env = {**__import__("os").environ, "PE_DESKTOP_DATA_KEY": "11" * 32}
    proc = subprocess.run([sys.executable, "-m", "pe_desktop", "--data-dir", str(data_dir),
                           "placements"], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.startswith("pe-desktop: error: PE Desktop cannot unlock your data: ")
    assert len(proc.stderr.strip().splitlines()) == 1
