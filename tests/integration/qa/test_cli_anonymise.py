"""``pe-desktop qa anonymise-text`` as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys


def run(*args, stdin=""):
    return subprocess.run([sys.executable, "-m", "pe_desktop", "qa", "anonymise-text", *args],
                          input=stdin, capture_output=True, text=True, timeout=120)


def test_stdin_to_stdout_with_counts(tmp_path):
    known = tmp_path / "known.json"
    known.write_text(json.dumps({"people": [{"role": "student", "name": "Zoë Haddad"}],
                                 "organisations": ["Kirklees Council"], "places": []}))
    proc = run("--known", str(known), stdin="Zoe met Kirklees staff on 12/03/2026.\n")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "[Student] met [Organisation] staff on [Date].\n"
    assert proc.stderr.strip() == "Redacted 3 (person: 1, organisation: 1, date: 1)"


def test_file_in_and_out(tmp_path):
    known = tmp_path / "known.json"
    known.write_text("{}")
    src = tmp_path / "in.txt"
    src.write_text("Call 07700 900123.", encoding="utf-8")
    out = tmp_path / "out.txt"
    proc = run("--known", str(known), str(src), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8") == "Call [Phone]."
    assert (out.stat().st_mode & 0o777) == 0o600


def test_bad_json_is_one_line(tmp_path):
    known = tmp_path / "known.json"
    for content in ("{bad", '{"people": [{"name": 1}]}'):
        known.write_text(content)
        proc = run("--known", str(known), stdin="x")
        assert proc.returncode != 0
        assert proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert proc.stderr.startswith("pe-desktop: error: ")
